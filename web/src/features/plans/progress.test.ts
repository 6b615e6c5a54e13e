import { describe, expect, it } from 'vitest';
import { axisMonths, stackBars } from './progress.ts';

describe('progress chart', () => {
  it('stacks each month from transformed at the bottom, scaled to the largest total', () => {
    const chart = stackBars(
      [
        { period: '2027-01', transformed: 0, transforming: 2, notStarted: 8, relapsed: 0 },
        { period: '2027-02', transformed: 3, transforming: 4, notStarted: 2, relapsed: 1 },
      ],
      200,
      100,
      2,
    );
    expect(chart.max).toBe(10);
    expect(chart.bars.map((b) => [b.period, b.x, b.width, b.total])).toEqual([
      ['2027-01', 1, 98, 10],
      ['2027-02', 101, 98, 10],
    ]);
    expect(chart.bars[0]!.segments).toEqual([
      { state: 'transforming', count: 2, y: 80, height: 20 },
      { state: 'notStarted', count: 8, y: 0, height: 80 },
    ]);
    const feb = chart.bars[1]!.segments;
    expect(feb.map((s) => s.state)).toEqual(['transformed', 'transforming', 'notStarted', 'relapsed']);
    expect(feb.map((s) => s.y)).toEqual([70, 30, 10, 0]);
    expect(feb.reduce((sum, s) => sum + s.height, 0)).toBe(100);
  });

  it('keeps bars narrow in the first months of a plan', () => {
    const one = stackBars(
      [{ period: '2027-01', transformed: 1, transforming: 0, notStarted: 0, relapsed: 0 }],
      240,
      100,
      2,
      12,
    );
    expect(one.bars[0]).toMatchObject({ x: 1, width: 18 });
  });

  it('draws nothing for no months and keeps a non-zero scale', () => {
    expect(stackBars([], 100, 100)).toEqual({ bars: [], max: 1 });
  });

  it('labels every month when few, otherwise each January', () => {
    expect(axisMonths(['2027-01', '2027-02', '2027-03'])).toEqual([0, 1, 2]);
    const months = Array.from(
      { length: 30 },
      (_, i) => `${2027 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    expect(axisMonths(months)).toEqual([0, 12, 24]);
    const fromMarch = months.slice(2);
    expect(axisMonths(fromMarch)).toEqual([10, 22]);
  });
});
