import { describe, expect, it } from 'vitest';
import { lastCompleteMonth, parsePlansState, writePlansState, yearEndingWith } from './plansState.ts';
import { DEFAULT_WEIGHTS } from './weights.ts';

describe('planning page state in the address', () => {
  it('defaults to the ranking tab, the last twelve months and the default weights', () => {
    expect(yearEndingWith('2026-10')).toEqual({ from: '2025-11', to: '2026-10' });
    expect(yearEndingWith('2026-12')).toEqual({ from: '2026-01', to: '2026-12' });
    expect(parsePlansState('?view=plans', '2026-10')).toEqual({
      tab: 'rank',
      plan: null,
      from: '2025-11',
      to: '2026-10',
      weights: DEFAULT_WEIGHTS,
      method: 'z',
    });
  });

  it('reads a shared link and rejects what is malformed', () => {
    expect(
      parsePlansState('?view=plans&tab=progress&plan=12&from=2017-01&to=2017-12&w=drug_cases:2&norm=rank', '2026-10'),
    ).toEqual({
      tab: 'progress',
      plan: 12,
      from: '2017-01',
      to: '2017-12',
      weights: { drug_cases: 2 },
      method: 'rank',
    });
    const bad = parsePlansState('?tab=x&plan=-3&from=2017-13&to=2017-01&w=,,&norm=q', '2026-10');
    expect(bad).toMatchObject({ tab: 'rank', plan: null, from: '2025-11', to: '2026-10', method: 'z' });
    expect(bad.weights).toEqual(DEFAULT_WEIGHTS);
    expect(parsePlansState('?from=2018-01&to=2017-01', '2026-10')).toMatchObject({ from: '2025-11', to: '2026-10' });
  });

  it('writes only what differs from the defaults and keeps the other parameters', () => {
    const base = 'http://x/?view=plans&lang=en';
    const state = parsePlansState('', '2026-10');
    expect(writePlansState(base, state, '2026-10')).toBe('/?view=plans&lang=en');
    const changed = {
      ...state,
      tab: 'plan' as const,
      plan: 7,
      from: '2017-01',
      to: '2017-12',
      weights: { drug_cases: 1 },
      method: 'rank' as const,
    };
    const href = writePlansState(base, changed, '2026-10');
    expect(href).toBe('/?view=plans&lang=en&tab=plan&plan=7&from=2017-01&to=2017-12&w=drug_cases%3A1&norm=rank');
    expect(parsePlansState(new URL(href, 'http://x').search, '2026-10')).toEqual(changed);
  });
});

describe('the default window: the last 12 complete months with data', () => {
  it('ends on the last month with data, not the month before today when that month has none', () => {
    // Today 3/12/2026, data to 10/2026: the window is 11/2025–10/2026, not 12/2025–11/2026.
    const last = lastCompleteMonth(['2026-10', '2026-10', null], '2026-12-03', '2026-11');
    expect(last).toBe('2026-10');
    expect(yearEndingWith(last)).toEqual({ from: '2025-11', to: '2026-10' });
  });

  it('never ends in the month in progress, and waits for the indicator that lags', () => {
    expect(lastCompleteMonth(['2026-12'], '2026-12-03', 'x')).toBe('2026-11');
    expect(lastCompleteMonth(['2026-10', '2026-09', '2026-11'], '2026-12-15', 'x')).toBe('2026-09');
  });

  it('is not held back by an indicator that stopped long ago, and falls back without data', () => {
    expect(lastCompleteMonth(['2026-10', '2019-12'], '2026-12-03', 'x')).toBe('2026-10');
    expect(lastCompleteMonth([null, 'bad'], '2026-12-03', '2026-11')).toBe('2026-11');
  });
});
