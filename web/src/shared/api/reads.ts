/**
 * The reads several pages share: the indicator catalogue, unit boundaries and lists, values, hotspots,
 * boundary versions, the place, search, the security settings (token lifetime cap: the account page and the administrator's form).
 */
import { getJson } from './http.ts';
import type {
  BoundaryVersion,
  HotspotsResponse,
  IndicatorsResponse,
  MapLevel,
  Place,
  SearchResponse,
  UnitProperties,
  UnitsCollection,
  ValuesResponse,
} from './types.ts';

export function fetchIndicators(signal?: AbortSignal): Promise<IndicatorsResponse> {
  return getJson<IndicatorsResponse>('/api/indicators', undefined, signal);
}

/** Boundaries of every unit of `level` valid on `at` (`YYYY-MM-DD`). */
export function fetchUnits(level: MapLevel, at: string, signal?: AbortSignal): Promise<UnitsCollection> {
  return getJson<UnitsCollection>('/api/units', { level, at }, signal);
}

/** The wards valid on `at` (`YYYY-MM-DD`) that the user may see, without their geometry. */
export async function fetchWards(at: string, signal?: AbortSignal): Promise<UnitProperties[]> {
  const units = await fetchUnits('ward', at, signal);
  return units.features.map((f) => f.properties);
}

export interface ValuesQuery {
  indicator: string;
  level: MapLevel;
  /** First and last month, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  /** Boundary version date, `YYYY-MM-DD`. */
  at: string;
}

export function fetchValues(query: ValuesQuery, signal?: AbortSignal): Promise<ValuesResponse> {
  return getJson<ValuesResponse>('/api/values', { ...query }, signal);
}

/** Hotspot groups designated on or before `at`, with their status on `at`. */
export function fetchHotspots(at: string, signal?: AbortSignal): Promise<HotspotsResponse> {
  return getJson<HotspotsResponse>('/api/hotspots', { at }, signal);
}

/** Units whose name matches `q` with or without diacritics, valid at `at`, within the user's scope. */
export function searchUnits(q: string, at: string, limit = 10, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>('/api/search', { q, at, limit }, signal);
}

/** The longest lifetime of an API token (days), set by an administrator. */
export function fetchSecuritySettings(signal?: AbortSignal): Promise<{ token_max_days: number }> {
  return getJson('/api/settings/security', undefined, signal);
}

/** Every boundary version of a level, oldest first (counted within the user's scope). */
export function fetchBoundaryVersions(level: MapLevel, signal?: AbortSignal): Promise<BoundaryVersion[]> {
  return getJson<BoundaryVersion[]>('/api/boundaries/versions', { level }, signal);
}

/** The deployment's place on `at` (default today): its names and the extent of the wards. */
export function fetchPlace(at?: string, signal?: AbortSignal): Promise<Place> {
  return getJson<Place>('/api/place', at ? { at } : undefined, signal);
}
