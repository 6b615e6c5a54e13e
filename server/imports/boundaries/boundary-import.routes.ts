import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { EDITORS } from '../../auth/roles.ts';
import { AppError, badRequest } from '../../errors.ts';
import { errorBody } from '../../http/error-handler.ts';
import { errorResponses } from '../../http/errors.schemas.ts';
import { checkDate } from '../../http/params.ts';
import { saveBody } from '../../http/upload.ts';
import { BoundaryImportQuery } from './boundary-import.schemas.ts';
import type { ImportProgress } from './boundary-import.service.ts';
import { parseMapping } from './mapping.ts';

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

export const boundaryImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { boundaryImport } = app.services;
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
        querystring: BoundaryImportQuery,
        response: { 200: Type.Unknown(), ...errorResponses(400, 413) },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).pipe !== 'function') {
        throw badRequest('import.no_file', 'Thiếu tệp trong thân yêu cầu / send the file as the body', {
          field: 'file',
        });
      }
      const options = {
        valid_from: checkDate(q.valid_from, 'valid_from'),
        dry_run: q.dry_run,
        repair: q.repair,
        mapping: parseMapping(q.mapping),
        tolerance: q.tolerance,
        encoding: q.encoding,
        ...(q.srid !== undefined ? { srid: q.srid } : {}),
        ...(q.layer !== undefined ? { layer: q.layer } : {}),
      };
      const upload = await saveBody(body, app.config.IMPORT_MAX_BYTES);
      const streaming = /application\/x-ndjson/.test(request.headers.accept ?? '');
      try {
        if (!streaming) {
          return await boundaryImport.import(request.ctx, upload.path, options);
        }
        // Progress for the page's progress bar: the status line is sent now, the outcome comes last.
        reply.hijack();
        reply.raw.writeHead(200, {
          ...(reply.getHeaders() as OutgoingHttpHeaders),
          'content-type': 'application/x-ndjson; charset=utf-8',
        });
        const line = (o: unknown) => reply.raw.write(`${JSON.stringify(o)}\n`);
        try {
          const report = await boundaryImport.import(request.ctx, upload.path, options, (p: ImportProgress) => line(p));
          line({ stage: 'done', statusCode: 200, report });
        } catch (e) {
          const err = e instanceof AppError ? e : null;
          if (!err) request.log.error({ err: e }, 'boundary import failed');
          const { details, ...body } = errorBody(
            err ?? new AppError(500, 'server.error', 'Lỗi máy chủ / internal server error'),
          );
          line({ stage: 'done', ...body, ...(details !== undefined ? { report: details } : {}) });
        }
        reply.raw.end();
        return reply;
      } finally {
        upload.dispose();
      }
    },
  );
};
