import { isMonth, monthIndex } from '../../geo/periods.ts';

/**
 * What makes a value acceptable, whoever enters it (a single edit or an import row): the month lies
 * between FIRST_MONTH and the current month in Vietnam, and the number fits its indicator's kind.
 * Pure: both writers call these and word the refusal in their own way.
 */

/** The earliest month a value may be entered for; the latest is the current month in Vietnam. */
export const FIRST_MONTH = '2000-01';

/** Whether `period` (YYYY-MM) is a month values may be entered for, given this month (`YYYY-MM`). */
export function periodInRange(period: string, thisMonth: string): boolean {
  return isMonth(period) && period >= FIRST_MONTH && monthIndex(period) <= monthIndex(thisMonth);
}

export type ValueProblem = 'count' | 'percent' | 'boolean' | 'finite';

/** What is wrong with `value` for an indicator of `kind`, or null. */
export function valueProblem(kind: string, value: number): ValueProblem | null {
  if (!Number.isFinite(value)) return 'finite';
  if (kind === 'count' && (value < 0 || !Number.isInteger(value))) return 'count';
  if (kind === 'percent' && (value < 0 || value > 100)) return 'percent';
  if (kind === 'boolean' && value !== 0 && value !== 1) return 'boolean';
  return null;
}
