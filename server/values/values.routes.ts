import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { lastDayOfMonth } from '../../geo/periods.ts';
import { checkDate, ErrorResponse } from '../http/params.ts';
import { ValuesQuery, ValuesResponse } from './values.schemas.ts';

export const valuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/values',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Ma trận số liệu của một chỉ tiêu / all periods of one indicator',
        description:
          'values[i][j] is the value of unit ids[i] in periods[j] (null when missing), for the units valid at `at` ' +
          '(default: the last day of `to`), aggregated from groups to wards by the indicator rules.',
        querystring: ValuesQuery,
        response: { 200: ValuesResponse, 400: ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      const at = q.at ? checkDate(q.at, 'at') : lastDayOfMonth(q.to);
      const s = app.services;
      const m = await s.values.matrix({
        indicator: q.indicator,
        level: q.level,
        from: q.from,
        to: q.to,
        at,
        scope: request.scope,
      });
      return { ...m, demo: await s.isDemo() };
    },
  );
};
