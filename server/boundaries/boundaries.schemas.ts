/**
 * The boundary contract the web reads: the report of a boundary import (dry run or commit), one
 * feature's problem in a file, and a crosswalk row between boundary versions. Plain types: the
 * import answers NDJSON lines (not validated by a response schema).
 */
import type { ResolvedMapping } from '../../geo/import-fields.ts';
import type { EncodingInfo } from '../imports/text-encoding.ts';
import type { LayerInfo } from './geopackage.ts';

export type { LayerInfo } from './geopackage.ts';

/** One feature's problem in a boundary file: row (1-based feature number), code, field, message. */
export interface RowIssue {
  /** The feature (1-based) or CSV line; 0 for the file as a whole (columns, coordinate system). */
  row: number;
  code: string | null;
  field: string;
  severity: 'error' | 'warning';
  message: string;
}

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

/** Which old unit makes up which new one, and with what share of its area and households. */
export interface CrosswalkRow {
  from_unit_id: number;
  from_code: string;
  from_name: string;
  from_valid_from: string;
  from_valid_to: string | null;
  to_unit_id: number;
  to_code: string;
  to_name: string;
  to_valid_from: string;
  to_valid_to: string | null;
  area_share: number;
  household_share: number | null;
}
