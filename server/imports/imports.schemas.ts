/** The report of an indicator import (dry run or commit): counts, columns found, the first problems. */
import { Type, type Static } from 'typebox';
import { ENCODINGS } from './text-encoding.ts';

/** What a user may choose for a file's text encoding, and what the server read (for the web's import forms). */
export type { EncodingChoice, EncodingInfo } from './text-encoding.ts';

export const ImportProblem = Type.Object({
  row: Type.Union([Type.Integer(), Type.Null()]),
  column: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});
export type ImportProblem = Static<typeof ImportProblem>;

/** What the report says about a CSV's text encoding (see server/imports/text-encoding.ts). */
export const EncodingReport = Type.Object({
  name: Type.Enum([...ENCODINGS]),
  label: Type.String(),
  source: Type.Enum(['chosen', 'bom', 'cpg', 'detected', 'default']),
  cpg: Type.Optional(Type.String()),
  candidates: Type.Array(
    Type.Object({ name: Type.Enum([...ENCODINGS]), valid: Type.Integer(), invalid: Type.Integer() }),
  ),
  samples: Type.Array(Type.String()),
});

export const ImportReport = Type.Object({
  dry_run: Type.Boolean(),
  committed: Type.Boolean(),
  format: Type.Union([Type.Enum(['csv', 'xlsx']), Type.Null()]),
  /** CSV: the encoding read, how it was chosen, and a few names as read; null for XLSX. */
  encoding: Type.Union([EncodingReport, Type.Null()]),
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
