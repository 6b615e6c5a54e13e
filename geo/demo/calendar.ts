import { daysInMonth, monthFromIndex, monthIndex } from '../periods.ts';

/**
 * The demo's time span and the date steps its hotspot histories need, on top of the month
 * arithmetic of geo/periods.ts. Dates are civil dates with no time zone, so they are computed in
 * UTC, where no offset can shift a day.
 */
export const FIRST_PERIOD = '2016-01';
export const LAST_PERIOD = '2026-10';

export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/** The period ('YYYY-MM') a date ('YYYY-MM-DD') falls in. */
export function periodOfDate(date: string): string {
  return date.slice(0, 7);
}

export function addDays(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Day `day` of the month `months` after the month of `date`, clamped to the month's length. */
export function addMonths(date: string, months: number, day = 1): string {
  const period = monthFromIndex(monthIndex(periodOfDate(date)) + months);
  const last = daysInMonth(yearOf(period), Number(period.slice(5, 7)));
  return `${period}-${String(Math.min(day, last)).padStart(2, '0')}`;
}
