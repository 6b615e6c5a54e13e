/** Indicators grouped by theme, with the themes' names in the chosen language, for pickers. */
import type { Indicator } from '../api/types.ts';
import { themeName } from '../i18n/common.texts.ts';

export { themeName };

export interface IndicatorGroup {
  theme: string;
  label: string;
  indicators: Indicator[];
}

/** Groups in the order their first indicator appears; indicators keep their order. */
export function indicatorGroups(indicators: readonly Indicator[]): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  for (const indicator of indicators) {
    let group = groups.find((g) => g.theme === indicator.theme);
    if (!group) {
      group = { theme: indicator.theme, label: themeName(indicator.theme), indicators: [] };
      groups.push(group);
    }
    group.indicators.push(indicator);
  }
  return groups;
}

/**
 * Whether a picker offers an indicator: not retired (its history stays readable — a saved view or
 * a link that shows one keeps it as `current`, so it is offered there).
 */
export function inPickers(indicator: Pick<Indicator, 'key' | 'retired_at'>, current?: string): boolean {
  return !indicator.retired_at || indicator.key === current;
}
