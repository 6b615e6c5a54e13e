import type { ColumnType, Generated } from 'kysely';

/** Geometry travels as GeoJSON text or EWKB; repositories convert in SQL. */
export type Geometry = ColumnType<string, string, string>;

export interface AdminUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  geom: Geometry;
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  search_text: string;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UnitParentTable {
  child_id: number;
  parent_id: number;
  valid_from: string;
  valid_to: string | null;
}

export interface BoundaryCrosswalkTable {
  from_unit_id: number;
  to_unit_id: number;
  area_share: number;
  household_share: number | null;
}
