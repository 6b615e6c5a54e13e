import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { EDITORS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { checkDate } from '../http/params.ts';
import { IdParams } from '../http/params.schemas.ts';
import { EditableUnit, UnitPatchBody, UnitsQuery, UnitsResponse } from './units.schemas.ts';

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { units, demo } = app.services;

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
        response: { 200: UnitsResponse, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const { level, geometry } = request.query;
      const { body } = await units.featureCollection(request.ctx, level, at, await demo.isDemo(), {
        geometry: geometry ?? true,
      });
      // Sent as text: the serializer would otherwise re-encode every coordinate.
      return reply.type('application/geo+json; charset=utf-8').send(body as never);
    },
  );

  app.patch(
    '/api/units/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa tên, số hộ, dân số của đơn vị / edit a unit’s names and counts',
        description:
          'Boundaries and validity dates are never edited in place (import a new boundary version). Audited as "unit".',
        params: IdParams,
        body: UnitPatchBody,
        response: { 200: EditableUnit, ...errorResponses(400, 403, 404) },
      },
    },
    async (request) => units.update(request.ctx, request.params.id, request.body),
  );
};
