import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { IndicatorsResponse } from './indicators.schemas.ts';

export const indicatorsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/indicators',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Danh mục chỉ tiêu / indicator catalogue',
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: IndicatorsResponse },
      },
    },
    async () => ({ demo: await app.services.demo.isDemo(), indicators: await app.services.indicators.list() }),
  );
};
