import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { badRequest } from '../errors.ts';
import { Int } from '../http/numbers.ts';
import { checkDate, DateParam, ErrorResponse } from '../http/params.ts';
import { originOf } from '../http/origin.ts';
import { TileJsonSchema } from '../basemap/basemap.schemas.ts';
import { MAX_TILE_ZOOM, TILE_LAYERS } from './mvt.ts';
import { layerTileJson } from './tilejson.ts';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Browsers may reuse a tile for this long without asking. `private`: the same URL holds different
 * bytes for users with different unit scopes, so no shared cache (proxy, CDN) may store it; after
 * max-age the browser revalidates with If-None-Match and usually gets a body-less 304.
 */
export const TILE_MAX_AGE_S = 300;

const TileParams = Type.Object({
  layer: Type.Enum([...TILE_LAYERS], {
    description: 'ward = phường/xã, group = tổ dân phố/thôn, hotspot = tổ phức tạp',
  }),
  z: Int({ minimum: 0, maximum: MAX_TILE_ZOOM }),
  x: Int({ minimum: 0, maximum: 2 ** MAX_TILE_ZOOM - 1 }),
  y: Int({ minimum: 0, maximum: 2 ** MAX_TILE_ZOOM - 1 }),
});

export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/tiles/:layer.json',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'TileJSON của một lớp vector tile / TileJSON 3.0 of a vector tile layer',
        description:
          'Absolute same-origin tile URLs (QGIS, MapLibre add the layer by this URL; tiles need the same sign-in), ' +
          '`bounds` = the layer’s extent within the caller’s scope on `at` (default: today). `at` is kept in the tile URLs.',
        params: Type.Object({ layer: TileParams.properties.layer }),
        querystring: Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false }),
        response: { 200: Type.Omit(TileJsonSchema, ['schema', 'format', 'version']), 400: ErrorResponse },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : undefined;
      const { layer } = request.params;
      const [bounds, demo] = await Promise.all([
        app.services.tiles.bounds({ layer, at: at ?? todayInVietnam(), scope: request.scope }),
        app.services.isDemo(),
      ]);
      return layerTileJson(layer, originOf(request), at, bounds, demo);
    },
  );

  app.get(
    '/tiles/:layer/:z/:x/:y.mvt',
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Ranh giới dạng vector tile / boundaries as Mapbox Vector Tiles',
        description:
          'Units (ward, group) or hotspot groups valid at `at` (default: today in Vietnam), in the caller’s scope. ' +
          'Source layer = layer name; feature id = unit id as in /api/values. 204 when the tile is empty. ' +
          'Strong ETag, If-None-Match → 304, gzip on Accept-Encoding.',
        params: TileParams,
        querystring: Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false }),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: `${MVT_TYPE} (spec v2)` }),
          204: Type.Null({ description: 'no feature in this tile' }),
          304: Type.Null({ description: 'not modified (If-None-Match)' }),
          400: ErrorResponse,
        },
      },
      // The access plugin sets `Vary: Cookie, Authorization` on every data response; the body also
      // depends on Accept-Encoding. Route hooks run after the plugin's, so this one has the last word.
      onSend: async (_request, reply) => {
        reply.header('vary', 'Cookie, Authorization, Accept-Encoding');
      },
    },
    async (request, reply) => {
      const { layer, z, x, y } = request.params;
      const limit = 2 ** z;
      if (x >= limit) throw badRequest(`Tham số không hợp lệ / invalid tile column "x": ${x} ≥ 2^${z}`, 'x');
      if (y >= limit) throw badRequest(`Tham số không hợp lệ / invalid tile row "y": ${y} ≥ 2^${z}`, 'y');
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const tiles = app.services.tiles;
      const q = { layer, z, x, y, at, scope: request.scope };

      const gzip = acceptsGzip(request.headers['accept-encoding']);
      // Set on success only: an error must not be cached for max-age.
      const ok = (status: 200 | 204 | 304, etag: string) =>
        reply.status(status).header('cache-control', `private, max-age=${TILE_MAX_AGE_S}`).header('etag', `"${etag}"`);

      const etag = await tiles.etag(q);
      if (matches(request.headers['if-none-match'], etag)) return ok(304, gzip ? `${etag}-gz` : etag).send(null);

      const tile = await tiles.tile(q);
      if (tile.bytes.byteLength === 0) return ok(204, tile.etag).send(null);
      reply.type(MVT_TYPE);
      if (gzip) return ok(200, `${tile.etag}-gz`).header('content-encoding', 'gzip').send(tiles.gzipped(tile));
      return ok(200, tile.etag).send(Buffer.from(tile.bytes.buffer, tile.bytes.byteOffset, tile.bytes.byteLength));
    },
  );
};

/** Whether Accept-Encoding allows gzip (a `q=0` refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let star: boolean | undefined;
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (name !== 'gzip' && name !== '*') continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const ok = q === undefined || Number(q) > 0;
    if (name === 'gzip') return ok;
    star = ok;
  }
  return star ?? false;
}

/**
 * If-None-Match against a tile's ETag, by weak comparison as RFC 9110 asks: `W/` and the `-gz`
 * suffix of the gzip representation are ignored, so either representation's ETag revalidates.
 */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
    return tag === '*' || tag === etag || tag === `${etag}-gz`;
  });
}
