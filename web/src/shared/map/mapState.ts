/**
 * The map's state in the address bar, so that a reload or a shared link reopens the same map:
 * `indicator`, `level`, `period` (month `2017-03`, quarter `2017-Q1`, year `2017`, year to date
 * `2017-03-ytd` or rolling twelve months `2017-03-r12`; none: the indicator's latest month with
 * data), `from` (the first period of a change map), `change` (`yoy`: change against the same period
 * last year, `yoy_pct`: the same in %), `scale` (`period`: classes of this period only, while playing
 * or comparing), `method`, `k` (classes), `palette`, `breaks`, `measure`, `sel` (selected unit id),
 * `map` (`lng,lat,zoom`) and `lang`. Unknown or invalid values fall back to defaults, so links
 * written before a key existed open as they did.
 */
import { isClassMethod, type ClassMethod } from './choropleth.ts';
import { isPalette, MAX_CLASSES, MIN_CLASSES, type PaletteKey } from './palettes.ts';
import type { Measure } from '../api/matrix.ts';
import { resolutionOf } from '../../../../geo/periods.ts';

export interface MapState {
  indicator: string;
  level: 'ward' | 'group';
  period: string;
  from: string | null;
  /** Change against the same period last year (absolute, or in % of last year's value). */
  change: ChangeMode | null;
  /** Class breaks while playing or comparing: one set over every period ('all') or this period's. */
  scale: 'all' | 'period';
  method: ClassMethod;
  classes: number;
  palette: PaletteKey | null;
  breaks: string;
  measure: Measure;
  selected: number | null;
  view: { lng: number; lat: number; zoom: number } | null;
}

export type ChangeMode = 'yoy' | 'yoy_pct';

/** Period '' opens on the indicator's latest month with data (the map page fills it in). */
export const DEFAULT_STATE: MapState = {
  indicator: 'coverage_households_safe',
  level: 'ward',
  period: '',
  from: null,
  change: null,
  scale: 'all',
  method: 'jenks',
  classes: 5,
  palette: null,
  breaks: '',
  measure: 'value',
  selected: null,
  view: null,
};

export function parseMapState(search: string | URLSearchParams): MapState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const s: MapState = { ...DEFAULT_STATE };
  const indicator = q.get('indicator');
  if (indicator && /^[a-z0-9_]{1,64}$/.test(indicator)) s.indicator = indicator;
  if (q.get('level') === 'group') s.level = 'group';
  const period = q.get('period') ?? '';
  if (resolutionOf(period)) s.period = period;
  const from = q.get('from') ?? '';
  if (resolutionOf(from) && resolutionOf(from) === resolutionOf(s.period)) s.from = from;
  const change = q.get('change');
  if ((change === 'yoy' || change === 'yoy_pct') && s.from === null) s.change = change;
  if (q.get('scale') === 'period') s.scale = 'period';
  const method = q.get('method');
  if (isClassMethod(method)) s.method = method;
  const k = Number(q.get('k'));
  if (Number.isInteger(k) && k >= MIN_CLASSES && k <= MAX_CLASSES) s.classes = k;
  const palette = q.get('palette');
  if (isPalette(palette)) s.palette = palette;
  s.breaks = (q.get('breaks') ?? '').slice(0, 200);
  const measure = q.get('measure');
  if (measure === 'per1000' || measure === 'count') s.measure = measure;
  const sel = Number(q.get('sel'));
  if (Number.isInteger(sel) && sel > 0) s.selected = sel;
  const view = (q.get('map') ?? '').split(',').map(Number);
  if (view.length === 3 && view.every(Number.isFinite)) s.view = { lng: view[0]!, lat: view[1]!, zoom: view[2]! };
  return s;
}

/** The address-bar keys of a map state (defaults left out: null). */
export function mapStateKeys(s: MapState): Record<string, string | null> {
  const unless = (value: string | null, fallback?: string) => (value === null || value === fallback ? null : value);
  return {
    indicator: s.indicator,
    period: s.period || null,
    level: unless(s.level, 'ward'),
    from: s.from,
    change: s.change,
    scale: unless(s.scale, 'all'),
    method: unless(s.method, 'jenks'),
    k: unless(String(s.classes), '5'),
    palette: s.palette,
    breaks: s.method === 'manual' ? s.breaks || null : null,
    measure: unless(s.measure, 'value'),
    sel: s.selected === null ? null : String(s.selected),
    map: s.view ? `${s.view.lng.toFixed(5)},${s.view.lat.toFixed(5)},${s.view.zoom.toFixed(2)}` : null,
  };
}

/** `href` with the map state written in (defaults left out), every other parameter kept. */
export function writeMapState(href: string, s: MapState, lang: 'vi' | 'en'): string {
  const url = new URL(href);
  const p = url.searchParams;
  for (const [key, value] of Object.entries(mapStateKeys(s))) {
    if (value === null || value === '') p.delete(key);
    else p.set(key, value);
  }
  if (lang === 'en') p.set('lang', 'en');
  else p.delete('lang');
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A partial state (a saved view's) as the map page would read it: unknown values fall back to defaults. */
export function normalizeState(state: Partial<MapState> & { indicator: string; period: string }): MapState {
  // A saved view always names its period (written before `change` and `scale` existed, or after).
  const merged = { ...DEFAULT_STATE, ...state } as MapState;
  const keys = Object.entries(mapStateKeys(merged)).filter((e): e is [string, string] => e[1] !== null);
  return parseMapState(new URLSearchParams(keys));
}
