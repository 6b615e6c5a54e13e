/**
 * The hotspot contract: a group flagged complex (its problems, designation, target date, note) and
 * its status over time. Categories and statuses are the vocabulary of geo/units.ts.
 */
import { Type, type Static } from 'typebox';
import { HOTSPOT_CATEGORIES, HOTSPOT_STATUSES } from '../../geo/units.ts';
import { Id } from '../http/numbers.ts';
import { DateParam } from '../http/params.schemas.ts';

export const HotspotCategory = Type.Enum([...HOTSPOT_CATEGORIES]);
export const HotspotStatus = Type.Enum([...HOTSPOT_STATUSES]);
const StatusChange = Type.Object({ status: HotspotStatus, changed_on: Type.String(), note: Type.String() });
const Note = Type.String({ maxLength: 2000 });
const Categories = Type.Array(HotspotCategory, { minItems: 1, maxItems: HOTSPOT_CATEGORIES.length });

/** A hotspot group with its status on the requested date and its full status history (`GET /api/hotspots`). */
export const Hotspot = Type.Object({
  id: Type.Integer(),
  unit_id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  display_name: Type.String({ description: 'told apart from same-named groups (geo/unit-names.ts)' }),
  ward_id: Type.Union([Type.Integer(), Type.Null()]),
  ward_name: Type.Union([Type.String(), Type.Null()]),
  categories: Type.Array(HotspotCategory),
  designated_on: Type.String(),
  target_date: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  status: HotspotStatus,
  status_since: Type.String(),
  history: Type.Array(StatusChange),
});
export type Hotspot = Static<typeof Hotspot>;

export const HotspotsQuery = Type.Object({ at: Type.Optional(DateParam) }, { additionalProperties: false });
export const HotspotsResponse = Type.Object({ at: Type.String(), demo: Type.Boolean(), hotspots: Type.Array(Hotspot) });

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
export type HotspotDetail = Static<typeof HotspotDetail>;

export const DesignateBody = Type.Object(
  {
    unit_id: Id(),
    categories: Categories,
    designated_on: DateParam,
    target_date: Type.Optional(Type.Union([DateParam, Type.Null()])),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type DesignateBody = Static<typeof DesignateBody>;

export const StatusBody = Type.Object(
  { status: HotspotStatus, changed_on: DateParam, note: Type.Optional(Note) },
  { additionalProperties: false },
);
export type StatusBody = Static<typeof StatusBody>;

export const UpdateHotspotBody = Type.Object(
  {
    categories: Type.Optional(Categories),
    target_date: Type.Optional(Type.Union([DateParam, Type.Null()])),
    note: Type.Optional(Note),
  },
  { additionalProperties: false },
);
export type UpdateHotspotBody = Static<typeof UpdateHotspotBody>;
