import { describe, expect, it } from 'vitest';
import { addDays, addMonths, periodOfDate, yearOf } from './calendar.ts';

describe('calendar', () => {
  it('adds days across month and leap-year ends', () => {
    expect(addDays('2017-01-15', 75)).toBe('2017-03-31');
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29');
    expect(addDays('2017-12-31', 1)).toBe('2018-01-01');
    expect(() => addDays('2017-13-01x', 1)).toThrow(RangeError);
  });

  it('adds months, clamping the day to the target month', () => {
    expect(addMonths('2017-11-20', 3, 5)).toBe('2018-02-05');
    expect(addMonths('2017-01-31', 1, 31)).toBe('2017-02-28');
    expect(addMonths('2016-01-31', 1, 31)).toBe('2016-02-29');
    expect(addMonths('2017-03-10', 0)).toBe('2017-03-01');
  });

  it('reads the year and period of dates', () => {
    expect(yearOf('2025-07')).toBe(2025);
    expect(periodOfDate('2025-07-01')).toBe('2025-07');
  });
});
