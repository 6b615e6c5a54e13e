/**
 * The values matrix of one indicator at one level and boundary version — every period in one
 * request, kept for the page's life — and the displayed values of a period computed from it
 * (month, quarter or year by the indicator's time rule; optionally per 1,000 households; or the
 * change between two periods). Geometry never travels here. The matrix arrives in binary
 * (`format=bin`, see valuesBinary.ts) and stays in typed arrays: 10,000 units × 24 months are two
 * small buffers, not 240,000 boxed numbers.
 */
import { fetchValues } from './reads.ts';
import type { Indicator, MapLevel, ValuesResponse } from './types.ts';
import { createBinaryValuesFetcher, type BinaryMatrix } from './valuesBinary.ts';
import { aggregate, aggregateRatio } from '../map/time.ts';
import { monthsOf } from '../../../../geo/periods.ts';

export interface Matrix {
  /** Unit ids, in row order. */
  ids: Int32Array;
  periods: string[];
  demo: boolean;
  /** values[row * periods.length + column]; NaN = missing. */
  values: Float32Array | Float64Array;
  /** Row by unit id. */
  row: Map<number, number>;
  /** Column by month. */
  column: Map<string, number>;
  /** Cell indices (row * periods.length + column) re-expressed from another boundary version. */
  reexpressed: Set<number>;
}

function build(
  ids: Int32Array,
  periods: string[],
  demo: boolean,
  values: Float32Array | Float64Array,
  reexpressed: Iterable<number>,
): Matrix {
  const row = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) row.set(ids[i]!, i);
  return {
    ids,
    periods,
    demo,
    values,
    row,
    column: new Map(periods.map((p, j) => [p, j])),
    reexpressed: new Set(reexpressed),
  };
}

/** The matrix of a binary body. */
export function fromBinary(body: BinaryMatrix): Matrix {
  return build(body.ids, body.header.periods, body.header.demo, body.values, body.reexpressed);
}

/** The matrix of a JSON body (the API's other representation; tests and tools use it). */
export function toMatrix(response: ValuesResponse): Matrix {
  const p = response.periods.length;
  const values = new Float64Array(response.ids.length * p).fill(NaN);
  response.values.forEach((r, i) => r.forEach((v, j) => v !== null && (values[i * p + j] = v)));
  return build(
    Int32Array.from(response.ids),
    response.periods,
    response.demo,
    values,
    response.reexpressed.map(([i, j]) => i! * p + j!),
  );
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

/** Fetches one matrix: binary by default. */
export type MatrixFetcher = (key: MatrixKey) => Promise<Matrix>;

export const fetchJsonMatrix: MatrixFetcher = (key) => fetchValues({ ...key }).then(toMatrix);

export function binaryMatrixFetcher(): MatrixFetcher {
  const fetchBinary = createBinaryValuesFetcher();
  return (key) => fetchBinary({ ...key }).then(fromBinary);
}

export function createMatrixLoader(fetcher: MatrixFetcher = binaryMatrixFetcher()): MatrixLoader {
  const cache = new Map<string, Promise<Matrix>>();
  let requests = 0;
  return {
    load(key) {
      const id = `${key.indicator}|${key.level}|${key.at}|${key.from}|${key.to}`;
      let pending = cache.get(id);
      if (!pending) {
        requests += 1;
        pending = fetcher({ ...key });
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
  const i = matrix?.row.get(id);
  if (matrix === undefined || i === undefined) return () => null;
  const base = i * matrix.periods.length;
  return (month) => {
    const j = matrix.column.get(month);
    if (j === undefined) return null;
    const v = matrix.values[base + j]!;
    return v === v ? v : null;
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
  return valueIn(sources, indicator, id, monthsOf(period), measure);
}

function valueIn(
  sources: ValueSources,
  indicator: ValueIndicator,
  id: number,
  months: readonly string[],
  measure: Measure,
): number | null {
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

/**
 * The displayed values of every unit from the main matrix alone, straight off its typed array (no
 * per-unit closure or string lookup: a period step at 10,000 units stays within a frame), or null
 * when they need other matrices (ratios from parts, per 1,000 households, numerator counts).
 */
function fromMainOnly(
  sources: ValueSources,
  indicator: ValueIndicator,
  months: readonly string[],
  measure: Measure,
): Float64Array | null {
  const ratio = indicator.kind === 'ratio';
  if (measure !== 'value') return null;
  if (ratio && months.length > 1 && indicator.time_rule === 'sum' && sources.numerator && sources.denominator) {
    return null;
  }
  const { main } = sources;
  const cols = months.map((m) => main.column.get(m)).filter((j): j is number => j !== undefined);
  const last = ratio || indicator.time_rule === 'last';
  const scale = ratio ? (indicator.scale ?? 1) : 1;
  const p = main.periods.length;
  const vs = main.values;
  const out = new Float64Array(main.ids.length);
  for (let i = 0; i < out.length; i++) {
    const base = i * p;
    let value = NaN;
    if (last) {
      for (let k = cols.length - 1; k >= 0; k--) {
        const v = vs[base + cols[k]!]!;
        if (v === v) {
          value = v * scale;
          break;
        }
      }
    } else {
      for (const j of cols) {
        const v = vs[base + j]!;
        if (v === v) value = value === value ? value + v : v;
      }
    }
    out[i] = value;
  }
  return out;
}

/**
 * Displayed values of every unit in a period, or the change from `from` to `period` when given, in
 * the main matrix's row order (`sources.main.ids`); NaN where a unit has no value. `relative`: the
 * change in % of the value at `from` (NaN where that is 0: a rise from nothing has no percentage).
 */
export function periodValueArray(
  sources: ValueSources,
  indicator: ValueIndicator,
  period: string,
  measure: Measure = 'value',
  from?: string,
  relative = false,
): Float64Array {
  const months = monthsOf(period);
  const fromMonths = from === undefined ? null : monthsOf(from);
  const ids = sources.main.ids;
  const change = (a: number, b: number) => (relative ? (a === 0 ? NaN : ((b - a) / Math.abs(a)) * 100) : b - a);
  const fast = fromMainOnly(sources, indicator, months, measure);
  const fastFrom = fromMonths && fast ? fromMainOnly(sources, indicator, fromMonths, measure) : null;
  if (fast && (fromMonths === null || fastFrom)) {
    if (!fastFrom) return fast;
    for (let i = 0; i < ids.length; i++) fast[i] = change(fastFrom[i]!, fast[i]!);
    return fast;
  }
  const out = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const b = valueIn(sources, indicator, id, months, measure);
    const a = fromMonths === null ? 0 : valueIn(sources, indicator, id, fromMonths, measure);
    out[i] = a === null || b === null ? NaN : fromMonths === null ? b : change(a, b);
  }
  return out;
}

/** Displayed values of every unit in a period (or the change from `from`), by unit id. */
export function periodValues(
  sources: ValueSources,
  indicator: ValueIndicator,
  period: string,
  measure: Measure = 'value',
  from?: string,
): Map<number, number | null> {
  return valuesById(sources.main.ids, periodValueArray(sources, indicator, period, measure, from));
}

/** Values in row order (NaN = none) as a map by unit id (null = none). */
export function valuesById(ids: Int32Array, values: Float64Array): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (let i = 0; i < ids.length; i++) {
    const v = values[i]!;
    out.set(ids[i]!, v === v ? v : null);
  }
  return out;
}

/** Whether any month of the period was re-expressed from another boundary version for this unit. */
export function isReexpressed(sources: ValueSources, id: number, period: string): boolean {
  const { main } = sources;
  const i = main.row.get(id);
  if (i === undefined || main.reexpressed.size === 0) return false;
  return monthsOf(period).some((m) => {
    const j = main.column.get(m);
    return j !== undefined && main.reexpressed.has(i * main.periods.length + j);
  });
}

/**
 * Ranks of values in row order (1 = highest, or lowest when `lowestFirst`; 0 = no value), equal
 * values sharing the better rank (1, 2, 2, 4), and the rows that have a value in rank order. Rank =
 * 1 + how many values come before: one typed sort and a binary search per unit, no comparator
 * (lowest first ranks the negated values).
 */
export function rankArray(
  input: Float64Array,
  lowestFirst = false,
): { ranks: Int32Array; order: Int32Array; ranked: number } {
  const values = lowestFirst ? input.map((v) => -v) : input;
  const sorted = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) sorted[n++] = v;
  }
  const asc = sorted.subarray(0, n).sort();
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (asc[mid]! <= v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = n - lo + 1;
  }
  // Rows by rank: a counting sort on the ranks (1…n), stable in row order.
  const starts = new Int32Array(n + 2);
  for (let i = 0; i < ranks.length; i++) if (ranks[i]) starts[ranks[i]! + 1]! += 1;
  for (let r = 1; r < starts.length; r++) starts[r]! += starts[r - 1]!;
  const order = new Int32Array(n);
  for (let i = 0; i < ranks.length; i++) if (ranks[i]) order[starts[ranks[i]!]!++] = i;
  return { ranks, order, ranked: n };
}

/** Rank (1 = highest value) of each unit with a value; equal values share the better rank (1, 2, 2, 4). */
export function ranks(values: ReadonlyMap<number, number | null>): Map<number, number> {
  const ids = Int32Array.from(values.keys());
  const array = Float64Array.from(values.values(), (v) => (v === null ? NaN : v));
  const { ranks: r } = rankArray(array);
  const out = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) if (r[i]) out.set(ids[i]!, r[i]!);
  return out;
}
