import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { checkDate, ErrorResponse } from '../http/params.ts';
import { UnitsQuery, UnitsResponse } from './units.schemas.ts';

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/units',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Ranh giới đơn vị hành chính / unit boundaries (GeoJSON)',
        description:
          'Units valid at `at` (default: today in Vietnam). Geometry in EPSG:4326; `geometry=false` for names and bounding boxes only.',
        querystring: UnitsQuery,
        response: { 200: UnitsResponse, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const s = app.services;
      const { level, geometry } = request.query;
      const { body } = await s.units.featureCollection(level, at, request.scope, await s.isDemo(), {
        geometry: geometry ?? true,
      });
      // Sent as text: the serializer would otherwise re-encode every coordinate.
      return reply.type('application/geo+json; charset=utf-8').send(body as never);
    },
  );
};
