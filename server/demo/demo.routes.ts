import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { REMOVE_DEMO_CONFIRM, RemoveDemoBody, RemoveDemoResponse } from './demo.schemas.ts';

export const removeDemoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { demo } = app.services;

  app.post(
    '/api/admin/remove-demo',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Xóa toàn bộ dữ liệu minh họa / remove all demo data',
        description:
          `Deletes every demo-flagged observation, hotspot, unit (with links) and demo account in one transaction; ` +
          `/api/health then says demo:false. Body: {"confirm": "${REMOVE_DEMO_CONFIRM}"}.`,
        body: RemoveDemoBody,
        response: { 200: RemoveDemoResponse, ...errorResponses(400, 403) },
      },
    },
    async (request) => ({ demo: false as const, ...(await demo.remove(request.ctx)) }),
  );
};
