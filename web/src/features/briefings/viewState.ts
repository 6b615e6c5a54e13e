/**
 * A saved view's `state` and the map page's {@link MapState}: the same fields, stored without the
 * defaults' types (the server checks shape, the map re-checks meaning with `parseMapState`).
 */
import { samePeriodLastYear } from '../../../../geo/periods.ts';
import type { ViewState } from '../../shared/api/types.ts';
import { formatPeriod } from '../../shared/i18n/format.ts';
import { normalizeState, writeMapState, type MapState } from '../../shared/map/mapState.ts';

const ORIGIN = 'http://atlas.invalid';

/** The map state to save, from the map's address-bar state. */
export function viewStateOf(s: MapState): ViewState {
  return {
    indicator: s.indicator,
    period: s.period,
    level: s.level,
    from: s.from,
    change: s.change,
    scale: s.scale,
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
  return normalizeState(state as Partial<MapState> & ViewState);
}

/** The map page's address for a saved view (path + query), keeping the language. */
export function mapHrefOf(state: ViewState, lang: 'vi' | 'en', path = '/'): string {
  return writeMapState(`${ORIGIN}${path}`, mapStateOf(state), lang);
}

/** "Vụ việc liên quan ma túy · năm 2017 · phường, xã" — what a saved map shows, in a line. */
export function describeState(
  state: ViewState,
  indicatorName: (key: string) => string,
  lang: 'vi' | 'en',
  levels: { ward: string; group: string },
): string {
  const s = mapStateOf(state);
  const from = s.from ?? (s.change ? samePeriodLastYear(s.period) : null);
  const period = from ? `${formatPeriod(from, lang)} → ${formatPeriod(s.period, lang)}` : formatPeriod(s.period, lang);
  return [indicatorName(s.indicator), period, levels[s.level]].join(' · ');
}

/** A saved map's default title: the indicator and the period ("Vụ việc liên quan ma túy · tháng 10/2026"). */
export function defaultViewTitle(state: ViewState, indicatorName: (key: string) => string, lang: 'vi' | 'en'): string {
  const s = mapStateOf(state);
  const period = s.from
    ? `${formatPeriod(s.from, lang)} → ${formatPeriod(s.period, lang)}`
    : formatPeriod(s.period, lang);
  return `${indicatorName(s.indicator)} · ${period}`.slice(0, 200);
}
