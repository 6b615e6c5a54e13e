import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CRS84, crsForFiles, findCrs, CRS_LIST } from '../../geo/crs.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { badRequest } from '../errors.ts';
import { checkDate } from '../http/params.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { userRateLimit } from '../http/rate-limit.ts';
import { parseBbox, parseList } from '../ogc/ogc.params.ts';
import { DownloadQuery, MAX_DOWNLOAD_INDICATORS, MAX_DOWNLOAD_PERIODS } from './downloads.schemas.ts';

/** The map's data as a GIS file: GET /api/downloads/units (rules in downloads.service.ts). */
export const downloadsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/downloads/units',
    {
      config: { access: READERS, rateLimit: userRateLimit(app.config.DOWNLOAD_RATE_LIMIT) },
      schema: {
        tags: ['data'],
        summary: 'Tải dữ liệu bản đồ / the map view’s units with their values as a GIS file',
        description:
          'The units of `level` valid on `at` within `bbox` and the caller’s scope, with each indicator’s value in each ' +
          'month as a column `<key>_<YYYY>_<MM>` (the values the map shows, from /api/values), in `crs`. ' +
          'GeoPackage and GeoJSON keep full column names; a Shapefile’s DBF holds 10 characters, so its ZIP has ' +
          '`<name>_fields.csv` mapping them; CSV is UTF-8 with BOM, CRLF, one point on each unit’s surface (lon/lat or x/y). ' +
          'Recorded in the audit log as an export.',
        querystring: DownloadQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'the file' }),
          ...errorResponses(400),
        },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const at = q.at ? checkDate(q.at, 'at') : todayInVietnam();
      const named = q.crs === undefined ? CRS84 : findCrs(q.crs);
      // Files store longitude first: EPSG:4326 and CRS84 are the same file.
      const crs = named ? crsForFiles(named.epsg) : undefined;
      if (!crs) {
        throw badRequest(
          'params.unsupported_crs',
          `Hệ tọa độ không hỗ trợ / unsupported crs "${q.crs}"; supported: ${CRS_LIST.filter((c) => c.id !== 'CRS84')
            .map((c) => c.id)
            .join(', ')}`,
          { field: 'crs', params: { field: 'crs' } },
        );
      }
      const indicators = parseList(q.indicator, 'indicator', MAX_DOWNLOAD_INDICATORS);
      const periods = parseList(q.period, 'period', MAX_DOWNLOAD_PERIODS);
      if (indicators.length && !periods.length) {
        throw badRequest(
          'params.period_required',
          'Cần "period" (YYYY-MM) cho giá trị chỉ tiêu / "period" is needed with "indicator"',
          { field: 'period', params: { field: 'period' } },
        );
      }
      const download = await app.services.downloads.start(request.ctx, {
        format: q.format,
        level: q.level,
        at,
        bbox: q.bbox === undefined ? null : parseBbox(q.bbox, CRS84),
        indicators,
        periods: indicators.length ? periods : [],
        crs,
      });
      return reply
        .header('content-disposition', `attachment; filename="${download.fileName}"`)
        .header('x-feature-count', String(download.features))
        .type(download.contentType)
        .send(download.body as never);
    },
  );
};
