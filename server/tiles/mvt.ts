import GeoJSONVT from 'geojson-vt';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { fromGeojsonVt } from 'vt-pbf';

/** The layers served as vector tiles. The source layer inside each tile has the same name. */
export const TILE_LAYERS = ['ward', 'group', 'hotspot'] as const;
export type TileLayer = (typeof TILE_LAYERS)[number];

export const TILE_EXTENT = 4096;
export const TILE_BUFFER = 64;
export const MAX_TILE_ZOOM = 22;
/** Simplification tolerance in tile pixels (1/4096 of the tile): invisible, but drops most vertices at low zoom. */
export const SIMPLIFY_PIXELS = 1;

/** Half the width of the EPSG:3857 world, metres. */
const WORLD_HALF = 20037508.342789244;

export interface TileCoords {
  z: number;
  x: number;
  y: number;
}

/** One feature as the tile query returns it: ids and properties, geometry as GeoJSON text in EPSG:4326. */
export interface TileRow {
  id: number;
  code: string;
  name: string;
  parent_code: string | null;
  status: string | null;
  categories: string | null;
  geometry: string;
}

/** Size of one tile pixel in EPSG:3857 metres at zoom z. */
export function pixelSize(z: number): number {
  return (2 * WORLD_HALF) / 2 ** z / TILE_EXTENT;
}

/** The properties a feature carries in the tile: only what the map needs, nulls left out (as ST_AsMVT does). */
export function tileProperties(r: Omit<TileRow, 'geometry'>): Record<string, string | number> {
  const p: Record<string, string | number> = { id: r.id, code: r.code, name: r.name };
  if (r.parent_code !== null) p.parent_code = r.parent_code;
  if (r.status !== null) p.status = r.status;
  if (r.categories !== null) p.categories = r.categories;
  return p;
}

/**
 * Builds a Mapbox Vector Tile (spec v2) in Node from the tile query's rows: the fallback for PGlite,
 * whose PostGIS is compiled without protobuf-c (no ST_AsMVT/ST_AsMVTGeom). The rows are already
 * filtered to the tile, simplified and roughly clipped in SQL; geojson-vt projects them, clips them to
 * the tile plus its buffer and quantises to the extent, and vt-pbf encodes the protobuf.
 *
 * geojson-vt is told the requested zoom is its maximum zoom, where it keeps every vertex (tolerance 0):
 * both builders then start from the same SQL-simplified geometry, which is what the equivalence test
 * relies on. An empty tile is an empty buffer.
 */
export function buildTileInNode(rows: readonly TileRow[], layer: TileLayer, { z, x, y }: TileCoords): Uint8Array {
  if (!rows.length) return new Uint8Array(0);
  const features: Feature<Geometry>[] = rows.map((r) => ({
    type: 'Feature',
    id: r.id,
    properties: tileProperties(r),
    geometry: JSON.parse(r.geometry) as Geometry,
  }));
  const data: FeatureCollection = { type: 'FeatureCollection', features };
  const index = new GeoJSONVT(data, {
    maxZoom: z,
    indexMaxZoom: 0,
    tolerance: 0,
    extent: TILE_EXTENT,
    buffer: TILE_BUFFER,
  });
  const tile = index.getTile(z, x, y);
  if (!tile || tile.features.length === 0) return new Uint8Array(0);
  return fromGeojsonVt({ [layer]: tile }, { version: 2, extent: TILE_EXTENT });
}
