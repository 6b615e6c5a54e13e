import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { foldVietnamese } from '../../geo/text.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { checkDate, ErrorResponse } from '../http/params.ts';
import { SearchQuery, SearchResponse } from './search.schemas.ts';

export const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/search',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tìm phường/xã, tổ dân phố/thôn (có hoặc không dấu) / find a unit by name or code',
        querystring: SearchQuery,
        response: { 200: SearchResponse, 400: ErrorResponse },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const terms = foldVietnamese(request.query.q).split(' ').filter(Boolean).slice(0, 8);
      const results = await app.services.repos.search.units(terms, at, request.scope, request.query.limit);
      return { at, results };
    },
  );
};
