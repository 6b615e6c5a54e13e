import * as turf from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { MultiPolygonCoords } from './topology.ts';
import { CITY, MERGER_DATE, PROVINCE, SUCCESSORS_2025, unitKey, VALID_FROM, WARDS_2017 } from './city.ts';
import type { DemoGeography } from './geography.ts';
import type { GroupInfo } from './groups.ts';
import type { DemoCrosswalk, DemoParentLink, DemoUnit } from './types.ts';

/**
 * The unit register of the demo: province, city, the 14 wards of 2017, the 3 wards of 2025 and
 * the 183 groups, with dated parent links and the crosswalk between the two ward versions.
 *
 * `households`/`population` on a unit are the end-2017 reference figures (the report year): a
 * group's own count, and for every larger unit the sum over its groups.
 */
export interface AdminInputs {
  geography: DemoGeography;
  groups: readonly GroupInfo[];
  /** Per group (same order), households at 2017-12 and persons per household. */
  households2017: readonly number[];
  personsPerHousehold: readonly number[];
  /** Per group (same order), households just before the merger (2025-06), for the crosswalk. */
  householdsBeforeMerger: readonly number[];
}

export interface AdminRegister {
  units: DemoUnit[];
  parentLinks: DemoParentLink[];
  crosswalk: DemoCrosswalk[];
}

export function buildAdminRegister(input: AdminInputs): AdminRegister {
  const { geography, groups } = input;
  const population = groups.map((_, i) =>
    Math.round((input.households2017[i] ?? 0) * (input.personsPerHousehold[i] ?? 0)),
  );
  const sumOver = (values: readonly number[], pick: (g: GroupInfo) => boolean): number =>
    groups.reduce((s, g, i) => (pick(g) ? s + (values[i] ?? 0) : s), 0);
  const inWard = (code: string) => (g: GroupInfo) => g.ward.code === code;
  const inSuccessor = (code: string) => (g: GroupInfo) => g.ward.successor === code;
  const everywhere = (): boolean => true;

  const units: DemoUnit[] = [];
  const cityGeometry = multi(geography.city);
  const totals = { households: sumOver(input.households2017, everywhere), population: sumOver(population, everywhere) };
  units.push({
    key: unitKey.province(PROVINCE.code),
    ...PROVINCE,
    geometry: cityGeometry,
    ...totals,
    validFrom: VALID_FROM,
    validTo: null,
  });
  units.push({
    key: unitKey.city(CITY.code),
    ...CITY,
    geometry: cityGeometry,
    ...totals,
    validFrom: VALID_FROM,
    validTo: MERGER_DATE,
  });
  for (const w of WARDS_2017) {
    units.push({
      key: unitKey.ward2017(w.code),
      code: w.code,
      name: w.name,
      shortName: w.shortName,
      kind: w.kind,
      geometry: multi(geography.wards.get(w.code)),
      households: sumOver(input.households2017, inWard(w.code)),
      population: sumOver(population, inWard(w.code)),
      validFrom: VALID_FROM,
      validTo: MERGER_DATE,
    });
  }
  for (const s of SUCCESSORS_2025) {
    units.push({
      key: unitKey.ward2025(s.code),
      code: s.code,
      name: s.name,
      shortName: s.shortName,
      kind: s.kind,
      geometry: multi(geography.successors.get(s.code)),
      households: sumOver(input.households2017, inSuccessor(s.code)),
      population: sumOver(population, inSuccessor(s.code)),
      validFrom: MERGER_DATE,
      validTo: null,
    });
  }
  const groupGeometries = new Map<string, readonly MultiPolygonCoords[]>(geography.groups);
  groups.forEach((g, i) => {
    units.push({
      key: g.key,
      code: g.code,
      name: g.name,
      shortName: g.shortName,
      kind: g.kind,
      geometry: multi(groupGeometries.get(g.ward.code)?.[g.seq - 1]),
      households: input.households2017[i] ?? 0,
      population: population[i] ?? 0,
      validFrom: VALID_FROM,
      validTo: null,
    });
  });

  const parentLinks: DemoParentLink[] = [
    {
      childKey: unitKey.city(CITY.code),
      parentKey: unitKey.province(PROVINCE.code),
      validFrom: VALID_FROM,
      validTo: null,
    },
  ];
  for (const w of WARDS_2017) {
    parentLinks.push({
      childKey: unitKey.ward2017(w.code),
      parentKey: unitKey.city(CITY.code),
      validFrom: VALID_FROM,
      validTo: MERGER_DATE,
    });
  }
  for (const s of SUCCESSORS_2025) {
    parentLinks.push({
      childKey: unitKey.ward2025(s.code),
      parentKey: unitKey.province(PROVINCE.code),
      validFrom: MERGER_DATE,
      validTo: null,
    });
  }
  for (const g of groups) {
    parentLinks.push({
      childKey: g.key,
      parentKey: unitKey.ward2017(g.ward.code),
      validFrom: VALID_FROM,
      validTo: MERGER_DATE,
    });
    parentLinks.push({
      childKey: g.key,
      parentKey: unitKey.ward2025(g.ward.successor),
      validFrom: MERGER_DATE,
      validTo: null,
    });
  }

  const crosswalk: DemoCrosswalk[] = [];
  const area = (u: DemoUnit | undefined): number => (u ? turf.area(turf.feature(u.geometry)) : 0);
  const byKey = new Map(units.map((u) => [u.key, u]));
  for (const w of WARDS_2017) {
    const oldKey = unitKey.ward2017(w.code);
    const newKey = unitKey.ward2025(w.successor);
    const hhOld = sumOver(input.householdsBeforeMerger, inWard(w.code));
    const hhNew = sumOver(input.householdsBeforeMerger, inSuccessor(w.successor));
    crosswalk.push({ fromKey: oldKey, toKey: newKey, areaShare: 1, householdShare: 1 });
    crosswalk.push({
      fromKey: newKey,
      toKey: oldKey,
      areaShare: area(byKey.get(oldKey)) / area(byKey.get(newKey)),
      householdShare: hhNew > 0 ? hhOld / hhNew : null,
    });
  }
  return { units, parentLinks, crosswalk };
}

function multi(coords: MultiPolygonCoords | undefined): MultiPolygon {
  if (!coords || coords.length === 0) throw new Error('admin register: a unit has no geometry');
  return { type: 'MultiPolygon', coordinates: coords };
}
