import { Type, type Static } from 'typebox';
import { Int, Num } from '../../http/numbers.ts';
import { DateParam } from '../../http/params.schemas.ts';
import type { ResolvedMapping } from '../../../geo/import-fields.ts';
import { ENCODING_CHOICES, type EncodingInfo } from '../files/text-encoding.ts';
import type { LayerInfo } from './geopackage.ts';

export type { EncodingChoice, EncodingInfo } from '../files/text-encoding.ts';
export type { LayerInfo } from './geopackage.ts';

/** `POST /api/imports/boundaries`: the file is the body; these say how to read and check it. */
export const BoundaryImportQuery = Type.Object(
  {
    valid_from: DateParam,
    dry_run: Type.Boolean({ default: true }),
    repair: Type.Boolean({ default: false }),
    srid: Type.Optional(Int({ minimum: 1024, maximum: 998999 })),
    tolerance: Num({ minimum: 0, maximum: 0.5, default: 0.01 }),
    mapping: Type.Optional(Type.String({ maxLength: 2000, description: 'JSON: {"code":"MA_XA","name":"TEN",…}' })),
    encoding: Type.Enum([...ENCODING_CHOICES], { default: 'auto' }),
    layer: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type BoundaryImportQuery = Static<typeof BoundaryImportQuery>;

/** One feature's problem in a boundary file. */
export interface RowIssue {
  /** The feature (1-based) or CSV line; 0 for the file as a whole (columns, coordinate system). */
  row: number;
  code: string | null;
  field: string;
  severity: 'error' | 'warning';
  message: string;
}

/** What a boundary import found (dry run) or did (commit); NDJSON progress ends with it. */
export interface BoundaryImportReport {
  dry_run: boolean;
  committed: boolean;
  format: string;
  crs: string;
  /** DBF and CSV: the encoding read, how it was chosen, and the first names as read. */
  encoding: EncodingInfo | null;
  /** The file's columns and the one used for each field. */
  columns: string[];
  mapping: ResolvedMapping | null;
  /** GeoPackage: the layer read and all its vector layers. */
  layer?: string;
  layers?: LayerInfo[];
  valid_from: string;
  features: number;
  by_kind: Record<string, number>;
  errors: number;
  warnings: number;
  issues: RowIssue[];
  opened?: number;
  closed?: number;
  relinked?: number;
  crosswalk?: number;
  preview?: unknown;
}
