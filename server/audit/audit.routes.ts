import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { DateParam, ErrorResponse } from '../http/params.ts';
import { AuditRow } from './audit.schemas.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/audit',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Nhật ký thao tác / audit log',
        querystring: Type.Object(
          {
            user_id: Type.Optional(Type.Integer({ minimum: 1 })),
            entity_type: Type.Optional(Type.String({ maxLength: 64 })),
            entity_id: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            unit: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 2147483647,
                description: 'unit id: entries about the unit or about its values, hotspots, crosswalk rows',
              }),
            ),
            from: Type.Optional(DateParam),
            to: Type.Optional(DateParam),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AuditRow), 400: ErrorResponse },
      },
    },
    async (request) =>
      (await app.services.repos.audit.list(request.query)).map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
  );
};
