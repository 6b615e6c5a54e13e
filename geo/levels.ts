import type { UnitKind } from './units.ts';
import { CITY_KINDS, GROUP_KINDS, WARD_KINDS } from './units.ts';

/** Map levels as the API names them, and the unit kinds each holds. */
export const MAP_LEVELS = ['ward', 'group'] as const;
export type MapLevel = (typeof MAP_LEVELS)[number];

export function kindsOfLevel(level: MapLevel | 'city'): readonly UnitKind[] {
  if (level === 'ward') return WARD_KINDS;
  if (level === 'group') return GROUP_KINDS;
  return CITY_KINDS;
}
