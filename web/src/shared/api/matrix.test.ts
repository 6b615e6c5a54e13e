import { describe, expect, it } from 'vitest';
import { createMatrixLoader, periodValues, ranks, toMatrix, unitValue, isReexpressed } from './matrix.ts';
import type { ValuesResponse } from './types.ts';

const response = (values: (number | null)[][], reexpressed: [number, number][] = []): ValuesResponse => ({
  indicator: 'x',
  level: 'ward',
  at: '2017-12-31',
  demo: true,
  periods: ['2017-01', '2017-02', '2017-03'],
  ids: [1, 2],
  values,
  reexpressed,
});

describe('values matrix', () => {
  const flow = {
    main: toMatrix(
      response(
        [
          [1, 2, 3],
          [null, null, 4],
        ],
        [[1, 2]],
      ),
    ),
  };
  it('aggregates a flow over a quarter and gives a month as is', () => {
    expect(unitValue(flow, { kind: 'count', scale: null, time_rule: 'sum' }, 1, '2017-Q1')).toBe(6);
    expect(unitValue(flow, { kind: 'count', scale: null, time_rule: 'last' }, 1, '2017-Q1')).toBe(3);
    expect(unitValue(flow, { kind: 'count', scale: null, time_rule: 'sum' }, 1, '2017-02')).toBe(2);
    expect(periodValues(flow, { kind: 'count', scale: null, time_rule: 'sum' }, '2017-03', 'value', '2017-01')).toEqual(
      new Map([
        [1, 2],
        [2, null],
      ]),
    );
  });
  it('computes per 1,000 households and ratios from parts', () => {
    const households = toMatrix(
      response([
        [100, 100, 200],
        [50, 50, 50],
      ]),
    );
    expect(
      unitValue({ ...flow, households }, { kind: 'count', scale: null, time_rule: 'sum' }, 1, '2017-Q1', 'per1000'),
    ).toBe(30);
    const numerator = toMatrix(
      response([
        [1, 1, 0],
        [0, 0, 0],
      ]),
    );
    const denominator = toMatrix(
      response([
        [2, 2, 0],
        [0, 0, 0],
      ]),
    );
    const ratio = {
      main: toMatrix(
        response([
          [0.5, 0.5, null],
          [null, null, null],
        ]),
      ),
      numerator,
      denominator,
    };
    expect(unitValue(ratio, { kind: 'ratio', scale: 100, time_rule: 'sum' }, 1, '2017-Q1')).toBe(50);
    expect(unitValue(ratio, { kind: 'ratio', scale: 100, time_rule: 'sum' }, 2, '2017-Q1')).toBeNull();
    // The numerator as a count, aggregated by the ratio's time rule.
    expect(unitValue(ratio, { kind: 'ratio', scale: 100, time_rule: 'sum' }, 1, '2017-Q1', 'count')).toBe(2);
  });
  it('marks re-expressed cells and ranks units', () => {
    expect(isReexpressed(flow, 2, '2017-Q1')).toBe(true);
    expect(isReexpressed(flow, 1, '2017-Q1')).toBe(false);
    expect(
      ranks(
        new Map([
          [1, 5],
          [2, 9],
          [3, null],
          [4, 5],
        ]),
      ),
    ).toEqual(
      new Map([
        [2, 1],
        [1, 2],
        [4, 2],
      ]),
    );
  });
  it('fetches each matrix once', async () => {
    let calls = 0;
    const loader = createMatrixLoader(async () => {
      calls += 1;
      return toMatrix(
        response([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      );
    });
    const key = { indicator: 'x', level: 'ward' as const, at: '2017-12-31', from: '2017-01', to: '2017-03' };
    await loader.load(key);
    await loader.load(key);
    expect(calls).toBe(1);
  });
  it('gives every unit the same value on the fast path as unit by unit (sums, last values, ratios, changes)', () => {
    const months = ['2017-01', '2017-02', '2017-03'];
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const values = ids.map((id) =>
      months.map((_, j) => ((id * 7 + j * 3) % 5 === 0 ? null : ((id * 13 + j) % 17) / 4)),
    );
    const main = toMatrix({ ...response([]), ids, values });
    const kinds = [
      { kind: 'count', scale: null, time_rule: 'sum' },
      { kind: 'count', scale: null, time_rule: 'last' },
      { kind: 'ratio', scale: 100, time_rule: 'sum' },
      { kind: 'percent', scale: null, time_rule: 'last' },
    ] as const;
    for (const ind of kinds) {
      for (const [period, from] of [['2017-Q1'], ['2017-02'], ['2017-03', '2017-01'], ['2017-Q1', '2017-02']]) {
        const all = periodValues({ main }, ind, period!, 'value', from);
        for (const id of ids) {
          const b = unitValue({ main }, ind, id, period!);
          const a = from === undefined ? 0 : unitValue({ main }, ind, id, from);
          expect(all.get(id)).toBe(a === null || b === null ? null : b - a);
        }
      }
    }
  });
});
