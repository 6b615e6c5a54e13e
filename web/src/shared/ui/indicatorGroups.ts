/** Indicators grouped by theme, with the themes' Vietnamese names, for pickers. */
import type { Indicator } from '../api/types.ts';

export const THEME_NAMES_VI: Readonly<Record<string, string>> = {
  safety_registration: 'Đăng ký "an toàn về ANTT"',
  movement: 'Phong trào toàn dân bảo vệ ANTQ',
  crime: 'Tội phạm và trật tự',
  hotspot: 'Địa bàn phức tạp',
  population: 'Dân cư',
};

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
      group = { theme: indicator.theme, label: THEME_NAMES_VI[indicator.theme] ?? indicator.theme, indicators: [] };
      groups.push(group);
    }
    group.indicators.push(indicator);
  }
  return groups;
}

export const THEME_NAMES_EN: Readonly<Record<string, string>> = {
  safety_registration: '"Safe for security and order" registrations',
  movement: 'All-people national security movement',
  crime: 'Crime and order',
  hotspot: 'Hotspots',
  population: 'Population',
};

export function themeName(theme: string, lang: 'vi' | 'en'): string {
  return (lang === 'en' ? THEME_NAMES_EN : THEME_NAMES_VI)[theme] ?? theme;
}
