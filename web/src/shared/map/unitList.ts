/**
 * The units of a level without their geometry (`/api/units?geometry=false`): properties and a
 * bounding box each. A level drawn from vector tiles still needs names for the table, tooltips and
 * details, and a box to zoom to — about 200 bytes per unit instead of its polygon.
 */
import { ApiError } from '../api/client.ts';
import type { MapLevel, UnitProperties } from '../api/types.ts';

export type Bbox = [west: number, south: number, east: number, north: number];

export interface UnitListItem {
  properties: UnitProperties;
  bbox: Bbox | null;
}

export async function fetchUnitList(level: MapLevel, at: string): Promise<UnitListItem[]> {
  const url = `/api/units?${new URLSearchParams({ level, at, geometry: 'false' })}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, `Không kết nối được máy chủ (${(err as Error).message})`, url);
  }
  const body = (await response.json().catch(() => null)) as {
    message?: string;
    features?: { properties: UnitProperties; bbox?: Bbox }[];
  } | null;
  if (!response.ok || !body?.features) {
    throw new ApiError(response.status, body?.message ?? `HTTP ${response.status}`, url);
  }
  return body.features.map((f) => ({ properties: f.properties, bbox: f.bbox ?? null }));
}
