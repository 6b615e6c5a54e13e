import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS } from '../auth/roles.ts';
import { AppError, badRequest } from '../errors.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';
import { saveBody } from '../http/upload.ts';
import type { ImportProgress } from './boundaries.service.ts';
import type { FieldMapping } from './mapping.ts';

const FILE_TYPES = [
  'application/json',
  'application/geo+json',
  'application/zip',
  'application/octet-stream',
  'text/csv',
];

export const boundariesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // The file is the raw request body (GeoJSON, zipped Shapefile or CSV with WKT), so scripts can
  // send it with `curl --data-binary @file`; it is streamed to disk, never held whole in memory.
  // Encapsulated here: other routes keep parsing JSON.
  app.removeContentTypeParser(['application/json']);
  app.addContentTypeParser(FILE_TYPES, (_request, payload, done) => done(null, payload));

  app.post(
    '/api/imports/boundaries',
    {
      config: { access: EDITORS, rateLimit: { max: app.config.IMPORT_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['data'],
        summary: 'Nhập ranh giới (GeoJSON, Shapefile ZIP, CSV-WKT) thành phiên bản mới / import a boundary version',
        description:
          'Body: the file. All or nothing; `dry_run=true` (default) only reports, with a preview. Coordinates are ' +
          'transformed to EPSG:4326 from the file CRS (.prj, GeoJSON crs, or `srid` for CSV); VN-2000 gets the ' +
          'Decision 05/2007 seven-parameter shift. With `Accept: application/x-ndjson` the answer streams progress ' +
          'lines (`{"stage":"read","features":N}`, `check`, `commit`) and ends with `{"stage":"done","statusCode":…}` ' +
          'plus the report or the error.',
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
    async (request, reply) => {
      const q = request.query;
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw badRequest('Thiếu tệp trong thân yêu cầu / send the file as the body', 'file');
      }
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
      const options = {
        valid_from: checkDate(q.valid_from, 'valid_from'),
        dry_run: q.dry_run,
        repair: q.repair,
        mapping,
        tolerance: q.tolerance,
        ...(q.srid !== undefined ? { srid: q.srid } : {}),
      };
      const upload = await saveBody(body, app.config.IMPORT_MAX_BYTES);
      const streaming = /application\/x-ndjson/.test(request.headers.accept ?? '');
      try {
        if (!streaming) {
          const report = await app.services.boundaries.import(request, upload.path, options);
          if (report.committed) app.services.tiles.invalidate();
          return report;
        }
        // Progress for the page's progress bar: the status line is sent now, the outcome comes last.
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'application/x-ndjson; charset=utf-8',
        });
        const line = (o: unknown) => reply.raw.write(`${JSON.stringify(o)}\n`);
        try {
          const report = await app.services.boundaries.import(request, upload.path, options, (p: ImportProgress) =>
            line(p),
          );
          if (report.committed) app.services.tiles.invalidate();
          line({ stage: 'done', statusCode: 200, report });
        } catch (e) {
          const err = e instanceof AppError ? e : null;
          if (!err) request.log.error({ err: e }, 'boundary import failed');
          line({
            stage: 'done',
            statusCode: err?.statusCode ?? 500,
            message: err?.message ?? 'Lỗi máy chủ / internal server error',
            ...(err?.field ? { field: err.field } : {}),
            ...(err?.details !== undefined ? { report: err.details } : {}),
          });
        }
        reply.raw.end();
        return reply;
      } finally {
        upload.dispose();
      }
    },
  );
};
