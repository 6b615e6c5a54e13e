import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { VersionsQuery, VersionsResponse } from './boundaries.schemas.ts';

/** The boundary versions the data holds: the web picks the one valid at a period's end. */
export const boundariesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { boundaries } = app.services;

  app.get(
    '/api/boundaries/versions',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Các phiên bản ranh giới / boundary versions of a level',
        description:
          'Every version of the level in the data, oldest first: its dates, its number of units and what changed from the previous one (counted from the units and the crosswalk). Counted within your scope.',
        querystring: VersionsQuery,
        response: { 200: VersionsResponse, ...errorResponses(400) },
      },
    },
    async (request) => boundaries.versions(request.ctx, request.query.level),
  );
};
