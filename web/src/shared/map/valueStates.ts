/**
 * Writes a period's values, classes and colours into the units' feature-state, and no more than a
 * step needs. A step used to write every unit (10,001 `setFeatureState` calls, each copied into
 * MapLibre's pending changes, ~12 ms of a 20 ms step), so:
 * - only units whose value, class or colour changed are written (~25 % fewer on random data, most on
 *   real monthly series);
 * - on a large layer (above `DEFER_ABOVE` units) the step writes first the units of the tiles the map
 *   has loaded — what can be seen — and the rest in one idle task after the frame; the caller hears when
 *   everything is written (`onDone`), and `flush()` writes the rest at once (the map is about to move).
 * Pure of the map (the writes and the scheduler are passed in) and unit-tested.
 */
import type { PeriodView } from './viewModel.ts';

/** What a unit carries in its feature-state after values are applied. */
export interface UnitValueState {
  /** The displayed value (ratios already scaled), or null when the unit has no value. */
  value: number | null;
  /** Class index, -1 for no data. */
  cls: number;
  /** Fill colour; null lets the style use its no-data colour. */
  color: string | null;
}

/** Layers up to this many units are written in one go (a ward or group layer of a city). */
export const DEFER_ABOVE = 2000;

const NO_DATA: UnitValueState = { value: null, cls: -1, color: null };

export type Write = (id: number, state: Partial<UnitValueState>) => void;
/** Runs `fn` later, when the page is idle; returns a cancel. */
export type Later = (fn: () => void) => () => void;

/** What the map holds, by row of the matrix's ids. */
interface Written {
  ids: Int32Array;
  known: Uint8Array;
  values: Float64Array;
  classes: Int8Array;
  colors: (string | null)[];
}

export class ValueStateWriter {
  private written: Written | null = null;
  private view: PeriodView | null = null;
  private allIds: readonly number[] = [];
  /** Whether units outside the view still need their reset (ids changed since the last reset). */
  private resetsDue = false;
  private cancel: (() => void) | null = null;
  private onDone: (() => void) | null = null;

  constructor(
    private readonly write: Write,
    private readonly later: Later,
  ) {}

  /**
   * Shows `view`: units of `first` (ids in loaded tiles) now, the rest now too on a small layer or
   * without `onDone`, otherwise in one idle task, then `onDone`. Units of `allIds` without a row are
   * reset to no data (once per set of ids).
   */
  apply(view: PeriodView, allIds: readonly number[], first: Iterable<number> = [], onDone?: () => void): void {
    this.cancel?.();
    this.cancel = null;
    if (this.written?.ids !== view.ids) {
      const n = view.ids.length;
      this.written = {
        ids: view.ids,
        known: new Uint8Array(n),
        values: new Float64Array(n),
        classes: new Int8Array(n),
        colors: new Array<string | null>(n).fill(null),
      };
      this.resetsDue = true;
    }
    this.view = view;
    this.allIds = allIds;
    this.onDone = onDone ?? null;
    if (!onDone || view.ids.length <= DEFER_ABOVE) return this.flush();
    for (const id of first) {
      const row = view.row.get(id);
      if (row !== undefined) this.writeRow(row);
    }
    // The rest in one idle task, not in slices: every write asks MapLibre for a frame, and each frame
    // redraws the whole map (measured: ten slices cost ten frames, 0.5 s of main thread in software GL).
    this.cancel = this.later(() => this.flush());
  }

  /** Whether every unit shows the last view applied. */
  get done(): boolean {
    return this.view === null;
  }

  /** Writes what is left of the last view now. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    const view = this.view;
    if (!view) return;
    for (let row = 0; row < view.ids.length; row++) this.writeRow(row);
    this.finish();
  }

  /** Forgets what was written (a new source starts without feature-state, or colours were overwritten). */
  reset(): void {
    this.cancel?.();
    this.cancel = null;
    this.written = null;
    this.view = null;
  }

  private finish(): void {
    const view = this.view!;
    if (this.resetsDue) {
      for (const id of this.allIds) if (!view.row.has(id)) this.write(id, NO_DATA);
      this.resetsDue = false;
    }
    this.view = null;
    this.cancel = null;
    const done = this.onDone;
    this.onDone = null;
    done?.();
  }

  /** Writes one row's state where it differs from what the map holds. */
  private writeRow(row: number): void {
    const view = this.view!;
    const w = this.written!;
    const v = view.values[row]!;
    const cls = view.classes[row]!;
    const color = cls < 0 ? null : view.choropleth.classes[cls]!.color;
    const value = v === v ? v : null;
    if (!w.known[row]) {
      this.write(view.ids[row]!, { value, cls, color });
      w.known[row] = 1;
    } else {
      const pv = w.values[row]!;
      const valueChanged = v !== pv && (v === v || pv === pv);
      const classChanged = cls !== w.classes[row] || color !== w.colors[row];
      if (valueChanged && classChanged) this.write(view.ids[row]!, { value, cls, color });
      else if (valueChanged) this.write(view.ids[row]!, { value });
      else if (classChanged) this.write(view.ids[row]!, { cls, color });
      else return;
    }
    w.values[row] = v;
    w.classes[row] = cls;
    w.colors[row] = color;
  }
}
