/**
 * Which units' feature-state a period step must rewrite. A step used to write value, class and
 * colour of every unit (10,001 `setFeatureState` calls, each copied into MapLibre's pending changes
 * and re-coalesced per tile); most units keep their class and colour from one period to the next and
 * many keep their value, so only what changed is written. Pure (the map is a callback), unit-tested.
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

/** The states last written, by row of `ids` (the values matrix's row order). */
export interface AppliedValues {
  ids: Int32Array;
  values: Float64Array;
  classes: Int8Array;
  colors: (string | null)[];
}

const NO_DATA: UnitValueState = { value: null, cls: -1, color: null };

/**
 * Writes (through `write`) the feature-state of every unit whose value, class or colour differs from
 * `previous` — all of them when `previous` is null or was written for other ids — and resets units of
 * `allIds` the view has no row for. Returns what is now written, to pass as `previous` next time.
 */
export function writeValueStates(
  previous: AppliedValues | null,
  view: PeriodView,
  allIds: readonly number[],
  write: (id: number, state: Partial<UnitValueState>) => void,
): AppliedValues {
  const { ids, values, classes, choropleth } = view;
  const colors = new Array<string | null>(ids.length);
  const same = previous !== null && previous.ids === ids;
  for (let i = 0; i < ids.length; i++) {
    const v = values[i]!;
    const cls = classes[i]!;
    const color = cls < 0 ? null : choropleth.classes[cls]!.color;
    colors[i] = color;
    if (!same) {
      write(ids[i]!, { value: v === v ? v : null, cls, color });
      continue;
    }
    const pv = previous.values[i]!;
    const valueChanged = v !== pv && (v === v || pv === pv);
    const classChanged = cls !== previous.classes[i] || color !== previous.colors[i];
    if (valueChanged && classChanged) write(ids[i]!, { value: v === v ? v : null, cls, color });
    else if (valueChanged) write(ids[i]!, { value: v === v ? v : null });
    else if (classChanged) write(ids[i]!, { cls, color });
  }
  // The same ids as last time: the units without a row were reset then.
  if (!same) for (const id of allIds) if (!view.row.has(id)) write(id, NO_DATA);
  return { ids, values, classes, colors };
}
