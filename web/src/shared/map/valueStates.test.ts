/**
 * A period step writes only the feature-states that changed, a large layer's loaded tiles first and
 * the rest when idle, and the map ends up exactly as if every unit had been written. The "map" here
 * follows MapLibre's own rule for feature-state: a write merges its keys into what the unit has.
 */
import { describe, expect, it } from 'vitest';
import type { Choropleth } from './choropleth.ts';
import { DEFER_ABOVE, ValueStateWriter, type UnitValueState } from './valueStates.ts';
import type { PeriodView } from './viewModel.ts';

const palette = (colors: string[]) => ({ classes: colors.map((color) => ({ color })) }) as unknown as Choropleth;
const RED = palette(['#fee', '#f88', '#a00']);
const ids4 = Int32Array.from([11, 12, 13, 14]);

function view(values: number[], classes: number[], choropleth = RED, ids = ids4): PeriodView {
  return {
    ids,
    row: new Map([...ids].map((id, i) => [id, i])),
    values: Float64Array.from(values),
    classes: Int8Array.from(classes),
    choropleth,
  } as unknown as PeriodView;
}

/** A map that merges writes and counts them, and a scheduler run by hand. */
function harness() {
  const states = new Map<number, Partial<UnitValueState>>();
  let writes = 0;
  const queue: (() => void)[] = [];
  const writer = new ValueStateWriter(
    (id, s) => {
      writes++;
      states.set(id, { ...states.get(id), ...s });
    },
    (fn) => {
      queue.push(fn);
      return () => queue.splice(queue.indexOf(fn), 1);
    },
  );
  const idle = () => {
    while (queue.length) queue.shift()!();
  };
  return { states, writer, idle, writes: () => writes };
}

function fullStates(v: PeriodView, allIds: number[]) {
  const h = harness();
  h.writer.apply(v, allIds);
  return h.states;
}

describe('ValueStateWriter', () => {
  const all = [11, 12, 13, 14, 15];

  it('writes every unit the first time, and resets units the view has no row for', () => {
    const h = harness();
    h.writer.apply(view([1, 5, NaN, 9], [0, 1, -1, 2]), all);
    expect(h.writes()).toBe(5);
    expect(h.states.get(11)).toEqual({ value: 1, cls: 0, color: '#fee' });
    expect(h.states.get(13)).toEqual({ value: null, cls: -1, color: null });
    expect(h.states.get(15)).toEqual({ value: null, cls: -1, color: null });
  });

  it('then writes only what changed, and the map equals a full write', () => {
    const h = harness();
    h.writer.apply(view([1, 5, NaN, 9], [0, 1, -1, 2]), all);
    const before = h.writes();
    // 11 unchanged; 12 new value, same class; 13 still no value; 14 new value and class.
    const next = view([1, 6, NaN, 4], [0, 1, -1, 1]);
    h.writer.apply(next, all);
    expect(h.writes() - before).toBe(2);
    expect(h.states).toEqual(fullStates(next, all));
    // A new palette with the same classes changes every coloured unit's colour, not its value.
    const blue = view([1, 6, NaN, 4], [0, 1, -1, 1], palette(['#eef', '#88f', '#00a']));
    const before2 = h.writes();
    h.writer.apply(blue, all);
    expect(h.writes() - before2).toBe(3);
    expect(h.states).toEqual(fullStates(blue, all));
  });

  it('writes everything again for other ids (another level or indicator)', () => {
    const h = harness();
    h.writer.apply(view([1, 5, 7, 9], [0, 1, 1, 2]), all);
    const before = h.writes();
    h.writer.apply(view([1, 5], [0, 1], RED, Int32Array.from([11, 12])), all);
    // Both rows, and the three units now without a row.
    expect(h.writes() - before).toBe(5);
    expect(h.states.get(13)).toEqual({ value: null, cls: -1, color: null });
  });

  describe('a large layer', () => {
    const n = DEFER_ABOVE + 500;
    const ids = Int32Array.from({ length: n }, (_, i) => i + 1);
    const allIds = [...ids, n + 1];
    const period = (shift: number) =>
      view(
        Array.from({ length: n }, (_, i) => (i * 7 + shift) % 30),
        Array.from({ length: n }, (_, i) => ((i * 7 + shift) % 30) % 3),
        RED,
        ids,
      );

    it('writes the loaded tiles’ units in the step, the rest when idle, then says it is done', () => {
      const h = harness();
      let done = 0;
      h.writer.apply(period(0), allIds, [5, 6, 7], () => done++);
      // Only the three units of the loaded tiles so far.
      expect(h.writes()).toBe(3);
      expect(h.states.get(5)).toEqual({
        value: (4 * 7) % 30,
        cls: ((4 * 7) % 30) % 3,
        color: RED.classes[((4 * 7) % 30) % 3]!.color,
      });
      expect(done).toBe(0);
      expect(h.writer.done).toBe(false);
      h.idle();
      expect(done).toBe(1);
      expect(h.writer.done).toBe(true);
      expect(h.states).toEqual(fullStates(period(0), allIds));
    });

    it('a new step before idle replaces the pending one; flush writes the rest at once', () => {
      const h = harness();
      const seen: string[] = [];
      h.writer.apply(period(0), allIds, [1], () => seen.push('first'));
      h.writer.apply(period(1), allIds, [1], () => seen.push('second'));
      h.writer.flush();
      // The first step's rest was never needed: the map shows the second exactly.
      expect(seen).toEqual(['second']);
      expect(h.states).toEqual(fullStates(period(1), allIds));
      h.idle();
      expect(seen).toEqual(['second']);
    });

    it('without a listener, writes everything in the call (exports, presentation)', () => {
      const h = harness();
      h.writer.apply(period(2), allIds);
      expect(h.writer.done).toBe(true);
      expect(h.states).toEqual(fullStates(period(2), allIds));
    });
  });
});
