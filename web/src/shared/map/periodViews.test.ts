import { describe, expect, it } from 'vitest';
import { toMatrix } from '../api/matrix.ts';
import type { Indicator } from '../api/types.ts';
import { PeriodViews, type Scheduler } from './periodViews.ts';

const indicator = {
  key: 'x',
  kind: 'count',
  time_rule: 'sum',
  scale: null,
  polarity: 'higher_worse',
} as Indicator;
const main = toMatrix({
  indicator: 'x',
  level: 'ward',
  at: '2017-12-31',
  demo: false,
  periods: ['2017-01', '2017-02', '2017-03', '2017-04'],
  ids: [1, 2, 3],
  values: [
    [1, 2, 3, 4],
    [5, 6, 7, 8],
    [9, 1, 2, 3],
  ],
  reexpressed: [],
});
const classification = { method: 'jenks' as const, classes: 3, palette: null, breaks: '', from: null };
const periods = ['2017-01', '2017-02', '2017-03', '2017-04'];

/** Runs tasks when told to, and records them. */
function manual() {
  const queue: (() => void)[] = [];
  const schedule: Scheduler = (task) => {
    queue.push(task);
    return () => queue.splice(queue.indexOf(task), 1);
  };
  return {
    schedule,
    queue,
    runAll: () => {
      while (queue.length) queue.shift()!();
    },
  };
}

describe('period views', () => {
  it('compute a period once per classification', () => {
    const views = new PeriodViews({ indicator, measure: 'value', sources: { main } }, manual().schedule);
    const a = views.get('2017-02', classification);
    expect(views.get('2017-02', classification)).toBe(a);
    expect(views.computed).toBe(1);
    expect(views.get('2017-02', { ...classification, classes: 4 })).not.toBe(a);
    expect(views.computed).toBe(2);
  });

  it('compute the other periods ahead, nearest first, one per task', () => {
    const m = manual();
    const views = new PeriodViews({ indicator, measure: 'value', sources: { main } }, m.schedule);
    views.get('2017-02', classification);
    let done = 0;
    views.prefetch(periods, '2017-02', classification, () => (done += 1));
    expect(m.queue).toHaveLength(1);
    m.queue.shift()!();
    // The neighbours come first.
    expect(views.has('2017-01', classification) || views.has('2017-03', classification)).toBe(true);
    expect(views.has('2017-04', classification)).toBe(false);
    expect(done).toBe(0);
    m.runAll();
    expect(periods.every((p) => views.has(p, classification))).toBe(true);
    expect(views.computed).toBe(4);
    expect(done).toBe(1);
  });

  it('stop computing ahead when asked (a new load replaces them)', () => {
    const m = manual();
    const views = new PeriodViews({ indicator, measure: 'value', sources: { main } }, m.schedule);
    views.prefetch(periods, '2017-01', classification);
    views.stop();
    expect(m.queue).toHaveLength(0);
    expect(views.computed).toBe(0);
  });
});
