import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { kindsOfLevel } from '../../geo/levels.ts';
import { isMonth } from '../../geo/periods.ts';
import { EDITORS } from '../auth/roles.ts';
import { AppError, badRequest } from '../errors.ts';
import { ErrorResponse, MonthParam } from '../http/params.ts';
import { saveBody } from '../http/upload.ts';
import { recordExport } from '../exports/exports.service.ts';
import type { IndicatorRow } from '../indicators/indicators.repository.ts';
import { ImportsRepository } from './imports.repository.ts';
import { IndicatorImportService, ImportReport } from './indicator-import.service.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { ENCODING_CHOICES } from './text-encoding.ts';

const ReportError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  code: Type.Optional(Type.String()),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  report: Type.Optional(ImportReport),
});

/** Imports of editors' own data. Multipart is registered here only, with its own size limit. */
export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.config.IMPORT_MAX_BYTES;
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1_048_576, parts: 6, headerPairs: 100 },
  });
  const tooLarge = () =>
    new AppError(
      413,
      `Tệp vượt quá giới hạn ${maxBytes} byte (IMPORT_MAX_BYTES) / file larger than the ${maxBytes}-byte upload limit`,
    );
  const service = new IndicatorImportService(app.services.database.db, app.services.indicators);

  app.get(
    '/api/imports/indicators/template',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['data'],
        summary: 'Mẫu nhập số liệu chỉ tiêu / indicator import template (CSV or XLSX)',
        description:
          'Columns: Mã đơn vị, Tên đơn vị, Kỳ (YYYY-MM), then one per indicator ("Tên [key]"). Ratios expand ' +
          'to their numerator and denominator. With `period`, rows are filled with the units (in your scope) ' +
          'that the indicators are entered for, valid in that month.',
        querystring: Type.Object(
          {
            indicators: Type.String({ minLength: 1, maxLength: 2000, pattern: '^[a-z0-9_,]+$' }),
            format: Type.Enum(['csv', 'xlsx'], { default: 'csv' }),
            period: Type.Optional(MonthParam),
          },
          { additionalProperties: false },
        ),
        response: { 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const keys = [...new Set(request.query.indicators.split(',').filter(Boolean))];
      const catalogue = new Map((await app.services.indicators.list()).map((i) => [i.key, i]));
      const chosen: IndicatorRow[] = [];
      const push = (key: string) => {
        const i = catalogue.get(key);
        if (!i) {
          throw badRequest(
            `Chỉ tiêu không tồn tại / unknown indicator "${key}". Allowed: ${[...catalogue.keys()].join(', ')}`,
            'indicators',
          );
        }
        if (i.kind === 'ratio') {
          push(i.numerator_key!);
          push(i.denominator_key!);
        } else if (!chosen.includes(i)) chosen.push(i);
      };
      keys.forEach(push);
      if (!chosen.length) throw badRequest('Chưa chọn chỉ tiêu / no indicators given', 'indicators');

      const period = request.query.period;
      let rows: { code: string; name: string; period: string }[] = [];
      if (period && isMonth(period)) {
        const levels = [...new Set(chosen.map((i) => i.entry_level))];
        const kinds = levels.flatMap((l) => kindsOfLevel(l as 'group' | 'ward'));
        const d = `${period}-01`;
        rows = (await new ImportsRepository(app.services.database.db).unitsForMatching(kinds, request.scope))
          .filter((u) => u.in_scope && u.valid_from <= d && (u.valid_to === null || u.valid_to > d))
          .map((u) => ({ code: u.code, name: u.name, period }));
      }
      const name = `mau-nhap-chi-tieu${period ? `-${period}` : ''}`;
      // A template filled with the units of a month lists them: recorded like any export.
      await recordExport(app.services.audit, request, {
        format: request.query.format,
        kind: 'template',
        detail: {
          file_name: `${name}.${request.query.format}`,
          indicators: chosen.map((i) => i.key),
          rows: rows.length,
        },
      });
      if (request.query.format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send((await templateXlsx(chosen, rows)) as never);
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(templateCsv(chosen, rows) as never);
    },
  );

  app.post(
    '/api/imports/indicators',
    {
      config: { access: EDITORS, rateLimit: { max: app.config.IMPORT_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['data'],
        summary: 'Nhập số liệu chỉ tiêu / import indicator values (CSV or XLSX, multipart)',
        description:
          'multipart/form-data with `file` (CSV — UTF-8, UTF-16 with BOM, Windows-1258, TCVN3 or VNI, comma, ' +
          'semicolon or tab; or XLSX) and ' +
          'optionally `mapping` (JSON: {code?, name?, period?, indicators?: {key: header}}). dry_run=true ' +
          '(default) only reports; dry_run=false writes everything in one transaction, or nothing on any error. ' +
          "Re-importing the same file changes nothing. A CSV's encoding is detected (the report says which, " +
          'with sample names); `encoding=` overrides it.',
        consumes: ['multipart/form-data'],
        querystring: Type.Object(
          { dry_run: Type.Boolean({ default: true }), encoding: Type.Enum([...ENCODING_CHOICES], { default: 'auto' }) },
          { additionalProperties: false },
        ),
        response: { 200: ImportReport, 400: ReportError, 403: ReportError, 413: ReportError, 415: ReportError },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          'Cần gửi tệp dạng multipart/form-data (trường "file") / send the file as multipart/form-data in field "file"',
        );
      }
      let upload: Awaited<ReturnType<typeof saveBody>> | null = null;
      let filename = '';
      const fields: Record<string, string> = {};
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file') {
              part.file.resume();
              throw badRequest(`Trường tệp phải tên "file" / the file field must be named "file"`, part.fieldname);
            }
            // Streamed to disk, then read row by row: a 200 MB sheet is never held in memory.
            upload = await saveBody(part.file, maxBytes);
            if (part.file.truncated) throw tooLarge();
            filename = part.filename ?? '';
          } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
        }
      } catch (e) {
        upload?.dispose();
        const err = e as { code?: string; statusCode?: number };
        if (err.code === 'FST_REQ_FILE_TOO_LARGE' || err.statusCode === 413) throw tooLarge();
        if (e instanceof AppError) throw e;
        throw badRequest(`Dữ liệu tải lên không hợp lệ / malformed multipart upload: ${(e as Error).message}`);
      }
      if (!upload) throw badRequest('Thiếu tệp (trường "file") / no file in field "file"', 'file');
      let outcome;
      try {
        for (const k of Object.keys(fields)) {
          if (k !== 'mapping') throw badRequest(`Trường không được phép / unexpected form field "${k}"`, k);
        }
        outcome = await service.run(
          request,
          { path: upload.path, filename },
          { dryRun: request.query.dry_run, mapping: fields.mapping, encoding: request.query.encoding },
        );
      } finally {
        upload.dispose();
      }
      const { status, report } = outcome;
      if (status === 200) return report;
      const first = report.errors[0];
      return reply.status(status).send({
        statusCode: status,
        error: status === 403 ? 'Forbidden' : 'Bad Request',
        code: 'import.rejected',
        params: { errors_total: report.errors_total },
        message:
          `Không nhập được: ${report.errors_total} lỗi, không ghi gì / import rejected: ${report.errors_total} error(s), nothing written. ` +
          (first
            ? `${first.row === null ? '' : `Dòng/row ${first.row}`}${first.column ? `, cột/column "${first.column}"` : ''}: ${first.message}`
            : ''),
        report,
      });
    },
  );
};
