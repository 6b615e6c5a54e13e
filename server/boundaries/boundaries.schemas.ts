import { Type, type Static } from 'typebox';
import { LevelParam } from '../http/params.schemas.ts';

export const VersionsQuery = Type.Object({ level: LevelParam }, { additionalProperties: false });
export type VersionsQuery = Static<typeof VersionsQuery>;

/**
 * What changed from the previous version, counted from the units and the crosswalk written when
 * the version was imported (within the caller's scope).
 */
export const VersionChange = Type.Object({
  opened: Type.Integer({ description: 'units that start on this day' }),
  closed: Type.Integer({ description: 'units that end on this day' }),
  merged: Type.Integer({
    description: 'new units that took the main part (≥ 50% of the area) of two or more old ones',
  }),
  merged_from: Type.Integer({ description: 'old units that went into those merged units' }),
  redrawn: Type.Integer({
    description: 'new units that took the main part of exactly one old unit (reshaped, renamed or kept)',
  }),
  split: Type.Integer({ description: 'old units whose area went (≥ 10% each) into two or more new ones' }),
  new: Type.Integer({ description: 'new units with no old unit under them (no crosswalk row)' }),
  retired: Type.Integer({ description: 'old units with no successor (no crosswalk row)' }),
  relinked: Type.Integer({ description: 'units that stayed but belong to another parent from this day' }),
});
export type VersionChange = Static<typeof VersionChange>;

export const BoundaryVersion = Type.Object({
  valid_from: Type.String({ description: 'YYYY-MM-DD, first day of the version' }),
  valid_to: Type.Union([Type.String(), Type.Null()], {
    description: 'YYYY-MM-DD, the day after its last (null: current)',
  }),
  units: Type.Integer({ description: 'units of the level in this version (in your scope)' }),
  changed_from_previous: Type.Union([VersionChange, Type.Null()], { description: 'null for the first version' }),
});
export type BoundaryVersion = Static<typeof BoundaryVersion>;

export const VersionsResponse = Type.Array(BoundaryVersion);
