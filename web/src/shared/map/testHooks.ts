/**
 * Hooks for the browser tests, active only with `?test=1` in the URL: the MapLibre map as
 * `window.__map`, and what the app has loaded and applied as `window.__atlas`.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface AtlasTestState {
  /** Unit ids whose boundaries are on the map. */
  unitIds: number[];
  /** How many times values were applied to the map (0 until the first indicator shows): every unit written. */
  valuesApplied: number;
  /** The same count when the units that can be seen were written (a large layer writes the rest when idle). */
  valuesShown?: number;
  /** What the applied values are. */
  indicator: string | null;
  period: string | null;
  /** Level, boundary date and first period of a change map of the applied values. */
  level?: string;
  at?: string;
  from?: string | null;
  /** The first period of the change shown (explicit, or the same period last year). */
  compareFrom?: string | null;
  /** Lower bounds of the applied classes, and whether they were fitted over every period. */
  breaks?: number[];
  fixedBreaks?: boolean;
  /** Hotspot icons and outlines on the map after filters. */
  hotspotsShown?: number;
  /** The hotspot group outlined strongly (picked in the list), or null. */
  hotspotFocus?: number | null;
  /** Selected unit id. */
  selected?: number | null;
  /** Every period of the shown values has its classes and ranks computed (a step recomputes nothing). */
  periodsReady?: boolean;
  /** The last error shown to the user, if any. */
  error: string | null;
}

declare global {
  interface Window {
    __map?: MapLibreMap;
    __atlas?: AtlasTestState;
  }
}

export const testMode = new URLSearchParams(window.location.search).get('test') === '1';

export function exposeMap(map: MapLibreMap): void {
  if (testMode) window.__map = map;
}

export function publishTestState(patch: Partial<AtlasTestState>): void {
  if (!testMode) return;
  window.__atlas = {
    ...(window.__atlas ?? { unitIds: [], valuesApplied: 0, indicator: null, period: null, error: null }),
    ...patch,
  };
}

/** With `?test=1&tiles=1`, every level is drawn from vector tiles (exercises the large-level path). */
export const forceTiles = testMode && new URLSearchParams(window.location.search).get('tiles') === '1';
