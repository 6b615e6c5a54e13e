import { describe, expect, it } from 'vitest';
import {
  addMonths,
  convertPeriod,
  isDate,
  isMonth,
  lastDayOfMonth,
  monthRange,
  monthsOf,
  periodsBetween,
  resolutionOf,
  samePeriodLastYear,
  todayInVietnam,
} from './periods.ts';

describe('periods', () => {
  it('validates months and real calendar dates', () => {
    expect(isMonth('2017-12')).toBe(true);
    expect(isMonth('2017-13')).toBe(false);
    expect(isMonth('2017-1')).toBe(false);
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
    expect(isDate('2017-04-31')).toBe(false);
    expect(isDate("2017-01-01' or 1=1")).toBe(false);
  });
  it('lists months across a year boundary', () => {
    expect(monthRange('2016-11', '2017-02')).toEqual(['2016-11', '2016-12', '2017-01', '2017-02']);
    expect(monthRange('2016-01', '2026-10')).toHaveLength(130);
    expect(monthRange('2017-02', '2017-01')).toEqual([]);
  });
  it('knows the last day of a month', () => {
    expect(lastDayOfMonth('2016-02')).toBe('2016-02-29');
    expect(lastDayOfMonth('2017-12')).toBe('2017-12-31');
  });
  it('knows the day in Vietnam', () => {
    expect(todayInVietnam(new Date(Date.parse('2025-06-30T16:59:59Z')))).toBe('2025-06-30');
    expect(todayInVietnam(new Date(Date.parse('2025-06-30T17:00:00Z')))).toBe('2025-07-01');
  });

  it("takes today's date in Vietnam, not UTC", () => {
    expect(todayInVietnam(new Date('2026-11-27T18:30:00Z'))).toBe('2026-11-28');
    expect(todayInVietnam(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });
});

describe('periods: months, quarters and years', () => {
  it('knows months, quarters and years', () => {
    expect(resolutionOf('2017-03')).toBe('month');
    expect(resolutionOf('2017-Q1')).toBe('quarter');
    expect(resolutionOf('2017')).toBe('year');
    expect(resolutionOf('2017-13')).toBeNull();
    expect(monthsOf('2017-Q2')).toEqual(['2017-04', '2017-05', '2017-06']);
    expect(monthsOf('2017')).toHaveLength(12);
  });
  it('lists the periods of a range and converts between resolutions', () => {
    expect(periodsBetween('2016-11', '2017-04', 'quarter')).toEqual(['2016-Q4', '2017-Q1', '2017-Q2']);
    expect(periodsBetween('2016-11', '2017-04', 'year')).toEqual(['2016', '2017']);
    expect(convertPeriod('2017-05', 'quarter', '2016-01', '2026-10')).toBe('2017-Q2');
    expect(convertPeriod('2026', 'month', '2016-01', '2026-10')).toBe('2026-10');
  });
  it('counts months forward and back across years', () => {
    expect(addMonths('2017-01', -1)).toBe('2016-12');
    expect(addMonths('2017-12', -11)).toBe('2017-01');
    expect(addMonths('2016-12', 13)).toBe('2018-01');
  });
  it('covers a year to date and the rolling twelve months', () => {
    expect(resolutionOf('2026-10-ytd')).toBe('ytd');
    expect(resolutionOf('2026-10-r12')).toBe('r12');
    expect(resolutionOf('2026-13-ytd')).toBeNull();
    expect(monthsOf('2026-03-ytd')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(monthsOf('2026-01-ytd')).toEqual(['2026-01']);
    const r12 = monthsOf('2026-03-r12');
    expect(r12).toHaveLength(12);
    expect([r12[0], r12[11]]).toEqual(['2025-04', '2026-03']);
    // Rolling windows start once twelve months are behind them; a year to date at every month.
    expect(periodsBetween('2016-01', '2017-02', 'r12')).toEqual(['2016-12-r12', '2017-01-r12', '2017-02-r12']);
    expect(periodsBetween('2016-11', '2017-01', 'ytd')).toEqual(['2016-11-ytd', '2016-12-ytd', '2017-01-ytd']);
    expect(convertPeriod('2017-Q2', 'ytd', '2016-01', '2026-10')).toBe('2017-06-ytd');
    expect(convertPeriod('2017-06-r12', 'quarter', '2016-01', '2026-10')).toBe('2017-Q2');
  });
  it('finds the same period last year', () => {
    expect(samePeriodLastYear('2026-10')).toBe('2025-10');
    expect(samePeriodLastYear('2026-Q1')).toBe('2025-Q1');
    expect(samePeriodLastYear('2026')).toBe('2025');
    expect(samePeriodLastYear('2026-10-ytd')).toBe('2025-10-ytd');
    expect(samePeriodLastYear('2026-02-r12')).toBe('2025-02-r12');
  });
});
