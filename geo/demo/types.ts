import type { MultiPolygon } from 'geojson';
import type { HotspotCategory, HotspotStatus, UnitKind } from '../units.ts';

/**
 * The demo dataset as plain data: what `generateDemo()` returns and the seed script loads.
 * Units are referred to by `key` (stable within the dataset); the database assigns ids.
 * Dates are ISO `YYYY-MM-DD` (calendar dates in Asia/Ho_Chi_Minh), periods `YYYY-MM`.
 */
export interface DemoUnit {
  key: string;
  code: string;
  name: string; // official name with its type prefix, e.g. "Phường Bích Đào", "Tổ dân phố 3"
  shortName: string; // without the prefix, e.g. "Bích Đào"
  kind: UnitKind;
  geometry: MultiPolygon; // EPSG:4326
  households: number | null;
  population: number | null;
  validFrom: string; // inclusive
  validTo: string | null; // exclusive; null = still valid
}

/** A dated parent link: the child belongs to the parent during [validFrom, validTo). */
export interface DemoParentLink {
  childKey: string;
  parentKey: string;
  validFrom: string;
  validTo: string | null;
}

/** One row of the boundary crosswalk between two versions. */
export interface DemoCrosswalk {
  fromKey: string;
  toKey: string;
  /** Share of the `from` unit's area that lies in the `to` unit (0..1). */
  areaShare: number;
  /** Share of the `from` unit's households that live in the `to` unit (0..1), when known. */
  householdShare: number | null;
}

export interface DemoHotspot {
  groupKey: string;
  categories: HotspotCategory[];
  designatedOn: string;
  targetDate: string | null;
  note: string;
  /** Status changes in date order; the first is `identified` on `designatedOn`. */
  history: { status: HotspotStatus; date: string; note: string }[];
}

export interface DemoObservation {
  unitKey: string;
  indicator: string; // a base indicator key from geo/catalogue.ts
  period: string; // YYYY-MM
  value: number;
}

export interface DemoDataset {
  seed: number;
  units: DemoUnit[];
  parentLinks: DemoParentLink[];
  crosswalk: DemoCrosswalk[];
  hotspots: DemoHotspot[];
  observations: DemoObservation[];
  /** First and last period of the observations. */
  periods: { from: string; to: string };
}
