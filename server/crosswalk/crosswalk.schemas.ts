import { Type, type Static } from 'typebox';
import { Id, Num, NumOrNull } from '../http/numbers.ts';
import { DateParam } from '../http/params.schemas.ts';

/** Which old unit makes up which new one, and with what share of its area and households. */
export const CrosswalkRow = Type.Object({
  from_unit_id: Type.Integer(),
  from_code: Type.String(),
  from_name: Type.String(),
  from_valid_from: Type.String(),
  from_valid_to: Type.Union([Type.String(), Type.Null()]),
  to_unit_id: Type.Integer(),
  to_code: Type.String(),
  to_name: Type.String(),
  to_valid_from: Type.String(),
  to_valid_to: Type.Union([Type.String(), Type.Null()]),
  area_share: Type.Number(),
  household_share: Type.Union([Type.Number(), Type.Null()]),
});
export type CrosswalkRow = Static<typeof CrosswalkRow>;

export const CrosswalkQuery = Type.Object({ at: DateParam }, { additionalProperties: false });
export const CrosswalkResponse = Type.Object({ at: Type.String(), rows: Type.Array(CrosswalkRow) });

export const SetSharesBody = Type.Object(
  {
    from_unit_id: Id(),
    to_unit_id: Id(),
    area_share: Num({ minimum: 0, maximum: 1 }),
    household_share: NumOrNull({ minimum: 0, maximum: 1 }),
  },
  { additionalProperties: false },
);
export type SetSharesBody = Static<typeof SetSharesBody>;
