import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS } from '../auth/roles.ts';
import { Id, IntOrNull, MAX_ID, Num } from '../http/numbers.ts';
import { ErrorResponse, MonthParam } from '../http/params.ts';
import { EditsService } from './edits.service.ts';

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const Count = IntOrNull({ minimum: 0, maximum: MAX_ID });
const Name = Type.String({ minLength: 1, maxLength: 200 });

/** Single corrections: one observation, or a unit's names and counts (never geometry or validity). */
export const editsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new EditsService(app.services.database.db, app.services.indicators);

  app.put(
    '/api/observations',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa một số liệu / set one value (indicator, unit, month)',
        description: 'Audited as entity_type "observation", entity_id "indicator:unit_id:YYYY-MM".',
        body: Type.Object(
          {
            indicator: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
            unit_id: Id(),
            period: MonthParam,
            value: Num({ minimum: -1e12, maximum: 1e12 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            indicator: Type.String(),
            unit_id: Type.Integer(),
            period: Type.String(),
            value: Type.Number(),
            before: Type.Union([Type.Number(), Type.Null()]),
            changed: Type.Boolean(),
          }),
          ...errors,
        },
      },
    },
    async (request) => service.setObservation(request, request.body),
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
        params: Type.Object({ id: Id() }, { additionalProperties: false }),
        body: Type.Object(
          {
            name: Type.Optional(Name),
            short_name: Type.Optional(Name),
            households: Type.Optional(Count),
            population: Type.Optional(Count),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            id: Type.Integer(),
            code: Type.String(),
            name: Type.String(),
            short_name: Type.String(),
            kind: Type.String(),
            households: Type.Union([Type.Integer(), Type.Null()]),
            population: Type.Union([Type.Integer(), Type.Null()]),
            valid_from: Type.String(),
            valid_to: Type.Union([Type.String(), Type.Null()]),
          }),
          ...errors,
        },
      },
    },
    async (request) => {
      const unit = await service.updateUnit(request, request.params.id, request.body);
      app.services.tiles.invalidate(); // tiles carry unit names
      return unit;
    },
  );
};
