import { describe, expect, it } from 'vitest';
import { monthsOf } from '../../../../geo/periods.ts';
import { aggregate, aggregateRatio } from './time.ts';

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
