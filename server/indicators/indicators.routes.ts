import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import {
  CreateIndicatorBody,
  Indicator,
  IndicatorKeyParams,
  IndicatorsResponse,
  UpdateIndicatorBody,
} from './indicators.schemas.ts';

/**
 * The indicator catalogue: everyone signed in reads it (retired indicators included, marked, so old
 * views and reports still name them; pickers leave them out); administrators of the whole area add,
 * edit, retire, restore and delete indicators (audited; an indicator with values is never deleted).
 */
export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { indicators } = app.services;

  app.get(
    '/api/indicators',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Danh mục chỉ tiêu / indicator catalogue',
        description: 'Every indicator, retired ones included (retired_at set): pickers leave those out.',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: IndicatorsResponse },
      },
    },
    async () => ({ demo: await app.services.demo.isDemo(), indicators: await indicators.list() }),
  );

  app.post(
    '/api/indicators',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Thêm chỉ tiêu / add an indicator',
        body: CreateIndicatorBody,
        response: { 201: Indicator, ...errorResponses(400, 403, 409) },
      },
    },
    async (request, reply) => reply.status(201).send(await indicators.create(request.ctx, request.body)),
  );

  app.patch(
    '/api/indicators/:key',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Sửa chỉ tiêu / edit an indicator',
        description: 'The key never changes. Once values are stored, kind and entry level are fixed (409).',
        params: IndicatorKeyParams,
        body: UpdateIndicatorBody,
        response: { 200: Indicator, ...errorResponses(400, 403, 404, 409) },
      },
    },
    async (request) => indicators.update(request.ctx, request.params.key, request.body),
  );

  app.post(
    '/api/indicators/:key/retire',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Ngừng sử dụng chỉ tiêu / retire an indicator (history kept)',
        params: IndicatorKeyParams,
        response: { 200: Indicator, ...errorResponses(403, 404, 409) },
      },
    },
    async (request) => indicators.setRetired(request.ctx, request.params.key, true),
  );

  app.post(
    '/api/indicators/:key/restore',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Dùng lại chỉ tiêu đã ngừng / restore a retired indicator',
        params: IndicatorKeyParams,
        response: { 200: Indicator, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => indicators.setRetired(request.ctx, request.params.key, false),
  );

  app.delete(
    '/api/indicators/:key',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Xóa chỉ tiêu chưa có số liệu / delete an indicator without values',
        params: IndicatorKeyParams,
        response: { 204: Type.Null(), ...errorResponses(403, 404, 409) },
      },
    },
    async (request, reply) => {
      await indicators.delete(request.ctx, request.params.key);
      return reply.code(204).send(null);
    },
  );
};
