import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from './health.schemas.ts';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Tình trạng hệ thống / health', response: { 200: HealthResponse } },
    },
    async () => {
      const s = app.services;
      return {
        status: 'ok' as const,
        database: s.database.backend,
        postgis: await s.repos.health.postgisVersion(),
        demo: await s.isDemo(),
      };
    },
  );
};
