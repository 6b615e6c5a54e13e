import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { SetupStatus } from './setup.schemas.ts';

export const setupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { setup } = app.services;

  app.get(
    '/api/setup',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['system'],
        summary: 'Tiến độ thiết lập ban đầu (ranh giới, chỉ tiêu, số liệu) / first-run setup status',
        response: { 200: SetupStatus, ...errorResponses(401, 403) },
      },
    },
    async () => setup.status(),
  );
};
