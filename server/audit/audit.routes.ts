import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ADMINS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { AuditQuery, AuditRow } from './audit.schemas.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { auditLog } = app.services;

  app.get(
    '/api/admin/audit',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Nhật ký thao tác / audit log',
        querystring: AuditQuery,
        response: { 200: Type.Array(AuditRow), ...errorResponses(400) },
      },
    },
    async (request) => auditLog.list(request.ctx, request.query),
  );
};
