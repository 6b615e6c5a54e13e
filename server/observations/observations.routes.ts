import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EDITORS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { SetObservationBody, SetObservationResult } from './observations.schemas.ts';

/** Single corrections of one value (imports write many: POST /api/imports/indicators). */
export const observationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { observations } = app.services;

  app.put(
    '/api/observations',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa một số liệu / set one value (indicator, unit, month)',
        description: 'Audited as entity_type "observation", entity_id "indicator:unit_id:YYYY-MM".',
        body: SetObservationBody,
        response: { 200: SetObservationResult, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => observations.set(request.ctx, request.body),
  );
};
