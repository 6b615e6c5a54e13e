/**
 * Where the unit polygons come from: inline GeoJSON (one `/api/units` request per level and
 * boundary version) while a level is small, or the server's vector tiles (`/tiles/{level}/…`,
 * `promoteId: 'id'`) when it has more than {@link TILE_THRESHOLD} units — GeoJSON of 10,000 wards
 * would be tens of megabytes parsed at once. Either way feature ids are unit ids, so values are
 * joined by feature-state in the same way (AtlasMap.useUnitsSource swaps the source).
 */

export const TILE_THRESHOLD = 3000;

export type UnitsSourceSpec =
  | { type: 'geojson' }
  | { type: 'vector'; tiles: string[]; promoteId: string; minzoom: number; maxzoom: number; sourceLayer: string };

/** How to draw a level of `unitCount` units at boundary date `at`. */
export function chooseUnitsSource(
  level: string,
  at: string,
  unitCount: number,
  origin: string,
  threshold = TILE_THRESHOLD,
): UnitsSourceSpec {
  if (unitCount <= threshold) return { type: 'geojson' };
  return {
    type: 'vector',
    tiles: [`${origin}/tiles/${level}/{z}/{x}/{y}.mvt?at=${at}`],
    promoteId: 'id',
    minzoom: 6,
    maxzoom: 14,
    sourceLayer: level,
  };
}
