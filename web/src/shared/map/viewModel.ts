/**
 * What an exported or presented map shows, computed from a saved view's state the same way the map
 * page does it: the indicator from the catalogue, the values matrix of its level and boundary
 * version (every period in one request, cached for the page's life, so stepping the period in a
 * slide costs no request), the displayed values of the period, the choropleth classes and colours,
 * and the legend lines as printed. Geometry is fetched once per level and boundary date.
 */
import { fetchIndicators, fetchUnits } from '../api/client.ts';
import { createMatrixLoader, needsParts, periodValues, type Measure, type ValueSources } from '../api/matrix.ts';
import type { Indicator, MapLevel, UnitsCollection } from '../api/types.ts';
import { boundDecimals, buildChoropleth, parseBreaks, type Choropleth } from './choropleth.ts';
import { unitsBounds } from './showUnits.ts';
import { formatNumber, formatPeriod } from '../i18n/format.ts';
import { todayInVietnam, periodsBetween, resolutionOf } from '../../../../geo/periods.ts';
import { lang, t } from '../i18n/i18n.svelte.ts';
import { DEFAULT_STATE, parseMapState, writeMapState, type MapState } from './mapState.ts';
import { boundaryDateFor } from './time.ts';

/** A saved view's state as stored (every key but indicator and period optional). */
export type StoredState = Partial<MapState> & { indicator: string; period: string };

/** The state as the map page would read it from its address (unknown values fall back to defaults). */
export function normalizeState(state: StoredState): MapState {
  const origin = 'http://atlas.invalid';
  const merged = { ...DEFAULT_STATE, ...state } as MapState;
  return parseMapState(new URL(writeMapState(`${origin}/`, merged, 'vi'), origin).search);
}

export interface LegendLine {
  color: string;
  label: string;
  count: number;
}

export interface ViewModel {
  state: MapState;
  indicator: Indicator;
  /** A ratio's numerator, whose unit is shown when the measure is a count. */
  numerator: Indicator | undefined;
  indicatorName: string;
  level: MapLevel;
  /** Boundary version date. */
  at: string;
  units: UnitsCollection;
  unitIds: number[];
  bounds: [number, number, number, number];
  sources: ValueSources;
  measure: Measure;
  values: Map<number, number | null>;
  choropleth: Choropleth;
  unitLabel: string;
  decimals: number;
  /** Class lines then the no-data line, as printed in every legend. */
  legend: LegendLine[];
  legendTitle: string;
  /** "tháng 12/2017" or "tháng 1/2017 → tháng 12/2017". */
  periodLabel: string;
  /** Periods of the same resolution in the indicator's range (for the time animation). */
  periods: string[];
  demo: boolean;
}

const FALLBACK_FIRST = '2016-01';

let catalogue: Promise<{ indicators: Indicator[]; demo: boolean }> | undefined;
const matrices = createMatrixLoader();
const geometry = new Map<string, Promise<UnitsCollection>>();

export function indicatorsCatalogue(): Promise<{ indicators: Indicator[]; demo: boolean }> {
  if (!catalogue) {
    catalogue = fetchIndicators();
    catalogue.catch(() => (catalogue = undefined));
  }
  return catalogue;
}

export function unitsAt(level: MapLevel, at: string): Promise<UnitsCollection> {
  const key = `${level}|${at}`;
  let pending = geometry.get(key);
  if (!pending) {
    pending = fetchUnits(level, at);
    pending.catch(() => geometry.delete(key));
    geometry.set(key, pending);
  }
  return pending;
}

function effectiveMeasure(indicator: Indicator, numerator: Indicator | undefined, measure: Measure): Measure {
  if (indicator.kind === 'count' && measure !== 'count') return measure;
  if (numerator && measure === 'count') return 'count';
  return 'value';
}

/** The value sources (matrices) of one indicator at one level and boundary date, over its whole range. */
export async function loadSources(
  indicator: Indicator,
  level: MapLevel,
  at: string,
  measure: Measure,
): Promise<ValueSources> {
  const key = {
    level,
    at,
    from: indicator.first_period ?? FALLBACK_FIRST,
    to: indicator.last_period ?? todayInVietnam().slice(0, 7),
  };
  const parts = needsParts(indicator);
  const [main, numerator, denominator, households] = await Promise.all([
    matrices.load({ ...key, indicator: indicator.key }),
    parts || (measure === 'count' && indicator.numerator_key)
      ? matrices.load({ ...key, indicator: indicator.numerator_key! })
      : undefined,
    parts ? matrices.load({ ...key, indicator: indicator.denominator_key! }) : undefined,
    measure === 'per1000' ? matrices.load({ ...key, indicator: 'households' }) : undefined,
  ]);
  return { main, numerator, denominator, households };
}

/** Loads everything a view needs and classifies it. */
export async function loadViewModel(stored: StoredState): Promise<ViewModel> {
  const state = normalizeState(stored);
  const { indicators, demo } = await indicatorsCatalogue();
  const indicator =
    indicators.find((i) => i.key === state.indicator && i.levels.includes(state.level)) ??
    indicators.find((i) => i.key === state.indicator);
  if (!indicator) throw new Error(`Không có chỉ tiêu “${state.indicator}” / unknown indicator`);
  const level: MapLevel = indicator.levels.includes(state.level) ? state.level : 'ward';
  const numerator = indicator.kind === 'ratio' ? indicators.find((i) => i.key === indicator.numerator_key) : undefined;
  const measure = effectiveMeasure(indicator, numerator, state.measure);
  const at = boundaryDateFor(state.period);
  const [sources, units] = await Promise.all([loadSources(indicator, level, at, measure), unitsAt(level, at)]);
  return classify({ state: { ...state, level }, indicator, numerator, level, at, units, sources, measure, demo });
}

interface ModelParts {
  state: MapState;
  indicator: Indicator;
  numerator: Indicator | undefined;
  level: MapLevel;
  at: string;
  units: UnitsCollection;
  sources: ValueSources;
  measure: Measure;
  demo: boolean;
}

function classify(p: ModelParts): ViewModel {
  const { state, indicator, sources, measure } = p;
  const values = periodValues(sources, indicator, state.period, measure, state.from ?? undefined);
  const choropleth = buildChoropleth([...values.values()], indicator.polarity, {
    method: state.method,
    classes: state.classes,
    ...(state.palette ? { palette: state.palette } : {}),
    breaks: parseBreaks(state.breaks),
    diverging: state.from !== null,
  });
  const decimals =
    measure === 'count'
      ? 0
      : indicator.kind === 'ratio' || indicator.kind === 'percent' || measure === 'per1000'
        ? 1
        : 0;
  const shown = measure === 'count' && p.numerator ? p.numerator : indicator;
  const en = lang.current === 'en';
  const baseUnit = en ? shown.unit_en : shown.unit_vi;
  const unitLabel = measure === 'per1000' ? `${baseUnit} ${t('perThousand')}` : baseUnit;
  const indicatorName = en ? indicator.name_en : indicator.name_vi;
  const periodLabel = state.from
    ? `${formatPeriod(state.from, lang.current)} → ${formatPeriod(state.period, lang.current)}`
    : formatPeriod(state.period, lang.current);
  const range = {
    from: indicator.first_period ?? FALLBACK_FIRST,
    to: indicator.last_period ?? todayInVietnam().slice(0, 7),
  };
  return {
    state,
    indicator,
    numerator: p.numerator,
    indicatorName,
    level: p.level,
    at: p.at,
    units: p.units,
    unitIds: p.units.features.map((f) => f.properties.id),
    bounds: unitsBounds(p.units),
    sources,
    measure,
    values,
    choropleth,
    unitLabel,
    decimals,
    legend: legendLines(choropleth, decimals),
    legendTitle: `${state.from ? `${t('change')}: ` : ''}${indicatorName}`,
    periodLabel,
    periods: periodsBetween(range.from, range.to, resolutionOf(state.period) ?? 'month'),
    demo: p.demo || sources.main.demo,
  };
}

/** The same view at another period (the time animation): no request, the matrices hold every period. */
export function withPeriod(model: ViewModel, period: string): ViewModel {
  return classify({
    state: { ...model.state, period, from: model.state.from && model.state.from < period ? model.state.from : null },
    indicator: model.indicator,
    numerator: model.numerator,
    level: model.level,
    at: model.at,
    units: model.units,
    sources: model.sources,
    measure: model.measure,
    demo: model.demo,
  });
}

/** Legend lines as the map page's legend prints them: observed ranges for natural breaks, bounds otherwise. */
export function legendLines(choropleth: Choropleth, decimals: number): LegendLine[] {
  const observed = choropleth.method === 'jenks' && !choropleth.diverging;
  const shown = observed ? decimals : boundDecimals(choropleth.classes, decimals);
  const fmt = (v: number) => {
    const s = formatNumber(v, shown, lang.current);
    return choropleth.diverging && v > 0 ? `+${s}` : s;
  };
  const lines = choropleth.classes.map((cls) => {
    const [a, b] = observed ? [cls.min, cls.max] : [cls.lower, cls.upper];
    const label = fmt(a) === fmt(b) ? fmt(a) : `${fmt(a)} – ${fmt(b)}`;
    return { color: cls.color, label, count: cls.count };
  });
  lines.push({ color: choropleth.noData.color, label: t('noData'), count: choropleth.noData.count });
  return lines;
}

/** "Phường, xã · Thành phố Ninh Bình"-style level name. */
export function levelName(level: MapLevel): string {
  return level === 'group' ? t('levelGroup') : t('levelWard');
}

/** A displayed value with the model's decimals. */
export function formatValue(model: Pick<ViewModel, 'decimals'>, value: number | null): string {
  return value === null ? '—' : formatNumber(value, model.decimals, lang.current);
}
