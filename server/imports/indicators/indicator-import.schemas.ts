import { Type, type Static } from 'typebox';
import { MonthParam } from '../../http/params.schemas.ts';
import { ENCODING_CHOICES, ENCODINGS } from '../files/text-encoding.ts';

/**
 * The indicator import contract: the template (`GET /api/imports/indicators/template`), the upload's
 * options (`POST /api/imports/indicators`, multipart) and the report it answers, dry run or commit.
 */
export const TemplateQuery = Type.Object(
  {
    indicators: Type.String({ minLength: 1, maxLength: 2000, pattern: '^[a-z0-9_,]+$' }),
    format: Type.Enum(['csv', 'xlsx'], { default: 'csv' }),
    period: Type.Optional(MonthParam),
  },
  { additionalProperties: false },
);
export type TemplateQuery = Static<typeof TemplateQuery>;

export const ImportQuery = Type.Object(
  { dry_run: Type.Boolean({ default: true }), encoding: Type.Enum([...ENCODING_CHOICES], { default: 'auto' }) },
  { additionalProperties: false },
);

export const ImportMapping = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 200 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    period: Type.Optional(Type.String({ maxLength: 200 })),
    indicators: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false },
);
export type ImportMapping = Static<typeof ImportMapping>;

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

/** A refused import: the error body with the report of every problem by row. */
export const ReportError = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  code: Type.String(),
  params: Type.Record(Type.String(), Type.Unknown()),
  message: Type.String(),
  field: Type.Optional(Type.String()),
  report: Type.Optional(ImportReport),
});
