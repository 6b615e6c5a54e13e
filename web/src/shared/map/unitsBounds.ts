/** Bounds [west, south, east, north] of unit polygons. Pure. */
import type { Position } from 'geojson';
import type { UnitsCollection } from '../api/types.ts';

function extendBounds(bounds: [number, number, number, number], positions: Position[]): void {
  for (const p of positions) {
    bounds[0] = Math.min(bounds[0], p[0]!);
    bounds[1] = Math.min(bounds[1], p[1]!);
    bounds[2] = Math.max(bounds[2], p[0]!);
    bounds[3] = Math.max(bounds[3], p[1]!);
  }
}

/** Bounds [west, south, east, north] of every unit. */
export function unitsBounds(units: Pick<UnitsCollection, 'features'>): [number, number, number, number] {
  const bounds: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of units.features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const polygon of polygons) if (polygon[0]) extendBounds(bounds, polygon[0]);
  }
  return bounds;
}
