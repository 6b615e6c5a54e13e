/**
 * The aggregation of monthly values into quarters and years (periods: geo/periods.ts); the
 * boundary version a period is drawn with is versions.ts. A quarter or a year is computed in the browser by the
 * indicator's time rule (geo/scoring.ts `windowValue`): flows (`sum`) add the months that have a
 * value, stocks (`last`) take the latest month with a value. Ratios whose
 * time rule is `sum` (e.g. cases solved / cases) are recomputed from the summed numerator and
 * denominator ({@link aggregateRatio}); a ratio of stocks takes its last month like any stock.
 */
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
