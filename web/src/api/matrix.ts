/**
 * The values matrix of one indicator at one level and boundary version — every period in one
 * request, kept for the page's life — and the displayed values of a period computed from it
 * (month, quarter or year by the indicator's time rule; optionally per 1,000 households; or the
 * change between two periods). Geometry never travels here.
 */
import { fetchValues } from './client.ts';
import type { Indicator, MapLevel, ValuesResponse } from './types.ts';
import { aggregate, aggregateRatio, monthsOf } from '../lib/time.ts';

export interface Matrix {
  ids: number[];
  periods: string[];
  demo: boolean;
  /** Row of monthly values by unit id. */
  rows: Map<number, (number | null)[]>;
  /** Column by month. */
  column: Map<string, number>;
  /** `id|month` of cells re-expressed from another boundary version. */
  reexpressed: Set<string>;
}

export function toMatrix(response: ValuesResponse): Matrix {
  const rows = new Map<number, (number | null)[]>();
  response.ids.forEach((id, i) => rows.set(id, response.values[i] ?? []));
  const reexpressed = new Set<string>();
  for (const [i, j] of response.reexpressed) reexpressed.add(`${response.ids[i ?? -1]}|${response.periods[j ?? -1]}`);
  return {
    ids: response.ids,
    periods: response.periods,
    demo: response.demo,
    rows,
    column: new Map(response.periods.map((p, j) => [p, j])),
    reexpressed,
  };
}

export interface MatrixKey {
  indicator: string;
  level: MapLevel;
  /** Boundary version date, `YYYY-MM-DD`. */
  at: string;
  /** Months, inclusive. */
  from: string;
  to: string;
}

export interface MatrixLoader {
  load(key: MatrixKey): Promise<Matrix>;
  /** How many requests were sent (for tests and diagnostics). */
  readonly requests: number;
}

export function createMatrixLoader(fetcher = fetchValues): MatrixLoader {
  const cache = new Map<string, Promise<Matrix>>();
  let requests = 0;
  return {
    load(key) {
      const id = `${key.indicator}|${key.level}|${key.at}|${key.from}|${key.to}`;
      let pending = cache.get(id);
      if (!pending) {
        requests += 1;
        pending = fetcher({ ...key }).then(toMatrix);
        pending.catch(() => cache.delete(id));
        cache.set(id, pending);
      }
      return pending;
    },
    get requests() {
      return requests;
    },
  };
}

/**
 * value: as the indicator is defined (counts as counted, ratios as a rate, e.g. %); per1000: a
 * count per 1,000 households; count: a ratio's numerator as a count (e.g. households registered).
 */
export type Measure = 'value' | 'per1000' | 'count';

export interface ValueSources {
  main: Matrix;
  /** Numerator and denominator of a ratio summed over time. */
  numerator?: Matrix | undefined;
  denominator?: Matrix | undefined;
  /** Households, for `per1000`. */
  households?: Matrix | undefined;
}

export type ValueIndicator = Pick<Indicator, 'kind' | 'scale' | 'time_rule'>;

function cell(matrix: Matrix | undefined, id: number): (month: string) => number | null {
  const row = matrix?.rows.get(id);
  return (month) => {
    const j = matrix?.column.get(month);
    return row && j !== undefined ? (row[j] ?? null) : null;
  };
}

/** Whether this indicator is recomputed from parts over quarters and years. */
export function needsParts(indicator: Pick<Indicator, 'kind' | 'time_rule' | 'numerator_key' | 'denominator_key'>) {
  return (
    indicator.kind === 'ratio' &&
    indicator.time_rule === 'sum' &&
    !!indicator.numerator_key &&
    !!indicator.denominator_key
  );
}

/** The displayed value of one unit in one period (ratios scaled, e.g. to %). */
export function unitValue(
  sources: ValueSources,
  indicator: ValueIndicator,
  id: number,
  period: string,
  measure: Measure = 'value',
): number | null {
  const months = monthsOf(period);
  let value: number | null;
  if (indicator.kind === 'ratio' && measure === 'count') {
    value = aggregate(months, cell(sources.numerator, id), indicator.time_rule);
  } else if (indicator.kind === 'ratio') {
    const raw =
      months.length > 1 && indicator.time_rule === 'sum' && sources.numerator && sources.denominator
        ? aggregateRatio(months, cell(sources.numerator, id), cell(sources.denominator, id))
        : aggregate(months, cell(sources.main, id), 'last');
    value = raw === null ? null : raw * (indicator.scale ?? 1);
  } else {
    value = aggregate(months, cell(sources.main, id), indicator.time_rule);
  }
  if (value !== null && measure === 'per1000' && indicator.kind === 'count') {
    const households = aggregate(months, cell(sources.households, id), 'last');
    value = households ? (value / households) * 1000 : null;
  }
  return value;
}

/** Displayed values of every unit in a period, or the change from `from` to `period` when given. */
export function periodValues(
  sources: ValueSources,
  indicator: ValueIndicator,
  period: string,
  measure: Measure = 'value',
  from?: string,
): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const id of sources.main.ids) {
    const b = unitValue(sources, indicator, id, period, measure);
    if (from === undefined) out.set(id, b);
    else {
      const a = unitValue(sources, indicator, id, from, measure);
      out.set(id, a === null || b === null ? null : b - a);
    }
  }
  return out;
}

/** Whether any month of the period was re-expressed from another boundary version for this unit. */
export function isReexpressed(sources: ValueSources, id: number, period: string): boolean {
  return monthsOf(period).some((m) => sources.main.reexpressed.has(`${id}|${m}`));
}

/** Rank (1 = highest value) of each unit with a value. */
export function ranks(values: ReadonlyMap<number, number | null>): Map<number, number> {
  const sorted = [...values].filter((e): e is [number, number] => e[1] !== null).sort((a, b) => b[1] - a[1]);
  const out = new Map<number, number>();
  sorted.forEach(([id, v], i) => out.set(id, i > 0 && sorted[i - 1]![1] === v ? out.get(sorted[i - 1]![0])! : i + 1));
  return out;
}
