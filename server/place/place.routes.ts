import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { checkDate } from '../http/params.ts';
import { Place, PlaceQuery } from './place.schemas.ts';

/** The deployment's place: the name the header and every export print, the extent maps open on. */
export const placeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { place } = app.services;

  app.get(
    '/api/place',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Địa bàn: tên và phạm vi / the area’s name and extent',
        description:
          'The name is the lowest unit above every ward on `at` (default: today in Vietnam), or the name an administrator set (PUT /api/settings/place); the extent is that of the wards on `at` in your scope.',
        querystring: PlaceQuery,
        response: { 200: Place, ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      return place.at(request.ctx, at);
    },
  );
};
