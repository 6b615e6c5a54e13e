/**
 * The hotspot contract: a group flagged complex (its problems, designation, target date, note) and
 * its status over time. Categories and statuses are the vocabulary of geo/units.ts.
 */
import { Type } from 'typebox';
import { HOTSPOT_CATEGORIES, HOTSPOT_STATUSES } from '../../geo/units.ts';

export const HotspotCategory = Type.Enum([...HOTSPOT_CATEGORIES]);
export const HotspotStatus = Type.Enum([...HOTSPOT_STATUSES]);
const StatusChange = Type.Object({ status: HotspotStatus, changed_on: Type.String(), note: Type.String() });

/** A hotspot group with its status on the requested date and its full status history (`GET /api/hotspots`). */
export const Hotspot = Type.Object({
  id: Type.Integer(),
  unit_id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  ward_id: Type.Union([Type.Integer(), Type.Null()]),
  ward_name: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(HotspotCategory),
  designated_on: Type.String(),
  target_date: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  status: HotspotStatus,
  status_since: Type.String(),
  history: Type.Array(Type.Object({ status: HotspotStatus, changed_on: Type.String(), note: Type.String() })),
});

/** A hotspot as the write routes answer it. */
export const HotspotDetail = Type.Object({
  id: Type.Integer(),
  unit_id: Type.Integer(),
  categories: Type.Array(HotspotCategory),
  designated_on: Type.String(),
  target_date: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  demo: Type.Boolean(),
  history: Type.Array(StatusChange),
});
