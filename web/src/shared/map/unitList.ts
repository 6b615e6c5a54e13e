/**
 * The units of a level without their geometry (`/api/units?geometry=false`): properties and a
 * bounding box each. A level drawn from vector tiles still needs names for the table, tooltips and
 * details, and a box to zoom to — about 200 bytes per unit instead of its polygon.
 */
import { getJson } from '../api/http.ts';
import type { MapLevel, UnitProperties } from '../api/types.ts';

export type Bbox = [west: number, south: number, east: number, north: number];

export interface UnitListItem {
  properties: UnitProperties;
  bbox: Bbox | null;
}

export async function fetchUnitList(level: MapLevel, at: string): Promise<UnitListItem[]> {
  const body = await getJson<{ features?: { properties: UnitProperties; bbox?: Bbox }[] }>('/api/units', {
    level,
    at,
    geometry: 'false',
  });
  return (body.features ?? []).map((f) => ({ properties: f.properties, bbox: f.bbox ?? null }));
}
