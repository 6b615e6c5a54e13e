import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { EDITORS, READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { checkDate } from '../http/params.ts';
import { IdParams } from '../http/params.schemas.ts';
import {
  DesignateBody,
  HotspotDetail,
  HotspotsQuery,
  HotspotsResponse,
  StatusBody,
  UpdateHotspotBody,
} from './hotspots.schemas.ts';

const errors = errorResponses(400, 403, 404, 409);

/** Hotspot groups: everyone reads them in scope; editors designate, record status changes and edit (audited). */
export const hotspotsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { hotspots, demo } = app.services;

  app.get(
    '/api/hotspots',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tổ dân phố/thôn phức tạp và trạng thái chuyển hóa / hotspot groups',
        querystring: HotspotsQuery,
        response: { 200: HotspotsResponse, ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      return { at, demo: await demo.isDemo(), hotspots: await hotspots.listAt(request.ctx, at) };
    },
  );

  app.post(
    '/api/hotspots',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Xác định địa bàn phức tạp / designate a group as a hotspot',
        body: DesignateBody,
        response: { 201: HotspotDetail, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await hotspots.designate(request.ctx, request.body)),
  );

  app.post(
    '/api/hotspots/:id/status',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Đổi trạng thái chuyển hóa / record a status change',
        params: IdParams,
        body: StatusBody,
        response: { 200: HotspotDetail, ...errors },
      },
    },
    async (request) => hotspots.changeStatus(request.ctx, request.params.id, request.body),
  );

  app.patch(
    '/api/hotspots/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Sửa loại vấn đề, ngày mục tiêu, ghi chú / edit a hotspot',
        params: IdParams,
        body: UpdateHotspotBody,
        response: { 200: HotspotDetail, ...errors },
      },
    },
    async (request) => hotspots.update(request.ctx, request.params.id, request.body),
  );
};
