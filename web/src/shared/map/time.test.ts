import { describe, expect, it } from 'vitest';
import {
  aggregate,
  aggregateRatio,
  boundaryDateFor,
  convertPeriod,
  monthsOf,
  periodsBetween,
  resolutionOf,
} from './time.ts';

describe('periods', () => {
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
  it('follows the 2025-07-01 boundary change', () => {
    expect(boundaryDateFor('2017-12')).toBe('2017-12-31');
    expect(boundaryDateFor('2025-06')).toBe('2017-12-31');
    expect(boundaryDateFor('2025-07')).toBe('2025-07-01');
    expect(boundaryDateFor('2025-Q3')).toBe('2025-07-01');
    expect(boundaryDateFor('2025')).toBe('2025-07-01');
  });
});

describe('time aggregation', () => {
  const data: Record<string, number | null> = { '2017-01': 2, '2017-02': null, '2017-03': 5 };
  const by = (m: string) => data[m] ?? null;
  const q1 = monthsOf('2017-Q1');
  it('sums flows and takes the last value of stocks', () => {
    expect(aggregate(q1, by, 'sum')).toBe(7);
    expect(aggregate(q1, by, 'last')).toBe(5);
    expect(aggregate(['2017-02'], by, 'sum')).toBeNull();
    expect(aggregate(['2017-01', '2017-02'], by, 'last')).toBe(2);
  });
  it('recomputes ratios from their summed parts', () => {
    const num: Record<string, number> = { '2017-01': 1, '2017-02': 3, '2017-03': 0 };
    const den: Record<string, number> = { '2017-01': 2, '2017-02': 2, '2017-03': 4 };
    expect(
      aggregateRatio(
        q1,
        (m) => num[m] ?? null,
        (m) => den[m] ?? null,
      ),
    ).toBe(0.5);
    expect(
      aggregateRatio(
        q1,
        () => 1,
        () => 0,
      ),
    ).toBeNull();
  });
});
