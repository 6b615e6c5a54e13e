import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS, READERS } from '../auth/roles.ts';
import { ErrorResponse } from '../http/params.ts';
import { ExportSettings } from './briefings.schemas.ts';
import { ExportSettingsService } from './export-settings.service.ts';

/** The lines every export prints: read by everyone who exports, set by administrators (audited). */
export const exportSettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new ExportSettingsService(app.services.database.db);

  app.get(
    '/api/settings/export',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Dòng mật, nguồn số liệu, ghi công in trên bản xuất / lines printed on exports',
        response: { 200: ExportSettings },
      },
    },
    async () => service.get(),
  );

  app.put(
    '/api/settings/export',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Đặt dòng mật, nguồn số liệu, ghi công / set the lines printed on exports',
        body: ExportSettings,
        response: { 200: ExportSettings, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => service.set(request, request.body),
  );
};
