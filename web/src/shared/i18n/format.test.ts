import { describe, expect, it } from 'vitest';
import {
  displayValue,
  formatDate,
  formatDay,
  formatDateTime,
  comparedValues,
  formatNumber,
  formatPeriod,
  formatWithUnit,
} from './format.ts';

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

describe('dates and search text', () => {
  it('shows instants in Vietnam time', () => {
    // 17:30 UTC is half past midnight the next day in Vietnam.
    const text = formatDateTime('2017-12-31T17:30:05Z');
    expect(text).toContain('01/01/2018');
    expect(text).toContain('00:30:05');
    expect(formatDate('2017-12-31T17:30:05Z')).toBe('01/01/2018');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('format (en)', () => {
  it('formats numbers, periods and days in both languages', () => {
    expect(formatNumber(35000, 0, 'en')).toBe('35,000');
    expect(formatNumber(87.46, 1, 'en')).toBe('87.5');
    expect(formatPeriod('2017-03', 'vi')).toBe('tháng 3/2017');
    expect(formatPeriod('2017-03', 'en')).toBe('Mar 2017');
    expect(formatPeriod('2017-Q1', 'vi')).toBe('quý 1/2017');
    expect(formatPeriod('2017-Q1', 'en')).toBe('Q1 2017');
    expect(formatPeriod('2017', 'vi')).toBe('năm 2017');
    expect(formatDay('2025-07-01', 'vi')).toBe('01/07/2025');
    expect(formatDay('2025-07-01', 'en')).toBe('1 Jul 2025');
    expect(formatWithUnit(35000, { kind: 'count', unit_vi: 'hộ', unit_en: 'households' }, 'en')).toBe(
      '35,000 households',
    );
  });
});

describe('comparedValues', () => {
  it('rounds each value once and takes the change from what is printed', () => {
    // 97,74 → 97,7 and 97,26 → 97,3: the unrounded change 0,48 would print "+0,5" beside them.
    expect(comparedValues(97.74, 97.26, 1, 'vi')).toEqual({ value: '97,7', previous: '97,3', change: '+0,4' });
    expect(comparedValues(12, 14, 0, 'vi')).toEqual({ value: '12', previous: '14', change: '−2' });
    expect(comparedValues(97, 97.04, 1, 'en')).toEqual({ value: '97.0', previous: '97.0', change: '0.0' });
    expect(comparedValues(1500, null, 0, 'vi')).toEqual({ value: '1.500', previous: '—', change: '—' });
  });
});
