import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ADMINS, READERS } from '../auth/roles.ts';
import { ErrorResponse } from '../http/params.ts';
import { SecuritySettings, SecuritySettingsResponse } from './security-settings.schemas.ts';

/** Security settings: everyone signed in reads them (the token form shows the limit), administrators set them. */
export const securitySettingsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = app.services.securitySettings;

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
    async () => service.get(),
  );

  app.put(
    '/api/settings/security',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['admin'],
        summary: 'Đặt thời hạn tối đa của mã truy cập API / set the API token lifetime',
        body: SecuritySettings,
        response: { 200: SecuritySettingsResponse, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => service.set(request, request.body),
  );
};
