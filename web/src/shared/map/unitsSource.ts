/**
 * Where the unit polygons come from: inline GeoJSON (one `/api/units` request per level and
 * boundary version) while a level is small, or the server's vector tiles (`/tiles/{level}/…`,
 * `promoteId: 'id'`) when it has more than {@link TILE_THRESHOLD} units — GeoJSON of 10,000 wards
 * would be tens of megabytes parsed at once. Either way feature ids are unit ids, so values are
 * joined by feature-state in the same way.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { LAYERS, UNITS_SOURCE, unitLayers } from './style.ts';

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

/** What each map's units source currently is (a new map starts with the style's GeoJSON source). */
const kinds = new WeakMap<MapLibreMap, string>();
/** The source layer of a map's units when they come from vector tiles. */
const sourceLayers = new WeakMap<MapLibreMap, string>();

/** The feature-state target of a unit: vector sources also need their source layer. */
export function unitFeature(map: MapLibreMap, id: number): { source: string; id: number; sourceLayer?: string } {
  const sourceLayer = sourceLayers.get(map);
  return sourceLayer ? { source: UNITS_SOURCE, sourceLayer, id } : { source: UNITS_SOURCE, id };
}

/** Makes the units source match `spec` (swapping source and layers only when the kind changes). */
export function useUnitsSource(map: MapLibreMap, spec: UnitsSourceSpec, data?: FeatureCollection): void {
  const key = spec.type === 'geojson' ? 'geojson' : spec.tiles[0]!;
  if (key !== (kinds.get(map) ?? 'geojson')) {
    for (const id of [LAYERS.fill, LAYERS.outline]) if (map.getLayer(id)) map.removeLayer(id);
    map.removeSource(UNITS_SOURCE);
    if (spec.type === 'geojson') {
      map.addSource(UNITS_SOURCE, {
        type: 'geojson',
        data: data ?? { type: 'FeatureCollection', features: [] },
        promoteId: 'id',
      });
    } else {
      map.addSource(UNITS_SOURCE, {
        type: 'vector',
        tiles: spec.tiles,
        promoteId: spec.promoteId,
        minzoom: spec.minzoom,
        maxzoom: spec.maxzoom,
      });
    }
    const [fill, outline] = unitLayers(spec.type === 'vector' ? spec.sourceLayer : undefined);
    map.addLayer(fill!, LAYERS.drill);
    map.addLayer(outline!, LAYERS.drill);
    kinds.set(map, key);
    if (spec.type === 'vector') sourceLayers.set(map, spec.sourceLayer);
    else sourceLayers.delete(map);
  } else if (spec.type === 'geojson' && data) {
    map.getSource<GeoJSONSource>(UNITS_SOURCE)?.setData(data);
  }
}
