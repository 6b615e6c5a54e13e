/**
 * Puts unit boundaries on the map, once: polygons into the `units` source, one label point per unit
 * into the label source, and the view fitted to them. Label text is normalised to NFC.
 */
import type { GeoJSONSource, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { Position } from 'geojson';
import type { UnitsCollection } from '../api/types.ts';
import { normalizeLabel } from './fonts.ts';
import { labelPoints } from './labelPoints.ts';
import { LABELS_SOURCE, UNITS_SOURCE } from './style.ts';

export interface ShownUnits {
  /** Unit ids in the order the server sent them. */
  ids: number[];
  bounds: [number, number, number, number];
}

function extendBounds(bounds: [number, number, number, number], positions: Position[]): void {
  for (const p of positions) {
    bounds[0] = Math.min(bounds[0], p[0]!);
    bounds[1] = Math.min(bounds[1], p[1]!);
    bounds[2] = Math.max(bounds[2], p[0]!);
    bounds[3] = Math.max(bounds[3], p[1]!);
  }
}

/** Bounds [west, south, east, north] of every unit. */
export function unitsBounds(units: UnitsCollection): [number, number, number, number] {
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of units.features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) if (polygon[0]) extendBounds(bounds, polygon[0]);
  }
  return bounds;
}

export function showUnits(map: MapLibreMap, units: UnitsCollection, fitPadding: number | null = 32): ShownUnits {
  const unitSource = map.getSource<GeoJSONSource>(UNITS_SOURCE);
  const labelSource = map.getSource<GeoJSONSource>(LABELS_SOURCE);
  if (!unitSource || !labelSource) throw new Error('The map style has no units source');

  unitSource.setData(units);
  labelSource.setData(
    labelPoints(units, (feature) => {
      const props = (feature.properties ?? {}) as Partial<UnitsCollection['features'][number]['properties']>;
      return { id: props.id ?? Number(feature.id), label: normalizeLabel(props.short_name || props.name) };
    }),
  );

  const bounds = unitsBounds(units);
  if (fitPadding !== null && bounds.every(Number.isFinite)) {
    map.fitBounds(bounds as LngLatBoundsLike, { padding: fitPadding, duration: 0 });
  }
  const ids = units.features.map((f) => f.properties?.id ?? Number(f.id));
  return { ids, bounds };
}
