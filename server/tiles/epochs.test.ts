import { describe, expect, it } from 'vitest';
import { BEFORE_ALL, epochOf } from './epochs.ts';

describe('tile epochs: the last boundary change on or before a date', () => {
  const dates = ['2017-01-01', '2020-01-01', '2025-07-01'];
  it('maps every date between two changes to the earlier change', () => {
    expect(epochOf(dates, '2017-01-01')).toBe('2017-01-01');
    expect(epochOf(dates, '2017-12-31')).toBe('2017-01-01');
    expect(epochOf(dates, '2019-12-31')).toBe('2017-01-01');
    expect(epochOf(dates, '2020-01-01')).toBe('2020-01-01');
    expect(epochOf(dates, '2026-11-30')).toBe('2025-07-01');
  });
  it('dates before the first change share one key; no changes at all, one key', () => {
    expect(epochOf(dates, '2016-06-30')).toBe(BEFORE_ALL);
    expect(epochOf([], '2026-01-01')).toBe(BEFORE_ALL);
  });
});
