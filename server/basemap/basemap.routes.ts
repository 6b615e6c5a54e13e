import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { READERS } from '../auth/roles.ts';
import { notFound } from '../errors.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { acceptsGzip, matches } from '../http/etag.ts';
import { MVT_TYPE } from '../tiles/tiles.routes.ts';
import { checkTileInRange } from '../tiles/tiles.schemas.ts';
import {
  ArchiveParams,
  BasemapListSchema,
  BasemapTileParams,
  BasemapTileQuery,
  TileJsonSchema,
} from './basemap.schemas.ts';
import { BASEMAP_PREFIX } from './basemap.service.ts';

/** A tile URL carrying the archive's current version never changes: browsers keep it a year. */
export const IMMUTABLE = 'private, max-age=31536000, immutable';
/** Without the version (or with an old one) the URL may later mean other bytes: revalidate soon. */
export const BASEMAP_MAX_AGE_S = 300;

// The id asked for is not echoed: it may be anything (a path, bytes), and the list says what exists.
const unknownArchive = () =>
  notFound('basemap.not_found', 'Không có bản đồ nền này / no such basemap archive (see GET /tiles/basemap)', {
    field: 'archive',
  });

/**
 * The offline basemap, same-origin: the archive list, a TileJSON per archive and its tiles. Same
 * access rule as the boundary tiles (any signed-in role). Basemap tiles hold public geography
 * (streets, rivers, names), not police data, so a ward-scoped user gets the whole archive; `private`
 * keeps shared caches from handing them to someone not signed in.
 */
export const basemapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const basemap = () => app.services.basemap;

  app.get(
    BASEMAP_PREFIX,
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'Danh sách bản đồ nền / offline basemap archives',
        description: 'The archives of BASEMAP_PATH (empty list when unset), each with its TileJSON path.',
        response: { 200: BasemapListSchema },
      },
    },
    async () => ({ archives: basemap().list() }),
  );

  app.get(
    `${BASEMAP_PREFIX}/:archive.json`,
    {
      config: { access: READERS },
      schema: {
        tags: ['data'],
        summary: 'TileJSON của bản đồ nền / basemap TileJSON 3.0',
        params: ArchiveParams,
        response: { 200: TileJsonSchema, 304: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      const tj = basemap().tileJson(request.params.archive);
      if (!tj) throw unknownArchive();
      const etag = `bmj-${tj.version}`;
      reply.header('etag', `"${etag}"`).header('cache-control', 'private, no-cache');
      if (matches(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return tj;
    },
  );

  // `.pbf` is what OpenMapTiles tools write in their TileJSON; both name the same tile.
  for (const ext of ['mvt', 'pbf']) {
    app.get(
      `${BASEMAP_PREFIX}/:archive/:z/:x/:y.${ext}`,
      {
        config: { access: READERS },
        schema: {
          tags: ['data'],
          summary: 'Ô bản đồ nền / basemap vector tile',
          description:
            'A tile of the archive as stored (Mapbox Vector Tile). Stored gzip is sent as is when Accept-Encoding ' +
            'allows, unzipped otherwise. Strong ETag, If-None-Match → 304; 204 where the archive has no tile. With ' +
            '`v` equal to the archive version (as in the TileJSON URL) the tile is cached as immutable.',
          params: BasemapTileParams,
          querystring: BasemapTileQuery,
          response: {
            200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: `${MVT_TYPE} (spec v2)` }),
            204: Type.Null(),
            304: Type.Null(),
            ...errorResponses(400, 404),
          },
        },
        // After the access plugin's `Vary: Cookie, Authorization`: the body also depends on Accept-Encoding.
        onSend: async (_request, reply) => {
          reply.header('vary', 'Cookie, Authorization, Accept-Encoding');
        },
      },
      async (request, reply) => {
        const { archive, z, x, y } = request.params;
        const service = basemap();
        const version = service.version(archive);
        if (!version) throw unknownArchive();
        checkTileInRange(z, x, y);

        const gzip = acceptsGzip(request.headers['accept-encoding']);
        const cache = request.query.v === version ? IMMUTABLE : `private, max-age=${BASEMAP_MAX_AGE_S}`;
        const ok = (status: 200 | 204 | 304, etag: string) =>
          reply.status(status).header('cache-control', cache).header('etag', `"${etag}"`);

        const etag = service.etag(archive, z, x, y)!;
        if (matches(request.headers['if-none-match'], etag)) return ok(304, gzip ? `${etag}-gz` : etag).send(null);

        const tile = (await service.tile(archive, z, x, y, gzip))!;
        if (tile.body.byteLength === 0) return ok(204, tile.etag).send(null);
        reply.type(MVT_TYPE);
        const body = Buffer.from(tile.body.buffer, tile.body.byteOffset, tile.body.byteLength);
        if (tile.gzip) return ok(200, `${tile.etag}-gz`).header('content-encoding', 'gzip').send(body);
        return ok(200, tile.etag).send(body);
      },
    );
  }
};
