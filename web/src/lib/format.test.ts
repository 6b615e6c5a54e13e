import { describe, expect, it } from 'vitest';
import { displayValue, formatNumber, formatPeriod, formatWithUnit } from './format.ts';

describe('format (vi-VN)', () => {
  it('groups thousands with dots and uses a decimal comma', () => {
    expect(formatNumber(35000)).toBe('35.000');
    expect(formatNumber(87.46, 1)).toBe('87,5');
    expect(formatNumber(1234567.891, 2)).toBe('1.234.567,89');
  });

  it('scales ratios for display and adds the unit', () => {
    const ratio = { kind: 'ratio' as const, scale: 100, unit_vi: '%' };
    expect(displayValue(0.8755, ratio)).toBeCloseTo(87.55);
    expect(formatWithUnit(87.55, ratio)).toBe('87,6%');
    const count = { kind: 'count' as const, scale: null, unit_vi: 'hộ' };
    expect(displayValue(35000, count)).toBe(35000);
    expect(formatWithUnit(35000, count)).toBe('35.000 hộ');
  });

  it('names months in Vietnamese', () => {
    expect(formatPeriod('2017-12')).toBe('tháng 12/2017');
    expect(formatPeriod('2018-03')).toBe('tháng 3/2018');
  });
});
