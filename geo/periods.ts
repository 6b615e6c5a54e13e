/**
 * Months as 'YYYY-MM'; dates as 'YYYY-MM-DD'. Pure calendar arithmetic, no time zones.
 *
 * A period is a month `2017-03`, a quarter `2017-Q1` or a year `2017`. Values travel as months; a
 * quarter or a year is the months it covers, combined by the indicator's time rule.
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

export type Resolution = 'month' | 'quarter' | 'year';

const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

export function resolutionOf(period: string): Resolution | null {
  if (MONTH.test(period)) return 'month';
  if (QUARTER.test(period)) return 'quarter';
  if (YEAR.test(period)) return 'year';
  return null;
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
