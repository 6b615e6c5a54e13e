import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { todayInVietnam } from '../../geo/periods.ts';
import { READERS } from '../auth/roles.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { acceptsGzip, matches } from '../http/etag.ts';
import { checkDate } from '../http/params.ts';
import { checkTileInRange, TileParams, TileQuery } from './tiles.schemas.ts';
import { DateParam } from '../http/params.schemas.ts';
import { originOf } from '../http/origin.ts';
import { TileJsonSchema } from '../basemap/basemap.schemas.ts';
import { layerTileJson } from './tilejson.ts';

export const MVT_TYPE = 'application/vnd.mapbox-vector-tile';
/**
 * Browsers may reuse a tile for this long without asking. `private`: the same URL holds different
 * bytes for users with different unit scopes, so no shared cache (proxy, CDN) may store it; after
 * max-age the browser revalidates with If-None-Match and usually gets a body-less 304.
 */
export const TILE_MAX_AGE_S = 300;

export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { tiles } = app.services;

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
        response: { 200: Type.Omit(TileJsonSchema, ['schema', 'format', 'version']), ...errorResponses(400) },
      },
    },
    async (request) => {
      const at = request.query.at ? checkDate(request.query.at, 'at') : undefined;
      const { layer } = request.params;
      const [bounds, demo] = await Promise.all([
        app.services.tiles.bounds({ layer, at: at ?? todayInVietnam(), scope: request.ctx.scope }),
        app.services.demo.isDemo(),
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
        querystring: TileQuery,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: `${MVT_TYPE} (spec v2)` }),
          204: Type.Null({ description: 'no feature in this tile' }),
          304: Type.Null({ description: 'not modified (If-None-Match)' }),
          ...errorResponses(400),
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
      checkTileInRange(z, x, y);
      const at = request.query.at ? checkDate(request.query.at, 'at') : todayInVietnam();
      const q = { layer, z, x, y, at, scope: request.ctx.scope };

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
