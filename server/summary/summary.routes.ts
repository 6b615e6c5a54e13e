import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { SummaryQuery, SummaryResponse } from './summary.schemas.ts';

export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { summary, demo } = app.services;

  app.get(
    '/api/summary',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tổng hợp năm cấp thành phố / city totals for a year',
        querystring: SummaryQuery,
        response: { 200: SummaryResponse, ...errorResponses(400) },
      },
    },
    async (request) => ({ ...(await summary.year(request.ctx, request.query.year)), demo: await demo.isDemo() }),
  );
};
