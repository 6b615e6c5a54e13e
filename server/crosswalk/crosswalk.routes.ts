import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EDITORS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { checkDate } from '../http/params.ts';
import { CrosswalkQuery, CrosswalkResponse, CrosswalkRow, SetSharesBody } from './crosswalk.schemas.ts';

/** Review and correct the crosswalk computed when a boundary version was imported. */
export const crosswalkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { crosswalk } = app.services;

  app.get(
    '/api/crosswalk',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng chuyển đổi giữa hai phiên bản ranh giới / crosswalk across a boundary change',
        querystring: CrosswalkQuery,
        response: { 200: CrosswalkResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = checkDate(request.query.at, 'at');
      return { at, rows: await crosswalk.listAt(request.ctx, at) };
    },
  );

  app.put(
    '/api/crosswalk',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa tỷ lệ chuyển đổi / correct a crosswalk share',
        body: SetSharesBody,
        response: { 200: CrosswalkRow, ...errorResponses(400, 404) },
      },
    },
    async (request) => crosswalk.setShares(request.ctx, request.body),
  );
};
