import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { ErrorResponse } from '../http/params.ts';
import { assertWholeArea } from '../settings/security-settings.service.ts';
import { removeDemo } from './remove-demo.ts';

/** The confirmation phrase the body must carry: this deletes data and cannot be undone. */
export const REMOVE_DEMO_CONFIRM = 'XOA DU LIEU MINH HOA';

export const removeDemoRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        body: Type.Object({ confirm: Type.Literal(REMOVE_DEMO_CONFIRM) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            demo: Type.Literal(false),
            observations: Type.Integer(),
            hotspots: Type.Integer(),
            units: Type.Integer(),
            users: Type.Integer(),
            user_rows_on_demo_units: Type.Object({
              observations: Type.Integer(),
              hotspots: Type.Integer(),
              plan_items: Type.Integer(),
            }),
            users_disabled: Type.Array(Type.String()),
          }),
          400: ErrorResponse,
          403: ErrorResponse,
        },
      },
    },
    async (request) => {
      assertWholeArea(request.scope);
      const result = await removeDemo(app.services.database.db, {
        user_id: request.actor?.id ?? null,
        username: request.actor?.username ?? null,
        ip: request.ip ?? null,
      });
      // Scopes of remaining users are cached in memory: they may have lost units.
      app.services.auth.invalidateScopes();
      app.services.tiles.invalidate();
      return { demo: false as const, ...result };
    },
  );
};
