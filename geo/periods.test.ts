import { describe, expect, it } from 'vitest';
import { isDate, isMonth, lastDayOfMonth, monthRange, todayInVietnam } from './periods.ts';

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
  it("takes today's date in Vietnam, not UTC", () => {
    expect(todayInVietnam(new Date('2026-11-27T18:30:00Z'))).toBe('2026-11-28');
    expect(todayInVietnam(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });
});
