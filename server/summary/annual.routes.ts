import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { sendDownload } from '../http/download.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { AnnualQuery, AnnualSummary } from './annual.schemas.ts';

/** The yearly report's table for a year and the year before, as JSON and as a workbook. */
export const annualSummaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { annualSummary, demo } = app.services;

  app.get(
    '/api/summary/annual',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng tổng hợp năm so với năm trước / annual summary with the year before',
        querystring: AnnualQuery,
        response: { 200: AnnualSummary, ...errorResponses(400) },
      },
    },
    async (request) => ({
      ...(await annualSummary.table(request.ctx, request.query.year)),
      demo: await demo.isDemo(),
    }),
  );

  app.get(
    '/api/summary/annual.xlsx',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng tổng hợp năm (Excel) / annual summary as XLSX',
        querystring: AnnualQuery,
        response: errorResponses(400),
      },
    },
    async (request, reply) => sendDownload(reply, await annualSummary.workbook(request.ctx, request.query.year)),
  );
};
