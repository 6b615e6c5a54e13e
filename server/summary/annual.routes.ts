import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { recordExport } from '../exports/exports.service.ts';
import { ErrorResponse } from '../http/params.ts';
import { AnnualQuery, AnnualSummary } from './annual.schemas.ts';
import { annualXlsx } from './annual.xlsx.ts';

/** The yearly report's table for a year and the year before, as JSON and as a workbook. */
export const annualSummaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/summary/annual',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng tổng hợp năm so với năm trước / annual summary with the year before',
        querystring: AnnualQuery,
        response: { 200: AnnualSummary, 400: ErrorResponse },
      },
    },
    async (request) => {
      const s = app.services;
      return { ...(await s.annualSummary.table(request.query.year, request.scope)), demo: await s.isDemo() };
    },
  );

  app.get(
    '/api/summary/annual.xlsx',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng tổng hợp năm (Excel) / annual summary as XLSX',
        querystring: AnnualQuery,
        response: { 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const s = app.services;
      const table = await s.annualSummary.table(request.query.year, request.scope);
      const scopeLabel = request.scope.all ? 'Toàn thành phố' : 'Trong phạm vi được giao';
      const body = await annualXlsx(table, await s.isDemo(), scopeLabel);
      await recordExport(s.audit, request, {
        format: 'xlsx',
        kind: 'annual_summary',
        detail: { year: table.year, file_name: `tong-hop-nam-${table.year}.xlsx`, rows: table.rows.length },
      });
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="tong-hop-nam-${table.year}.xlsx"`)
        .send(body as never);
    },
  );
};
