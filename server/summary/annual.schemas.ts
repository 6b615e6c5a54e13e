import { Type, type Static } from 'typebox';
import { SummaryQuery } from './summary.schemas.ts';

export const AnnualQuery = SummaryQuery;

/** One line of the yearly report's table: the indicator's total for the year and the year before. */
export const AnnualRow = Type.Object({
  key: Type.String(),
  name_vi: Type.String(),
  name_en: Type.String(),
  unit_vi: Type.String(),
  unit_en: Type.String(),
  theme: Type.String(),
  kind: Type.String(),
  /** Ratios are fractions; multiply by this (100) to show a percentage. */
  scale: Type.Union([Type.Number(), Type.Null()]),
  value: Type.Union([Type.Number(), Type.Null()]),
  previous: Type.Union([Type.Number(), Type.Null()]),
  /** value − previous; null when either is missing. */
  change: Type.Union([Type.Number(), Type.Null()]),
});
export type AnnualRow = Static<typeof AnnualRow>;

export const AnnualSummary = Type.Object({
  year: Type.Integer(),
  previousYear: Type.Integer(),
  demo: Type.Boolean(),
  rows: Type.Array(AnnualRow),
});
export type AnnualSummary = Static<typeof AnnualSummary>;
