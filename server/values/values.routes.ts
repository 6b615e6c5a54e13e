import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { lastDayOfMonth } from '../../geo/periods.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { matches } from '../http/etag.ts';
import { checkDate } from '../http/params.ts';
import { encodeValues, VALUES_BIN_TYPE } from '../../geo/values-codec.ts';
import { ValuesIdsQuery, ValuesQuery, ValuesResponse } from './values.schemas.ts';
import { toMatrix } from './values.service.ts';

/**
 * Values change whenever data are imported, so clients revalidate every time (`no-cache`); the
 * ETag is a hash of the body, so an unchanged matrix costs a 304 without the bytes. `private`: the
 * same URL holds different rows for users with different unit scopes.
 */
export const VALUES_CACHE_CONTROL = 'private, no-cache';

export const valuesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { values, demo } = app.services;
  // The body also depends on Accept (JSON or binary); route hooks run after the access plugin's.
  const vary = async (_request: unknown, reply: { header(k: string, v: string): unknown }) => {
    reply.header('vary', 'Cookie, Authorization, Accept');
  };

  app.get(
    '/api/values',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Ma trận số liệu của một chỉ tiêu / all periods of one indicator',
        description:
          'values[i][j] is the value of unit ids[i] in periods[j] (null when missing), for the units valid at `at` ' +
          '(default: the last day of `to`), aggregated from groups to wards by the indicator rules. ' +
          'With `format=bin` or `Accept: application/octet-stream`: the same matrix as a compact binary body ' +
          '(header + Int32 ids + Float32/Float64 values, NaN = null; see server/values/codec.ts). ' +
          'Strong ETag (hash of the body), If-None-Match → 304.',
        querystring: ValuesQuery,
        response: {
          200: ValuesResponse,
          304: Type.Null({ description: 'not modified (If-None-Match)' }),
          ...errorResponses(400),
        },
      },
      onSend: vary,
    },
    async (request, reply) => {
      const q = request.query;
      const at = q.at ? checkDate(q.at, 'at') : lastDayOfMonth(q.to);
      const [grid, isDemo] = await Promise.all([
        values.grid({ indicator: q.indicator, level: q.level, from: q.from, to: q.to, at, scope: request.ctx.scope }),
        demo.isDemo(),
      ]);
      const binary = q.format === 'bin' || (q.format === undefined && wantsBinary(request.headers.accept));
      let body: Buffer;
      if (binary) {
        const includeIds = q.ids_version !== grid.idsVersion;
        const bytes = encodeValues(grid, { demo: isDemo, idsVersion: grid.idsVersion, includeIds });
        body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        reply.type(VALUES_BIN_TYPE);
      } else {
        const m = toMatrix(grid);
        body = Buffer.from(
          JSON.stringify({
            indicator: m.indicator,
            level: m.level,
            at: m.at,
            demo: isDemo,
            periods: m.periods,
            ids: m.ids,
            values: m.values,
            reexpressed: m.reexpressed,
          }),
        );
        reply.type('application/json; charset=utf-8');
      }
      return sendWithEtag(request.headers['if-none-match'], reply, body, bytesHash(body));
    },
  );

  app.get(
    '/api/values/ids',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Danh sách mã đơn vị của một phiên bản ranh giới / the row ids of every values matrix',
        description:
          'The ids of the units of `level` valid at `at` in the caller’s scope, in matrix row order, as raw ' +
          'little-endian Int32. ETag = the idsVersion named in binary values bodies: a client that holds it ' +
          'passes `ids_version` to /api/values and receives bodies without ids.',
        querystring: ValuesIdsQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: `${VALUES_BIN_TYPE} (Int32 LE)` }),
          304: Type.Null({ description: 'not modified (If-None-Match)' }),
          ...errorResponses(400),
        },
      },
      onSend: vary,
    },
    async (request, reply) => {
      const at = checkDate(request.query.at, 'at');
      const ids = await values.ids(request.query.level, at, request.ctx.scope);
      reply.type(VALUES_BIN_TYPE);
      return sendWithEtag(request.headers['if-none-match'], reply, int32Bytes(ids.typed), ids.version);
    },
  );
};

interface EtagReply {
  status(code: number): EtagReply;
  header(k: string, v: string): EtagReply;
  send(body: unknown): EtagReply;
}

function sendWithEtag<R extends EtagReply>(ifNoneMatch: string | undefined, reply: R, body: Buffer, etag: string): R {
  reply.header('cache-control', VALUES_CACHE_CONTROL).header('etag', `"${etag}"`);
  if (matches(ifNoneMatch, etag)) return reply.status(304).send(null) as R;
  return reply.status(200).send(body) as R;
}

/** Whether Accept prefers the binary body (asks for application/octet-stream, not only JSON). */
export function wantsBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    return type === VALUES_BIN_TYPE && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

function int32Bytes(ids: Int32Array): Buffer {
  return Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength);
}

export function bytesHash(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('base64url').slice(0, 27);
}
