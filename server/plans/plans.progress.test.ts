import { describe, expect, it } from 'vitest';
import { progressOf, stageOf } from './plans.progress.ts';

const item = (unitId: number) => ({ unitId, code: `T${unitId}`, name: `Tổ ${unitId}` }) as never;

describe('plan progress by month', () => {
  it('counts each group by its status at the end of each month since 1 January of the plan year', () => {
    const p = progressOf(
      { id: 7, year: 2018, startedOn: '2018-01-01', items: [item(1), item(2), item(3)] },
      [
        { unit_id: 1, changed_on: '2017-03-01', status: 'identified' },
        { unit_id: 1, changed_on: '2018-02-10', status: 'transforming' },
        { unit_id: 1, changed_on: '2018-04-30', status: 'transformed' },
        { unit_id: 2, changed_on: '2017-03-01', status: 'transforming' },
        { unit_id: 2, changed_on: '2018-03-01', status: 'transformed' },
        { unit_id: 2, changed_on: '2018-05-01', status: 'relapsed' },
        // group 3 is not a hotspot: always "not started"
      ],
      '2018-05-15',
    );
    expect(p.start).toBe('2018-01');
    expect(p.end).toBe('2018-05');
    expect(p.months).toEqual([
      { period: '2018-01', transformed: 0, transforming: 1, notStarted: 2, relapsed: 0 },
      { period: '2018-02', transformed: 0, transforming: 2, notStarted: 1, relapsed: 0 },
      { period: '2018-03', transformed: 1, transforming: 1, notStarted: 1, relapsed: 0 },
      // 30 April is the last day of April: group 1 counts as transformed in April.
      { period: '2018-04', transformed: 2, transforming: 0, notStarted: 1, relapsed: 0 },
      { period: '2018-05', transformed: 1, transforming: 0, notStarted: 1, relapsed: 1 },
    ]);
    expect(p.items.map((i) => i.current)).toEqual(['transformed', 'relapsed', 'notStarted']);
    expect(p.items[2]!.statuses).toEqual([]);
  });

  it('shows at least the start month of a plan for a later year, and at most 240 months', () => {
    const future = progressOf({ id: 1, year: 2030, startedOn: null, items: [] }, [], '2026-11-27');
    expect(future.months.map((m) => m.period)).toEqual(['2030-01']);
    const long = progressOf({ id: 1, year: 2000, startedOn: null, items: [] }, [], '2026-11-27');
    expect(long.months).toHaveLength(240);
    expect(long.end).toBe('2026-11');
  });

  it('identified and non-hotspots are "not started"', () => {
    expect(stageOf('identified')).toBe('notStarted');
    expect(stageOf(null)).toBe('notStarted');
    expect(stageOf('relapsed')).toBe('relapsed');
  });
});
