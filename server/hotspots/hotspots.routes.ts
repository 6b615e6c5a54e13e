import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';
import { Hotspot } from './hotspots.schemas.ts';

export const hotspotsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/hotspots',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Tổ dân phố/thôn phức tạp và trạng thái chuyển hóa / hotspot groups',
        querystring: Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ at: Type.String(), demo: Type.Boolean(), hotspots: Type.Array(Hotspot) }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const s = app.services;
      return { at, demo: await s.isDemo(), hotspots: await s.repos.hotspots.listAt(at, request.scope) };
    },
  );
};
