/**
 * A saved view's `state` and the map page's {@link MapState}: the same fields, stored without the
 * defaults' types (the server checks shape, the map re-checks meaning with `parseMapState`).
 */
import type { ViewState } from '../api/types.ts';
import { DEFAULT_STATE, parseMapState, writeMapState, type MapState } from '../lib/mapState.ts';

const ORIGIN = 'http://atlas.invalid';

/** The map state to save, from the map's address-bar state. */
export function viewStateOf(s: MapState): ViewState {
  return {
    indicator: s.indicator,
    period: s.period,
    level: s.level,
    from: s.from,
    method: s.method,
    classes: s.classes,
    palette: s.palette,
    breaks: s.breaks,
    measure: s.measure,
    selected: s.selected,
    view: s.view,
  };
}

/** A saved view's state as the map page would read it from the address bar (unknown values → defaults). */
export function mapStateOf(state: ViewState): MapState {
  const merged = { ...DEFAULT_STATE, ...state } as MapState;
  return parseMapState(new URL(writeMapState(`${ORIGIN}/`, merged, 'vi'), ORIGIN).search);
}

/** The map page's address for a saved view (path + query), keeping the language. */
export function mapHrefOf(state: ViewState, lang: 'vi' | 'en', path = '/'): string {
  return writeMapState(`${ORIGIN}${path}`, mapStateOf(state), lang);
}
