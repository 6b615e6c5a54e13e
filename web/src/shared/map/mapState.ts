/**
 * The map's state in the address bar, so that a reload or a shared link reopens the same map:
 * `indicator`, `level`, `period` (month `2017-03`, quarter `2017-Q1` or year `2017`), `from` (the
 * first period of a change map), `method`, `k` (classes), `palette`, `breaks`, `measure`, `sel`
 * (selected unit id), `map` (`lng,lat,zoom`) and `lang`. Unknown or invalid values fall back to defaults.
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
  method: ClassMethod;
  classes: number;
  palette: PaletteKey | null;
  breaks: string;
  measure: Measure;
  selected: number | null;
  view: { lng: number; lat: number; zoom: number } | null;
}

export const DEFAULT_STATE: MapState = {
  indicator: 'coverage_households_safe',
  level: 'ward',
  period: '2017-12',
  from: null,
  method: 'jenks',
  classes: 5,
  palette: null,
  breaks: '',
  measure: 'value',
  selected: null,
  view: null,
};

export function parseMapState(search: string): MapState {
  const q = new URLSearchParams(search);
  const s: MapState = { ...DEFAULT_STATE };
  const indicator = q.get('indicator');
  if (indicator && /^[a-z0-9_]{1,64}$/.test(indicator)) s.indicator = indicator;
  if (q.get('level') === 'group') s.level = 'group';
  const period = q.get('period') ?? '';
  if (resolutionOf(period)) s.period = period;
  const from = q.get('from') ?? '';
  if (resolutionOf(from) && resolutionOf(from) === resolutionOf(s.period)) s.from = from;
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

/** `href` with the map state written in (defaults left out), every other parameter kept. */
export function writeMapState(href: string, s: MapState, lang: 'vi' | 'en'): string {
  const url = new URL(href);
  const p = url.searchParams;
  const put = (key: string, value: string | null, fallback?: string) => {
    if (value === null || value === '' || value === fallback) p.delete(key);
    else p.set(key, value);
  };
  p.set('indicator', s.indicator);
  p.set('period', s.period);
  put('level', s.level, 'ward');
  put('from', s.from);
  put('method', s.method, 'jenks');
  put('k', String(s.classes), '5');
  put('palette', s.palette);
  put('breaks', s.method === 'manual' ? s.breaks : null);
  put('measure', s.measure, 'value');
  put('sel', s.selected === null ? null : String(s.selected));
  put('map', s.view ? `${s.view.lng.toFixed(5)},${s.view.lat.toFixed(5)},${s.view.zoom.toFixed(2)}` : null);
  put('lang', lang, 'vi');
  return `${url.pathname}${url.search}${url.hash}`;
}
