/**
 * Periods of the map's time control and the aggregation of monthly values into quarters and years.
 *
 * A period is a month `2017-03`, a quarter `2017-Q1` or a year `2017`. Values travel as months;
 * a quarter or a year is computed in the browser by the indicator's time rule: flows (`sum`) add
 * the months that have a value, stocks (`last`) take the latest month with a value. Ratios whose
 * time rule is `sum` (e.g. cases solved / cases) are recomputed from the summed numerator and
 * denominator ({@link aggregateRatio}); a ratio of stocks takes its last month like any stock.
 */
export type Resolution = 'month' | 'quarter' | 'year';
export type TimeRule = 'sum' | 'last';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export function resolutionOf(period: string): Resolution | null {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  return null;
}

export const monthIndex = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + m - 1;
};
export const monthFromIndex = (index: number) =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

/** The months a period covers (a month covers itself). */
export function monthsOf(period: string): string[] {
  let match = QUARTER.exec(period);
  if (match) {
    const first = (Number(match[2]) - 1) * 3 + 1;
    return [0, 1, 2].map((i) => `${match![1]}-${String(first + i).padStart(2, '0')}`);
  }
  match = YEAR.exec(period);
  if (match) return Array.from({ length: 12 }, (_, i) => `${match![1]}-${String(i + 1).padStart(2, '0')}`);
  return MONTH.test(period) ? [period] : [];
}

/** The period of `resolution` that holds `month`. */
export function periodOfMonth(month: string, resolution: Resolution): string {
  if (resolution === 'month') return month;
  const [y, m] = month.split('-') as [string, string];
  return resolution === 'year' ? y : `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/** The periods of `resolution` that overlap the months `from`…`to`, in order. */
export function periodsBetween(from: string, to: string, resolution: Resolution): string[] {
  const out: string[] = [];
  for (const month of monthRange(from, to)) {
    const period = periodOfMonth(month, resolution);
    if (out[out.length - 1] !== period) out.push(period);
  }
  return out;
}

/** The same moment at another resolution: its last month, re-bucketed. */
export function convertPeriod(period: string, resolution: Resolution, from: string, to: string): string {
  const months = monthsOf(period).filter((m) => m >= from && m <= to);
  const last = months[months.length - 1] ?? to;
  return periodOfMonth(last, resolution);
}

/** The last month of a period (its end date's month). */
export function lastMonthOf(period: string): string {
  const months = monthsOf(period);
  return months[months.length - 1] ?? period;
}

/** Aggregates one unit's monthly values (`byMonth(month)`) over a period's months by the rule. */
export function aggregate(months: readonly string[], byMonth: (month: string) => number | null, rule: TimeRule) {
  if (rule === 'last') {
    for (let i = months.length - 1; i >= 0; i--) {
      const v = byMonth(months[i]!);
      if (v !== null) return v;
    }
    return null;
  }
  let sum = 0;
  let seen = false;
  for (const month of months) {
    const v = byMonth(month);
    if (v === null) continue;
    sum += v;
    seen = true;
  }
  return seen ? sum : null;
}

/** A ratio over a period from its parts: Σ numerator / Σ denominator (null when the latter is 0). */
export function aggregateRatio(
  months: readonly string[],
  numerator: (month: string) => number | null,
  denominator: (month: string) => number | null,
): number | null {
  const n = aggregate(months, numerator, 'sum');
  const d = aggregate(months, denominator, 'sum');
  return n === null || d === null || d === 0 ? null : n / d;
}

/** Vietnam's ward merger: boundaries valid from this day replace the 2017 ones. */
export const MERGER_DATE = '2025-07-01';

/**
 * The boundary version (a date the units are valid on) that a period is drawn with: the version
 * valid at the period's end. Only two versions exist in the data (before/after 2025-07-01), so the
 * dates are canonical — one geometry and one values matrix per version.
 */
export function boundaryDateFor(period: string): string {
  return lastMonthOf(period) >= MERGER_DATE.slice(0, 7) ? MERGER_DATE : '2017-12-31';
}
