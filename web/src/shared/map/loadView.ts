/**
 * A saved view's model, loaded through the page's source cache: the presentation and exports draw
 * exactly what the map page would, and what the map page already loaded is not fetched again.
 */
import type { MapLevel } from '../api/types.ts';
import { lang } from '../i18n/lang.svelte.ts';
import { sources } from './sources.ts';
import { mapTexts } from './texts.ts';
import { boundaryDateFor } from './versions.ts';
import {
  buildViewModel,
  effectiveMeasure,
  normalizeState,
  numeratorOf,
  type StoredState,
  type ViewModel,
} from './viewModel.ts';

/** Loads everything a view needs and classifies it, in the chosen language. */
export async function loadViewModel(stored: StoredState): Promise<ViewModel> {
  const state = normalizeState(stored);
  const { indicators, demo } = await sources.catalogue();
  const indicator =
    indicators.find((i) => i.key === state.indicator && i.levels.includes(state.level)) ??
    indicators.find((i) => i.key === state.indicator);
  if (!indicator) throw new Error(mapTexts.t.unknownIndicator(state.indicator));
  const level: MapLevel = indicator.levels.includes(state.level) ? state.level : 'ward';
  const numerator = numeratorOf(indicators, indicator);
  const measure = effectiveMeasure(indicator, numerator, state.measure);
  const at = boundaryDateFor(await sources.versions(level), state.period);
  const [values, units, place] = await Promise.all([
    sources.values(indicator, level, at, measure),
    sources.units(level, at),
    // The place names titles and exports; a sheet without it is still a sheet.
    sources.place(at).catch(() => null),
  ]);
  const parts = {
    state: { ...state, level },
    indicator,
    numerator,
    level,
    at,
    units,
    sources: values,
    measure,
    demo,
    place,
  };
  return buildViewModel(parts, lang.current);
}
