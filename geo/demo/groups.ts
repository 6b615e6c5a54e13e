import type { UnitKind } from '../units.ts';
import { groupCode, groupNames, unitKey, WARDS_2017, type WardSpec } from './city.ts';

/** A residential group of the demo city: identity only (geometry and numbers live elsewhere). */
export interface GroupInfo {
  key: string;
  code: string;
  /** 1-based number within the ward. */
  seq: number;
  name: string;
  shortName: string;
  kind: Extract<UnitKind, 'to_dan_pho' | 'thon'>;
  ward: WardSpec;
}

/** All 183 groups, ordered by ward code then number. */
export function listGroups(): GroupInfo[] {
  const out: GroupInfo[] = [];
  for (const ward of WARDS_2017) {
    for (let seq = 1; seq <= ward.groups; seq++) {
      const code = groupCode(ward.code, seq);
      out.push({ key: unitKey.group(code), code, seq, ...groupNames(ward, seq), ward });
    }
  }
  return out;
}
