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
