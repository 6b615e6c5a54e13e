import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from './health.schemas.ts';

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { health } = app.services;

  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Tình trạng hệ thống / health', response: { 200: HealthResponse } },
    },
    async () => health.health(),
  );
};
