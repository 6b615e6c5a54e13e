/**
 * The map view model: what a map of an indicator shows, computed one way for every map (the map
 * page, presentation, exports). Pure — no request, no map, no DOM — and unit-tested: the measure
 * actually shown, its decimals and unit label, the choropleth options of a state, the displayed
 * values of a period with their classes and ranks, the legend lines as printed, and the whole model
 * of a saved view. Loading what it needs is sources.ts; putting it on a map is atlasMap.ts.
 */
import { periodsBetween, resolutionOf, samePeriodLastYear, todayInVietnam } from '../../../../geo/periods.ts';
import { periodValueArray, rankArray, valuesById, type Measure, type ValueSources } from '../api/matrix.ts';
import type { Indicator, MapLevel, Place, UnitsCollection } from '../api/types.ts';
import { common } from '../i18n/common.texts.ts';
import { formatNumber, formatPeriod } from '../i18n/format.ts';
import type { Lang } from '../i18n/lang.svelte.ts';
import {
  boundDecimals,
  buildChoropleth,
  fixedBreaks,
  parseBreaks,
  type Choropleth,
  type ChoroplethOptions,
  type FixedBreaks,
} from './choropleth.ts';
import { normalizeState, type MapState } from './mapState.ts';
import { unitsBounds } from './unitsBounds.ts';
import { mapTexts } from './texts.ts';

export { normalizeState };

/** A saved view's state as stored (every key but indicator and period optional). */
export type StoredState = Partial<MapState> & { indicator: string; period: string };

/** Without a stated range, an indicator covers the demo data's first month to the current month. */
const FALLBACK_FIRST = '2016-01';

/** The months an indicator has data for (its matrices cover them all). */
export function rangeOf(indicator: Pick<Indicator, 'first_period' | 'last_period'>, today = todayInVietnam()) {
  return { from: indicator.first_period ?? FALLBACK_FIRST, to: indicator.last_period ?? today.slice(0, 7) };
}

/** The periods of `period`'s resolution in the indicator's range (the slider, the time animation). */
export function periodsOf(indicator: Pick<Indicator, 'first_period' | 'last_period'>, period: string): string[] {
  const range = rangeOf(indicator);
  return periodsBetween(range.from, range.to, resolutionOf(period) ?? 'month');
}

/** A ratio's numerator (offered as a count), from the catalogue. */
export function numeratorOf(indicators: readonly Indicator[], indicator: Indicator): Indicator | undefined {
  return indicator.kind === 'ratio' ? indicators.find((i) => i.key === indicator.numerator_key) : undefined;
}

/** The measure shown: per 1,000 households only for counts, a count only for ratios with a numerator. */
export function effectiveMeasure(indicator: Indicator, numerator: Indicator | undefined, measure: Measure): Measure {
  if (indicator.kind === 'count' && measure !== 'count') return measure;
  if (numerator && measure === 'count') return 'count';
  return 'value';
}

/** Decimals a displayed value is shown with. */
export function decimalsOf(indicator: Pick<Indicator, 'kind'>, measure: Measure): number {
  if (measure === 'count') return 0;
  return indicator.kind === 'ratio' || indicator.kind === 'percent' || measure === 'per1000' ? 1 : 0;
}

/** The unit of measure of the shown values: "%", "vụ", "vụ trên 1.000 hộ", the numerator's unit. */
export function unitLabelOf(indicator: Indicator, numerator: Indicator | undefined, measure: Measure, lang: Lang) {
  const shown = measure === 'count' && numerator ? numerator : indicator;
  const unit = { vi: shown.unit_vi, en: shown.unit_en }[lang];
  return measure === 'per1000' ? `${unit} ${mapTexts.in(lang).perThousand}` : unit;
}

export type Classification = Pick<MapState, 'method' | 'classes' | 'palette' | 'breaks' | 'from'> &
  Partial<Pick<MapState, 'change'>> & {
    /**
     * The periods one set of class breaks is fitted over (playing or comparing, OWID-style: the
     * same colour is the same value in every period); absent: each period's own breaks.
     */
    pooledOver?: readonly string[] | undefined;
  };

/** Whether a map shows a change (from an explicit period, or against the same period last year). */
export function isChange(state: Pick<Classification, 'from' | 'change'>): boolean {
  return state.from !== null || (state.change ?? null) !== null;
}

/** The period a change is measured from, for `period` (null: no change). */
export function compareFrom(state: Pick<Classification, 'from' | 'change'>, period: string): string | null {
  return state.from ?? (state.change ? samePeriodLastYear(period) : null);
}

/** The choropleth options of a map state (a change map: diverging, equal steps around zero). */
export function choroplethOptions(state: Classification): ChoroplethOptions {
  return {
    method: state.method,
    classes: state.classes,
    ...(state.palette ? { palette: state.palette } : {}),
    breaks: parseBreaks(state.breaks),
    diverging: isChange(state),
  };
}

/** 100 for values read as percentages (a spread is then in points of 100); else undefined. */
function valueScaleOf(inputs: ValueInputs, state: Classification): number | undefined {
  const { indicator, measure } = inputs;
  const percent = indicator.kind === 'percent' || (indicator.kind === 'ratio' && indicator.scale === 100);
  return measure === 'value' && percent && !isChange(state) ? 100 : undefined;
}

/**
 * Rank 1 is the unit most in need of attention: the lowest value of an indicator where higher is
 * better (coverage), the highest where higher is worse (crime) — or, for a change, the largest fall
 * or rise respectively. A neutral indicator ranks its highest value first.
 */
export function ranksLowestFirst(polarity: Indicator['polarity']): boolean {
  return polarity === 'higher_better';
}

/** "1 = cần quan tâm nhất" for an indicator with a direction, "1 = cao nhất" for a neutral one. */
export function rankNoteOf(polarity: Indicator['polarity'], lang: Lang): string {
  const t = mapTexts.in(lang);
  return polarity === 'neutral' ? t.rankHighest : t.rankAttention;
}

/** Largest number of values a pooled fit sorts (evenly spaced order statistics beyond it). */
const POOL_SAMPLE = 20_000;

/** One set of class breaks over every period in `periods` (values of all of them at once). */
export function pooledBreaks(inputs: ValueInputs, periods: readonly string[], state: Classification): FixedBreaks {
  const { indicator, measure, sources } = inputs;
  const relative = state.change === 'yoy_pct';
  const parts = periods.map((p) => {
    const from = compareFrom(state, p);
    return periodValueArray(sources, indicator, p, measure, from ?? undefined, relative);
  });
  const all = new Float64Array(parts.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  // NaN sorts last in a typed sort: the values are the leading ones.
  all.sort();
  let n = all.length;
  while (n > 0 && all[n - 1] !== all[n - 1]) n--;
  const present = all.subarray(0, n);
  const sample =
    n <= POOL_SAMPLE
      ? Array.from(present)
      : Array.from({ length: POOL_SAMPLE }, (_, i) => present[Math.round((i * (n - 1)) / (POOL_SAMPLE - 1))]!);
  const scale = valueScaleOf(inputs, state);
  return fixedBreaks(sample, { ...choroplethOptions(state), ...(scale ? { valueScale: scale } : {}) });
}

/** What a map shows of one period: values, classes and ranks in the values matrix's row order. */
export interface PeriodView {
  period: string;
  from: string | null;
  /** Unit ids, in the matrix's row order; `row` finds an id's row. */
  ids: Int32Array;
  row: ReadonlyMap<number, number>;
  /** Displayed values (NaN: none), classes (-1: none) and ranks (1 = most in need of attention: ranksLowestFirst; 0: none), by row. */
  values: Float64Array;
  classes: Int8Array;
  ranks: Int32Array;
  /** Rows with a value, by rank; and how many there are. */
  order: Int32Array;
  ranked: number;
  choropleth: Choropleth;
}

export interface ValueInputs {
  indicator: Indicator;
  measure: Measure;
  sources: ValueSources;
}

/**
 * Values, classes and ranks of a period (or of the change to `period`: from `state.from`, or from
 * the same period last year, in % with `yoy_pct`). `fixed`: breaks fitted over every period.
 */
export function classifyPeriod(
  inputs: ValueInputs,
  period: string,
  state: Classification,
  fixed?: FixedBreaks,
): PeriodView {
  const { indicator, measure, sources } = inputs;
  const from = compareFrom(state, period);
  const values = periodValueArray(sources, indicator, period, measure, from ?? undefined, state.change === 'yoy_pct');
  const scale = valueScaleOf(inputs, state);
  const choropleth = buildChoropleth(Array.from(values), indicator.polarity, {
    ...choroplethOptions(state),
    ...(fixed ? { fixed } : {}),
    ...(scale ? { valueScale: scale } : {}),
  });
  const classes = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) classes[i] = choropleth.classOf(values[i]!);
  const { ranks, order, ranked } = rankArray(values, ranksLowestFirst(indicator.polarity));
  return {
    period,
    from,
    ids: sources.main.ids,
    row: sources.main.row,
    values,
    classes,
    ranks,
    order,
    ranked,
    choropleth,
  };
}

/** A unit's displayed value in a period view (null: none, or not in the view). */
export function valueOf(view: PeriodView, id: number): number | null {
  const i = view.row.get(id);
  const v = i === undefined ? NaN : view.values[i]!;
  return v === v ? v : null;
}

/** A unit's rank in a period view (null: no value). */
export function rankOf(view: PeriodView, id: number): number | null {
  const i = view.row.get(id);
  return i === undefined || !view.ranks[i] ? null : view.ranks[i]!;
}

/** The ids of the `limit` highest-ranked units (more when ties share the last rank, cut at `limit`). */
export function topIds(view: PeriodView, limit: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < view.order.length && out.length < limit; k++) out.push(view.ids[view.order[k]!]!);
  return out;
}

export interface LegendLine {
  color: string;
  label: string;
  count: number;
}

/** Legend lines as every legend prints them: observed ranges for natural breaks, bounds otherwise. */
export function legendLines(choropleth: Choropleth, decimals: number, lang: Lang): LegendLine[] {
  const observed = choropleth.method === 'jenks' && !choropleth.diverging;
  const shown = observed ? decimals : boundDecimals(choropleth.classes, decimals);
  const fmt = (v: number) => {
    const s = formatNumber(v, shown, lang);
    return choropleth.diverging && v > 0 ? `+${s}` : s;
  };
  const last = choropleth.classes.length - 1;
  const lines = choropleth.classes.map((cls) => {
    const [a, b] = observed ? [cls.min, cls.max] : [cls.lower, cls.upper];
    // The end classes of a change scale are open: values beyond its ends fall in them.
    let label = fmt(a) === fmt(b) ? fmt(a) : `${fmt(a)} – ${fmt(b)}`;
    if (choropleth.diverging && cls.count > 0 && cls.index === 0 && cls.min < cls.lower) label = `< ${fmt(cls.upper)}`;
    if (choropleth.diverging && cls.count > 0 && cls.index === last && cls.max > cls.upper)
      label = `≥ ${fmt(cls.lower)}`;
    return { color: cls.color, label, count: cls.count };
  });
  lines.push({ color: choropleth.noData.color, label: mapTexts.in(lang).noData, count: choropleth.noData.count });
  return lines;
}

/** "tháng 12/2017", or "tháng 1/2017 → tháng 12/2017" for a change. */
export function periodLabelOf(period: string, from: string | null, lang: Lang): string {
  return from ? `${formatPeriod(from, lang)} → ${formatPeriod(period, lang)}` : formatPeriod(period, lang);
}

/** The legend's sentence for a narrow spread: "Tất cả phường, xã trong khoảng 0,7 điểm %". */
export function narrowSpreadLine(choropleth: Choropleth, decimals: number, unit: string, level: MapLevel, lang: Lang) {
  if (choropleth.narrowSpread === null) return null;
  // The spread between the bounds as printed (97,8 – 98,5 → 0,7), so the sentence agrees with the line.
  const d = Math.max(1, decimals);
  const cls = choropleth.classes[0];
  const round = (v: number) => Math.round(v * 10 ** d) / 10 ** d;
  const width = cls && cls.count > 0 ? round(cls.max) - round(cls.min) : choropleth.narrowSpread;
  const spread = formatNumber(width, d, lang);
  return mapTexts.in(lang).narrowSpread(levelNameOf(level, lang), spread, unit);
}

/** "Phường, xã" / "Residential groups". */
export function levelNameOf(level: MapLevel, lang: Lang): string {
  return level === 'group' ? common.in(lang).levelGroup : common.in(lang).levelWard;
}

/** What an exported or presented map shows, as the map page shows it. */
export interface ViewModel extends ValueInputs {
  state: MapState;
  numerator: Indicator | undefined;
  indicatorName: string;
  level: MapLevel;
  /** Boundary version date. */
  at: string;
  units: UnitsCollection;
  unitIds: number[];
  bounds: [number, number, number, number];
  view: PeriodView;
  values: Map<number, number | null>;
  choropleth: Choropleth;
  unitLabel: string;
  decimals: number;
  /** Class lines then the no-data line, as printed in every legend. */
  legend: LegendLine[];
  legendTitle: string;
  periodLabel: string;
  /** Periods of the same resolution in the indicator's range (for the time animation). */
  periods: string[];
  demo: boolean;
  /** The deployment's place on the boundary date (what titles and exports name), when known. */
  place?: Place | null;
  fixed?: FixedBreaks | undefined;
}

export interface ModelParts extends ValueInputs {
  state: MapState;
  numerator: Indicator | undefined;
  level: MapLevel;
  at: string;
  units: UnitsCollection;
  demo: boolean;
  place?: Place | null;
  /** Breaks fitted over every period of a time animation (withPeriod keeps them). */
  fixed?: FixedBreaks | undefined;
}

/** The place's name in a language ('' when the data and the settings name none). */
export function placeNameOf(place: Place | null | undefined, lang: Lang): string {
  return (lang === 'vi' ? place?.name_vi : place?.name_en) ?? '';
}

/** The model of a view from what was loaded for it. */
export function buildViewModel(p: ModelParts, lang: Lang): ViewModel {
  const { state, indicator, measure } = p;
  const view = classifyPeriod(p, state.period, state, p.fixed);
  const decimals = decimalsOf(indicator, measure);
  const indicatorName = { vi: indicator.name_vi, en: indicator.name_en }[lang];
  return {
    ...p,
    indicatorName,
    unitIds: p.units.features.map((f) => f.properties.id),
    bounds: unitsBounds(p.units),
    view,
    values: valuesById(view.ids, view.values),
    choropleth: view.choropleth,
    unitLabel: unitLabelOf(indicator, p.numerator, measure, lang),
    decimals,
    legend: legendLines(view.choropleth, decimals, lang),
    legendTitle: `${isChange(state) ? `${mapTexts.in(lang).change}: ` : ''}${indicatorName}`,
    periodLabel: periodLabelOf(state.period, view.from, lang),
    periods: periodsOf(indicator, state.period),
    demo: p.demo || p.sources.main.demo,
  };
}

/**
 * The same view at another period (the time animation): no request, the matrices hold every
 * period, and one set of class breaks over all of them (fitted at the first step, then kept), so
 * that a colour means the same value from one year to the next.
 */
export function withPeriod(model: ViewModel, period: string, lang: Lang): ViewModel {
  const from = model.state.from && model.state.from < period ? model.state.from : null;
  const fixed =
    model.fixed ?? (model.state.scale === 'period' ? undefined : pooledBreaks(model, model.periods, model.state));
  return buildViewModel({ ...model, fixed, state: { ...model.state, period, from } }, lang);
}

/** A displayed value with the model's decimals. */
export function formatValue(model: Pick<ViewModel, 'decimals'>, value: number | null, lang: Lang): string {
  return value === null ? '—' : formatNumber(value, model.decimals, lang);
}
