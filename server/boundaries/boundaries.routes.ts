import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { badRequest } from '../errors.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';
import type { FieldMapping } from './mapping.ts';

const EDITORS = ['editor', 'admin'] as const;

export const boundariesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The file is the raw request body (GeoJSON, zipped Shapefile or CSV with WKT), so scripts can
  // send it with `curl --data-binary @file`. Encapsulated here: other routes keep parsing JSON.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(
    ['application/json', 'application/geo+json', 'application/zip', 'application/octet-stream', 'text/csv'],
    { parseAs: 'buffer', bodyLimit: app.config.IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/imports/boundaries',
    {
      bodyLimit: app.config.IMPORT_MAX_BYTES,
      config: { access: EDITORS, rateLimit: { max: app.config.IMPORT_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['data'],
        summary: 'Nhập ranh giới (GeoJSON, Shapefile ZIP, CSV-WKT) thành phiên bản mới / import a boundary version',
        description:
          'Body: the file. All or nothing; `dry_run=true` (default) only reports, with a preview. Coordinates are ' +
          'transformed to EPSG:4326 from the file CRS (.prj, GeoJSON crs, or `srid` for CSV); VN-2000 gets the ' +
          'Decision 05/2007 seven-parameter shift.',
        querystring: Type.Object(
          {
            valid_from: DateParam,
            dry_run: Type.Boolean({ default: true }),
            repair: Type.Boolean({ default: false }),
            srid: Type.Optional(Type.Integer({ minimum: 1024, maximum: 998999 })),
            tolerance: Type.Number({ minimum: 0, maximum: 0.5, default: 0.01 }),
            mapping: Type.Optional(
              Type.String({ maxLength: 2000, description: 'JSON: {"code":"MA_XA","name":"TEN",…}' }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Unknown(), 400: ErrorResponse, 413: ErrorResponse },
      },
    },
    async (request) => {
      const q = request.query;
      if (!Buffer.isBuffer(request.body))
        throw badRequest('Thiếu tệp trong thân yêu cầu / send the file as the body', 'file');
      let mapping: Partial<FieldMapping> = {};
      if (q.mapping) {
        try {
          mapping = JSON.parse(q.mapping) as Partial<FieldMapping>;
        } catch {
          throw badRequest('mapping phải là JSON / mapping must be JSON', 'mapping');
        }
        if (
          typeof mapping !== 'object' ||
          mapping === null ||
          Object.values(mapping).some((v) => typeof v !== 'string')
        ) {
          throw badRequest('mapping: {trường: tên cột} / mapping must map fields to column names', 'mapping');
        }
      }
      return app.services.boundaries.import(request, request.body, {
        valid_from: checkDate(q.valid_from, 'valid_from'),
        dry_run: q.dry_run,
        repair: q.repair,
        mapping,
        tolerance: q.tolerance,
        ...(q.srid !== undefined ? { srid: q.srid } : {}),
      });
    },
  );
};
