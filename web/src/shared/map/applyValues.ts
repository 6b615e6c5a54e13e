/**
 * Colours the units by writing their value and class into feature-state. Geometry is untouched, so
 * a period step or a new indicator costs one `setFeatureState` per unit and a repaint.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Choropleth } from './choropleth.ts';
import { unitFeature } from './unitsSource.ts';

/** What each unit carries in its feature-state after {@link applyValues}. */
export interface UnitValueState {
  /** The displayed value (ratios already scaled), or null when the unit has no value. */
  value: number | null;
  /** Class index, -1 for no data. */
  cls: number;
  /** Fill colour; null lets the style use its no-data colour. */
  color: string | null;
}

/**
 * @param unitIds every unit on the map, so that units missing from `values` are reset to no data
 * @param values displayed value by unit id
 */
export function applyValues(
  map: MapLibreMap,
  unitIds: readonly number[],
  values: ReadonlyMap<number, number | null>,
  choropleth: Choropleth,
): void {
  for (const id of unitIds) {
    const value = values.get(id) ?? null;
    const cls = choropleth.classOf(value);
    const state: UnitValueState = { value, cls, color: cls < 0 ? null : choropleth.classes[cls]!.color };
    map.setFeatureState(unitFeature(map, id), state);
  }
}
