import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS } from '../auth/roles.ts';
import { Id } from '../http/numbers.ts';
import { DateParam, ErrorResponse } from '../http/params.ts';
import { HotspotCategory, HotspotDetail, HotspotStatus } from './hotspots.schemas.ts';
import { HotspotsService } from './hotspots.service.ts';

const Category = HotspotCategory;
const Status = HotspotStatus;
const Note = Type.String({ maxLength: 2000 });

const IdParams = Type.Object({ id: Id() }, { additionalProperties: false });
const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** Editors designate groups as hotspots, record status changes and edit attributes (scoped, audited). */
export const hotspotsWriteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const service = new HotspotsService(app.services.database.db);

  app.post(
    '/api/hotspots',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Xác định địa bàn phức tạp / designate a group as a hotspot',
        body: Type.Object(
          {
            unit_id: Id(),
            categories: Type.Array(Category, { minItems: 1, maxItems: 4 }),
            designated_on: DateParam,
            target_date: Type.Optional(Type.Union([DateParam, Type.Null()])),
            note: Type.Optional(Note),
          },
          { additionalProperties: false },
        ),
        response: { 201: HotspotDetail, ...errors },
      },
    },
    async (request, reply) => {
      const created = await service.designate(request, request.body);
      app.services.tiles.invalidate(); // tiles carry hotspots: serve the change at once
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/hotspots/:id/status',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Đổi trạng thái chuyển hóa / record a status change',
        params: IdParams,
        body: Type.Object(
          { status: Status, changed_on: DateParam, note: Type.Optional(Note) },
          { additionalProperties: false },
        ),
        response: { 200: HotspotDetail, ...errors },
      },
    },
    async (request) => {
      const changed = await service.changeStatus(request, request.params.id, request.body);
      app.services.tiles.invalidate();
      return changed;
    },
  );

  app.patch(
    '/api/hotspots/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa loại vấn đề, ngày mục tiêu, ghi chú / edit a hotspot',
        params: IdParams,
        body: Type.Object(
          {
            categories: Type.Optional(Type.Array(Category, { minItems: 1, maxItems: 4 })),
            target_date: Type.Optional(Type.Union([DateParam, Type.Null()])),
            note: Type.Optional(Note),
          },
          { additionalProperties: false },
        ),
        response: { 200: HotspotDetail, ...errors },
      },
    },
    async (request) => {
      const updated = await service.update(request, request.params.id, request.body);
      app.services.tiles.invalidate();
      return updated;
    },
  );
};
