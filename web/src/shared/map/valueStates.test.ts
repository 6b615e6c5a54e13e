/**
 * A period step writes only the feature-states that changed, and the map ends up exactly as if
 * every unit had been written. The "map" here is MapLibre's own rule for feature-state: a write
 * merges its keys into what the unit already has.
 */
import { describe, expect, it } from 'vitest';
import type { Choropleth } from './choropleth.ts';
import { writeValueStates, type AppliedValues, type UnitValueState } from './valueStates.ts';
import type { PeriodView } from './viewModel.ts';

const ids = Int32Array.from([11, 12, 13, 14]);
const row = new Map([...ids].map((id, i) => [id, i]));
const palette = (colors: string[]) => ({ classes: colors.map((color) => ({ color })) }) as unknown as Choropleth;
const RED = palette(['#fee', '#f88', '#a00']);

function view(values: number[], classes: number[], choropleth = RED, rowIds = ids): PeriodView {
  return {
    ids: rowIds,
    row: rowIds === ids ? row : new Map([...rowIds].map((id, i) => [id, i])),
    values: Float64Array.from(values),
    classes: Int8Array.from(classes),
    choropleth,
  } as unknown as PeriodView;
}

/** Applies writes as MapLibre does (merge), counting them. */
function fakeMap() {
  const states = new Map<number, Partial<UnitValueState>>();
  let writes = 0;
  const write = (id: number, s: Partial<UnitValueState>) => {
    writes++;
    states.set(id, { ...states.get(id), ...s });
  };
  return { states, write, writes: () => writes };
}

function fullStates(v: PeriodView, allIds: number[]) {
  const m = fakeMap();
  writeValueStates(null, v, allIds, m.write);
  return m.states;
}

describe('writeValueStates', () => {
  const all = [11, 12, 13, 14, 15];

  it('writes every unit the first time, and resets units the view has no row for', () => {
    const m = fakeMap();
    writeValueStates(null, view([1, 5, NaN, 9], [0, 1, -1, 2]), all, m.write);
    expect(m.writes()).toBe(5);
    expect(m.states.get(11)).toEqual({ value: 1, cls: 0, color: '#fee' });
    expect(m.states.get(13)).toEqual({ value: null, cls: -1, color: null });
    expect(m.states.get(15)).toEqual({ value: null, cls: -1, color: null });
  });

  it('then writes only what changed, and the map equals a full write', () => {
    const m = fakeMap();
    let applied: AppliedValues = writeValueStates(null, view([1, 5, NaN, 9], [0, 1, -1, 2]), all, m.write);
    const before = m.writes();
    // 11 unchanged; 12 new value, same class; 13 still no value; 14 new value and class.
    const next = view([1, 6, NaN, 4], [0, 1, -1, 1]);
    applied = writeValueStates(applied, next, all, m.write);
    expect(m.writes() - before).toBe(2);
    expect(m.states).toEqual(fullStates(next, all));
    // A new palette with the same classes changes every coloured unit's colour, not its value.
    const blue = view([1, 6, NaN, 4], [0, 1, -1, 1], palette(['#eef', '#88f', '#00a']));
    const before2 = m.writes();
    writeValueStates(applied, blue, all, m.write);
    expect(m.writes() - before2).toBe(3);
    expect(m.states).toEqual(fullStates(blue, all));
  });

  it('writes everything again for other ids (another level or indicator)', () => {
    const m = fakeMap();
    const applied = writeValueStates(null, view([1, 5, 7, 9], [0, 1, 1, 2]), all, m.write);
    const other = Int32Array.from([11, 12]);
    const before = m.writes();
    writeValueStates(applied, view([1, 5], [0, 1], RED, other), all, m.write);
    // Both rows, and the three units now without a row.
    expect(m.writes() - before).toBe(5);
    expect(m.states.get(13)).toEqual({ value: null, cls: -1, color: null });
  });
});
