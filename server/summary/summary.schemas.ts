import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';

/** `?year=`: the summaries' one parameter. */
export const SummaryQuery = Type.Object(
  { year: Int({ minimum: 2000, maximum: 2100 }) },
  { additionalProperties: false },
);

/** `GET /api/summary`: every city-level indicator's total for the year, in the caller's scope. */
export const SummaryResponse = Type.Object({
  year: Type.Integer(),
  at: Type.String(),
  demo: Type.Boolean(),
  indicators: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Null()])),
});
export type SummaryResponse = Static<typeof SummaryResponse>;
