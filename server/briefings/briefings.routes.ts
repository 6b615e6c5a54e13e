import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { IdParams } from '../http/params.schemas.ts';
import { BriefingDetail, BriefingsResponse, CreateBriefingBody, UpdateBriefingBody } from './briefings.schemas.ts';

const errors = errorResponses(400, 403, 404);

/** Briefings (ordered saved views) for meetings: every signed-in role builds and presents them. */
export const briefingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.briefings;

  app.get(
    '/api/briefings',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Buổi trình chiếu / briefings the caller may see',
        response: { 200: BriefingsResponse },
      },
    },
    async (request) => ({ briefings: await service.list(request.ctx) }),
  );

  app.post(
    '/api/briefings',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tạo buổi trình chiếu / create a briefing from saved views',
        body: CreateBriefingBody,
        response: { 201: BriefingDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(request.ctx, request.body)),
  );

  app.get(
    '/api/briefings/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Buổi trình chiếu và các bản đồ theo thứ tự / a briefing with its views in order',
        params: IdParams,
        response: { 200: BriefingDetail, ...errors },
      },
    },
    async (request) => service.get(request.ctx, request.params.id),
  );

  app.patch(
    '/api/briefings/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Sửa buổi trình chiếu / rename a briefing or change its views',
        params: IdParams,
        body: UpdateBriefingBody,
        response: { 200: BriefingDetail, ...errors },
      },
    },
    async (request) => service.update(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/api/briefings/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Xóa buổi trình chiếu / delete a briefing (its views stay)',
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
