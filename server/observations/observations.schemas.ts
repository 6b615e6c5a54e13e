import { Type, type Static } from 'typebox';
import { Id, Num } from '../http/numbers.ts';
import { MonthParam } from '../http/params.schemas.ts';

/** `PUT /api/observations`: one value of one indicator, unit and month. */
export const SetObservationBody = Type.Object(
  {
    indicator: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z][a-z0-9_]*$' }),
    unit_id: Id(),
    period: MonthParam,
    value: Num({ minimum: -1e12, maximum: 1e12 }),
  },
  { additionalProperties: false },
);
export type SetObservationBody = Static<typeof SetObservationBody>;

export const SetObservationResult = Type.Object({
  indicator: Type.String(),
  unit_id: Type.Integer(),
  period: Type.String(),
  value: Type.Number(),
  before: Type.Union([Type.Number(), Type.Null()]),
  changed: Type.Boolean(),
});
export type SetObservationResult = Static<typeof SetObservationResult>;
