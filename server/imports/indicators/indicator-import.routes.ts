import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EDITORS } from '../../auth/roles.ts';
import { AppError, badRequest } from '../../errors.ts';
import { sendDownload } from '../../http/download.ts';
import { errorResponses } from '../../http/errors.schemas.ts';
import { saveBody } from '../../http/upload.ts';
import { ImportQuery, ImportReport, ReportError, TemplateQuery } from './indicator-import.schemas.ts';

/** Imports of editors' own data. Multipart is registered here only, with its own size limit. */
export const indicatorImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const maxBytes = app.config.IMPORT_MAX_BYTES;
  await app.register(fastifyMultipart, {
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1_048_576, parts: 6, headerPairs: 100 },
  });
  const tooLarge = () =>
    new AppError(
      413,
      'import.too_large',
      `Tệp vượt quá giới hạn ${maxBytes} byte (IMPORT_MAX_BYTES) / file larger than the ${maxBytes}-byte upload limit`,
      { field: 'file', params: { max_bytes: maxBytes } },
    );
  const { indicatorImport, importTemplate } = app.services;

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
        querystring: TemplateQuery,
        response: errorResponses(400),
      },
    },
    async (request, reply) => sendDownload(reply, await importTemplate.template(request.ctx, request.query)),
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
        querystring: ImportQuery,
        response: { 200: ImportReport, 400: ReportError, 403: ReportError, 413: ReportError, 415: ReportError },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          'import.not_multipart',
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
              throw badRequest(
                'import.unexpected_field',
                `Trường tệp phải tên "file" / the file field must be named "file"`,
                {
                  field: part.fieldname,
                },
              );
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
        throw badRequest(
          'import.upload_broken',
          `Dữ liệu tải lên không hợp lệ / malformed multipart upload: ${(e as Error).message}`,
          { field: 'file' },
        );
      }
      if (!upload)
        throw badRequest('import.no_file', 'Thiếu tệp (trường "file") / no file in field "file"', { field: 'file' });
      let outcome;
      try {
        for (const k of Object.keys(fields)) {
          if (k !== 'mapping') {
            throw badRequest('import.unexpected_field', `Trường không được phép / unexpected form field "${k}"`, {
              field: k,
            });
          }
        }
        outcome = await indicatorImport.run(
          request.ctx,
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
