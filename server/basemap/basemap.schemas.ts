import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';

/** Deepest zoom any basemap archive is served at (Protomaps builds stop at 15, OpenMapTiles at 14). */
export const MAX_BASEMAP_ZOOM = 22;

export const SchemaName = Type.Enum(['protomaps', 'openmaptiles'], {
  description:
    'protomaps = Protomaps basemap layers (earth, roads, places…); openmaptiles = OpenMapTiles (transportation, place…)',
});
export const FormatName = Type.Enum(['pmtiles', 'mbtiles']);

/**
 * The archive id is any string here on purpose: it is only looked up among the configured
 * archives, so a malformed or hostile one (`..`, `%2F`, NUL) is simply not found (404).
 */
export const ArchiveParams = Type.Object({
  archive: Type.String({ minLength: 1, maxLength: 200, description: 'archive id, from GET /tiles/basemap' }),
});

export const BasemapTileParams = Type.Object({
  archive: ArchiveParams.properties.archive,
  z: Int({ minimum: 0, maximum: MAX_BASEMAP_ZOOM }),
  // 2^22 − 1 at the deepest zoom; the column/row is checked against 2^z in the route.
  x: Int({ minimum: 0, maximum: 2 ** MAX_BASEMAP_ZOOM - 1 }),
  y: Int({ minimum: 0, maximum: 2 ** MAX_BASEMAP_ZOOM - 1 }),
});

export const BasemapTileQuery = Type.Object(
  {
    v: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{1,64}$',
        description: 'archive version from the TileJSON; when it matches, the tile is cached as immutable',
      }),
    ),
  },
  { additionalProperties: false },
);

const VectorLayerSchema = Type.Object({
  id: Type.String(),
  fields: Type.Record(Type.String(), Type.String()),
  minzoom: Type.Optional(Type.Number()),
  maxzoom: Type.Optional(Type.Number()),
  description: Type.Optional(Type.String()),
});

const Bounds = Type.Array(Type.Number(), { minItems: 4, maxItems: 4, description: 'west, south, east, north' });

/** TileJSON 3.0.0 (github.com/mapbox/tilejson-spec), plus which style schema and container it has. */
export const TileJsonSchema = Type.Object({
  tilejson: Type.Literal('3.0.0'),
  name: Type.String(),
  description: Type.Optional(Type.String()),
  attribution: Type.String({
    description: 'plain text (tags removed); © OpenStreetMap contributors when the archive has none',
  }),
  scheme: Type.Literal('xyz'),
  tiles: Type.Array(Type.String(), { description: 'same-origin path; resolve against the page origin' }),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Bounds,
  center: Type.Array(Type.Number(), { minItems: 3, maxItems: 3, description: 'lon, lat, zoom' }),
  vector_layers: Type.Array(VectorLayerSchema),
  schema: SchemaName,
  format: FormatName,
  version: Type.String(),
});
export type TileJson = Static<typeof TileJsonSchema>;

export const BasemapArchiveSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  format: FormatName,
  schema: SchemaName,
  attribution: Type.String(),
  minzoom: Type.Integer(),
  maxzoom: Type.Integer(),
  bounds: Bounds,
  tilejson: Type.String({ description: 'same-origin path of the TileJSON' }),
});
export type BasemapArchive = Static<typeof BasemapArchiveSchema>;

export const BasemapListSchema = Type.Object({
  archives: Type.Array(BasemapArchiveSchema, { description: 'empty when BASEMAP_PATH is not set' }),
});
export type BasemapList = Static<typeof BasemapListSchema>;
