/**
 * The aggregation of monthly values into quarters and years (periods: geo/periods.ts), and the
 * boundary version a period is drawn with. A quarter or a year is computed in the browser by the
 * indicator's time rule (geo/scoring.ts `windowValue`): flows (`sum`) add the months that have a
 * value, stocks (`last`) take the latest month with a value. Ratios whose
 * time rule is `sum` (e.g. cases solved / cases) are recomputed from the summed numerator and
 * denominator ({@link aggregateRatio}); a ratio of stocks takes its last month like any stock.
 */
import { lastMonthOf } from '../../../../geo/periods.ts';
import { windowRatio, windowValue } from '../../../../geo/scoring.ts';
import type { TimeRule } from '../../../../geo/catalogue.ts';

export type { TimeRule };

/** Aggregates one unit's monthly values (`byMonth(month)`) over a period's months by the rule. */
export function aggregate(months: readonly string[], byMonth: (month: string) => number | null, rule: TimeRule) {
  return windowValue(months.map(byMonth), rule);
}

/** A ratio over a period from its parts: Σ numerator / Σ denominator (null when the latter is 0). */
export function aggregateRatio(
  months: readonly string[],
  numerator: (month: string) => number | null,
  denominator: (month: string) => number | null,
): number | null {
  return windowRatio(months.map(numerator), months.map(denominator), 'sum');
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
