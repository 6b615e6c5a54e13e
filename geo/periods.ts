/**
 * Months as 'YYYY-MM'; dates as 'YYYY-MM-DD'. Pure calendar arithmetic, no time zones.
 *
 * A period is a month `2017-03`, a quarter `2017-Q1`, a year `2017`, a year to date `2017-03-ytd`
 * (January to March 2017) or the rolling twelve months `2017-03-r12` (April 2016 to March 2017) —
 * what crime analysts look at first. Values travel as months; a longer period is the months it
 * covers, combined by the indicator's time rule.
 */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function isMonth(s: string): boolean {
  return MONTH.test(s);
}

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthIndex(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return y * 12 + (m - 1);
}

export function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

export function firstDayOfMonth(month: string): string {
  return `${month}-01`;
}

/** Today's calendar date in Vietnam (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export type Resolution = 'month' | 'quarter' | 'year' | 'ytd' | 'r12';
export const RESOLUTIONS: readonly Resolution[] = ['month', 'quarter', 'year', 'ytd', 'r12'];

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;
/** A year to date or rolling twelve months: the month it ends with, and the kind. */
const ENDING = /^(\d{4}-(?:0[1-9]|1[0-2]))-(ytd|r12)$/;

export function resolutionOf(period: string): Resolution | null {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  const ending = ENDING.exec(period);
  return ending ? (ending[2] as 'ytd' | 'r12') : null;
}

/** A year to date's or rolling twelve months' last month and kind (null for other periods). */
export function endingOf(period: string): { month: string; kind: 'ytd' | 'r12' } | null {
  const m = ENDING.exec(period);
  return m ? { month: m[1]!, kind: m[2] as 'ytd' | 'r12' } : null;
}

/** The months a period covers (a month covers itself). */
export function monthsOf(period: string): string[] {
  const ending = ENDING.exec(period);
  if (ending) {
    const last = ending[1]!;
    const first = ending[2] === 'ytd' ? `${last.slice(0, 4)}-01` : addMonths(last, -11);
    return monthRange(first, last);
  }
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
  if (resolution === 'ytd' || resolution === 'r12') return `${month}-${resolution}`;
  const [y, m] = month.split('-') as [string, string];
  return resolution === 'year' ? y : `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}

/**
 * The periods of `resolution` that overlap the months `from`…`to`, in order. Rolling twelve months
 * start once twelve months of the range are behind them (an earlier one would sum fewer months).
 */
export function periodsBetween(from: string, to: string, resolution: Resolution): string[] {
  const out: string[] = [];
  const start = resolution === 'r12' ? addMonths(from, 11) : from;
  for (const month of monthRange(start, to)) {
    const period = periodOfMonth(month, resolution);
    if (out[out.length - 1] !== period) out.push(period);
  }
  return out;
}

/** The same moment at another resolution: its last month within `from`…`to`, re-bucketed. */
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

/** The month `n` months after `month` (before, when negative). */
export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** The same period a year earlier (change against the same period last year). */
export function samePeriodLastYear(period: string): string {
  const ending = endingOf(period);
  if (ending) return `${addMonths(ending.month, -12)}-${ending.kind}`;
  if (MONTH.test(period)) return addMonths(period, -12);
  const q = QUARTER.exec(period);
  if (q) return `${Number(q[1]) - 1}-Q${q[2]}`;
  return YEAR.test(period) ? String(Number(period) - 1) : period;
}
