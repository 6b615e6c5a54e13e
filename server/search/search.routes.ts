import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { checkDate } from '../http/params.ts';
import { SearchQuery, SearchResponse } from './search.schemas.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { search } = app.services;

  app.get(
    '/api/search',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tìm phường/xã, tổ dân phố/thôn (có hoặc không dấu) / find a unit by name or code',
        querystring: SearchQuery,
        response: { 200: SearchResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      return { at, results: await search.units(request.ctx, request.query.q, at, request.query.limit) };
    },
  );
};
