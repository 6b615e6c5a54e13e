import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { ExportSettings, PlaceSettings, SecuritySettings, SecuritySettingsResponse } from './settings.schemas.ts';

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

  app.get(
    '/api/settings/place',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tên địa bàn do quản trị viên đặt / the area name set by an administrator',
        description: 'Empty names: the name comes from the data (GET /api/place).',
        response: { 200: PlaceSettings },
      },
    },
    async () => settings.placeSettings(),
  );

  app.put(
    '/api/settings/place',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Đặt tên địa bàn / set the area name (over the one from the data)',
        body: PlaceSettings,
        response: { 200: PlaceSettings, ...errorResponses(400, 403) },
      },
    },
    async (request) => settings.setPlace(request.ctx, request.body),
  );
};
