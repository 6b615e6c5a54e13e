import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { ExportSettings, SecuritySettings, SecuritySettingsResponse } from './settings.schemas.ts';

/**
 * Settings: everyone signed in reads them (the token form shows the lifetime limit, every export
 * prints the export lines); administrators of the whole area set them (audited).
 */
export const settingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { settings } = app.services;

  app.get(
    '/api/settings/security',
    {
      config: { access: READERS },
      schema: {
        tags: ['auth'],
        summary: 'Thời hạn tối đa của mã truy cập API / security settings (API token lifetime)',
        response: { 200: SecuritySettingsResponse },
      },
    },
    async () => settings.security(),
  );

  app.put(
    '/api/settings/security',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Đặt thời hạn tối đa của mã truy cập API / set the API token lifetime',
        body: SecuritySettings,
        response: { 200: SecuritySettingsResponse, ...errorResponses(400, 403) },
      },
    },
    async (request) => settings.setSecurity(request.ctx, request.body),
  );

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
    async () => settings.exportSettings(),
  );

  app.put(
    '/api/settings/export',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Đặt dòng mật, nguồn số liệu, ghi công / set the lines printed on exports',
        body: ExportSettings,
        response: { 200: ExportSettings, ...errorResponses(400, 403) },
      },
    },
    async (request) => settings.setExport(request.ctx, request.body),
  );
};
