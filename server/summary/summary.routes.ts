import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { Int } from '../http/numbers.ts';
import { ErrorResponse } from '../http/params.ts';

export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/summary',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tổng hợp năm cấp thành phố / city totals for a year',
        querystring: Type.Object({ year: Int({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            year: Type.Integer(),
            at: Type.String(),
            demo: Type.Boolean(),
            indicators: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const s = app.services;
      return { ...(await s.summary.year(request.query.year, request.scope)), demo: await s.isDemo() };
    },
  );
};
