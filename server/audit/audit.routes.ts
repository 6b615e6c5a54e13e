import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { Id, Int } from '../http/numbers.ts';
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
            user_id: Type.Optional(Id()),
            entity_type: Type.Optional(Type.String({ maxLength: 64 })),
            entity_id: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            unit: Type.Optional(Id('unit id: entries about the unit or about its values, hotspots, crosswalk rows')),
            from: Type.Optional(DateParam),
            to: Type.Optional(DateParam),
            limit: Int({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Int({ minimum: 0, maximum: 10_000_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AuditRow), 400: ErrorResponse },
      },
    },
    async (request) => {
      // An administrator limited to some wards reads what they and the accounts they manage did.
      const byUsers = await app.services.users.managedIds(request);
      const rows = await app.services.repos.audit.list({ ...request.query, ...(byUsers ? { by_users: byUsers } : {}) });
      return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    },
  );
};
