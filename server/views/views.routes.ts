import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { IdParams } from '../http/params.schemas.ts';
import { CreateViewBody, ReorderViewsBody, SavedView, UpdateViewBody, ViewsResponse } from './views.schemas.ts';

const errors = errorResponses(400, 403, 404);

/** Saved map views: every signed-in role saves and sees views shared within its scope. */
export const viewsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.views;

  app.get(
    '/api/views',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bản đồ đã lưu / saved map views the caller may see',
        response: { 200: ViewsResponse },
      },
    },
    async (request) => ({ views: await service.list(request.ctx) }),
  );

  app.post(
    '/api/views',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Lưu bản đồ hiện tại / save a map view',
        body: CreateViewBody,
        response: { 201: SavedView, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.ctx, request.body)),
  );

  app.put(
    '/api/views/order',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Sắp xếp bản đồ đã lưu của mình / reorder your own saved views',
        body: ReorderViewsBody,
        response: { 200: ViewsResponse, ...errors },
      },
    },
    async (request) => ({ views: await service.reorder(request.ctx, request.body.ids) }),
  );

  app.patch(
    '/api/views/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Đổi tên, ghi chú hoặc trạng thái bản đồ đã lưu / rename or edit a saved view',
        params: IdParams,
        body: UpdateViewBody,
        response: { 200: SavedView, ...errors },
      },
    },
    async (request) => service.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/views/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Xóa bản đồ đã lưu / delete a saved view (also from briefings)',
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.delete(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
