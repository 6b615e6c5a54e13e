import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS } from '../auth/roles.ts';
import { AppError, badRequest } from '../errors.ts';
import { Int, Num } from '../http/numbers.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';
import { saveBody } from '../http/upload.ts';
import type { ImportProgress } from './boundaries.service.ts';
import { ENCODING_CHOICES } from '../imports/text-encoding.ts';
import { BOUNDARY_FIELDS } from '../../geo/import-fields.ts';
import type { FieldMapping } from './mapping.ts';

const FILE_TYPES = [
  'application/json',
  'application/geo+json',
  'application/zip',
  'application/octet-stream',
  'application/geopackage+sqlite3',
  'application/x-sqlite3',
  'text/csv',
  'text/plain',
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
        summary:
          'Nhập ranh giới (GeoJSON, Shapefile ZIP, GeoPackage, CSV-WKT) thành phiên bản mới / import a boundary version',
        description:
          'Body: the file. All or nothing; `dry_run=true` (default) only reports, with a preview. Coordinates are ' +
          'transformed to EPSG:4326 from the file CRS (.prj, GeoJSON crs, or `srid` for CSV); VN-2000 gets the ' +
          'Decision 05/2007 seven-parameter shift. With `Accept: application/x-ndjson` the answer streams progress ' +
          'lines (`{"stage":"read","features":N}`, `check`, `commit`) and ends with `{"stage":"done","statusCode":…}` ' +
          'plus the report or the error. Text in a Shapefile DBF or a CSV may be UTF-8, UTF-16 (with BOM), ' +
          'Windows-1258, TCVN3 or VNI: the report says which was read (`encoding`, with sample names); `encoding=` ' +
          'overrides it. A GeoPackage with several vector layers needs `layer=` (the refusal lists them).',
        querystring: Type.Object(
          {
            valid_from: DateParam,
            dry_run: Type.Boolean({ default: true }),
            repair: Type.Boolean({ default: false }),
            srid: Type.Optional(Int({ minimum: 1024, maximum: 998999 })),
            tolerance: Num({ minimum: 0, maximum: 0.5, default: 0.01 }),
            mapping: Type.Optional(
              Type.String({ maxLength: 2000, description: 'JSON: {"code":"MA_XA","name":"TEN",…}' }),
            ),
            encoding: Type.Enum([...ENCODING_CHOICES], { default: 'auto' }),
            layer: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
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
      let mapping: FieldMapping = {};
      if (q.mapping) {
        try {
          mapping = JSON.parse(q.mapping) as FieldMapping;
        } catch {
          throw badRequest('mapping phải là JSON / mapping must be JSON', 'mapping');
        }
        if (
          typeof mapping !== 'object' ||
          mapping === null ||
          Array.isArray(mapping) ||
          Object.values(mapping).some((v) => typeof v !== 'string')
        ) {
          throw badRequest('mapping: {trường: tên cột} / mapping must map fields to column names', 'mapping');
        }
        const unknown = Object.keys(mapping).find((k) => !(BOUNDARY_FIELDS as readonly string[]).includes(k));
        if (unknown !== undefined) {
          throw badRequest(
            `mapping: trường không có / unknown field "${unknown.slice(0, 40)}"; fields: ${BOUNDARY_FIELDS.join(', ')}`,
            'mapping',
          );
        }
      }
      const options = {
        valid_from: checkDate(q.valid_from, 'valid_from'),
        dry_run: q.dry_run,
        repair: q.repair,
        mapping,
        tolerance: q.tolerance,
        encoding: q.encoding,
        ...(q.srid !== undefined ? { srid: q.srid } : {}),
        ...(q.layer !== undefined ? { layer: q.layer } : {}),
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
