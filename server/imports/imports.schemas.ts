/** The report of an indicator import (dry run or commit): counts, columns found, the first problems. */
import { Type, type Static } from 'typebox';

export const ImportProblem = Type.Object({
  row: Type.Union([Type.Integer(), Type.Null()]),
  column: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

export const ImportReport = Type.Object({
  dry_run: Type.Boolean(),
  committed: Type.Boolean(),
  format: Type.Union([Type.Enum(['csv', 'xlsx']), Type.Null()]),
  rows_read: Type.Integer(),
  values_read: Type.Integer(),
  to_insert: Type.Integer(),
  to_update: Type.Integer(),
  unchanged: Type.Integer(),
  columns: Type.Object({
    code: Type.Union([Type.String(), Type.Null()]),
    name: Type.Union([Type.String(), Type.Null()]),
    period: Type.Union([Type.String(), Type.Null()]),
    indicators: Type.Record(Type.String(), Type.String()),
  }),
  errors_total: Type.Integer(),
  errors: Type.Array(ImportProblem),
});
export type ImportReport = Static<typeof ImportReport>;
