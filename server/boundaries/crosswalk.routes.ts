import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS, READERS } from '../auth/roles.ts';
import { notFound } from '../errors.ts';
import { Id, Num, NumOrNull } from '../http/numbers.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';

const Share = Num({ minimum: 0, maximum: 1 });
const Row = Type.Object({
  from_unit_id: Type.Integer(),
  from_code: Type.String(),
  from_name: Type.String(),
  from_valid_from: Type.String(),
  from_valid_to: Type.Union([Type.String(), Type.Null()]),
  to_unit_id: Type.Integer(),
  to_code: Type.String(),
  to_name: Type.String(),
  to_valid_from: Type.String(),
  to_valid_to: Type.Union([Type.String(), Type.Null()]),
  area_share: Type.Number(),
  household_share: Type.Union([Type.Number(), Type.Null()]),
});

/** Review and correct the crosswalk computed when a boundary version was imported. */
export const crosswalkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/crosswalk',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Bảng chuyển đổi giữa hai phiên bản ranh giới / crosswalk across a boundary change',
        querystring: Type.Object({ at: DateParam }, { additionalProperties: false }),
        response: { 200: Type.Object({ at: Type.String(), rows: Type.Array(Row) }), 400: ErrorResponse },
      },
    },
    async (request) => {
      const at = checkDate(request.query.at, 'at');
      return { at, rows: await app.services.repos.crosswalk.listAt(at, request.scope) };
    },
  );

  app.put(
    '/api/crosswalk',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa tỷ lệ chuyển đổi / correct a crosswalk share',
        body: Type.Object(
          {
            from_unit_id: Id(),
            to_unit_id: Id(),
            area_share: Share,
            household_share: NumOrNull({ minimum: 0, maximum: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Row, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const b = request.body;
      const repo = app.services.repos.crosswalk;
      const before = await repo.get(b.from_unit_id, b.to_unit_id, request.scope);
      if (!before)
        throw notFound(
          `Không có dòng chuyển đổi ${b.from_unit_id} → ${b.to_unit_id} / no such crosswalk row`,
          'from_unit_id',
        );
      await repo.setShares(b.from_unit_id, b.to_unit_id, b.area_share, b.household_share);
      app.services.tiles.invalidate(); // cached values re-expressed through the crosswalk are stale now
      const after = (await repo.get(b.from_unit_id, b.to_unit_id, request.scope))!;
      await app.services.audit.record(request, {
        action: 'crosswalk.update',
        entity_type: 'crosswalk',
        entity_id: `${b.from_unit_id}>${b.to_unit_id}`,
        before: { area_share: before.area_share, household_share: before.household_share },
        after: { area_share: after.area_share, household_share: after.household_share },
      });
      return after;
    },
  );
};
