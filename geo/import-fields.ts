/**
 * Which column of an imported boundary file holds each field of a unit, when the user does not say:
 * the names offices' files actually use. Land-office and commune layers name their columns in
 * Vietnamese without diacritics (MA_XA, TEN_XA, MA_HUYEN, LOAI, SO_HO…), and a Shapefile's DBF
 * keeps at most 10 characters of a name (GDAL writes `parent_code` as `parent_cod`). Shared by the
 * server (the default mapping) and the web (the mapping it proposes), so both guess alike.
 */

import { foldVietnamese } from './text.ts';

export const BOUNDARY_FIELDS = [
  'code',
  'name',
  'kind',
  'parent_code',
  'short_name',
  'households',
  'population',
] as const;
export type BoundaryField = (typeof BOUNDARY_FIELDS)[number];

/** A DBF field name holds at most this many characters. */
export const DBF_NAME_LENGTH = 10;

/**
 * Column names for each field, folded (see `foldColumn`), in order of preference. Codes and names go
 * from the finest level to the coarsest, so a group layer's MA_TDP wins over its MA_XA; the parent
 * takes the finest of the rest (MA_XA for a group layer, MA_HUYEN or MA_TINH for a ward layer).
 */
export const FIELD_ALIASES: Record<BoundaryField, readonly string[]> = {
  code: [
    'code',
    'ma',
    'ma_dv',
    'ma_don_vi',
    'ma_dvhc',
    'unit_code',
    'ma_tdp',
    'ma_to',
    'ma_thon',
    'ma_xa',
    'ma_phuong',
    'maxa',
    'ma_huyen',
    'ma_tinh',
  ],
  name: [
    'name',
    'ten',
    'ten_dv',
    'ten_don_vi',
    'ten_dvhc',
    'unit_name',
    'ten_tdp',
    'ten_to',
    'ten_thon',
    'ten_xa',
    'ten_phuong',
    'tenxa',
    'ten_huyen',
    'ten_tinh',
  ],
  kind: ['kind', 'loai', 'loai_dv', 'loai_dvhc', 'cap', 'type'],
  parent_code: ['parent_code', 'parent', 'ma_cha', 'ma_dv_cha', 'ma_xa', 'ma_phuong', 'ma_huyen', 'ma_tinh'],
  short_name: ['short_name', 'ten_ngan', 'ten_rut_gon'],
  households: ['households', 'so_ho', 'soho', 'so_ho_dan'],
  population: ['population', 'dan_so', 'danso', 'so_dan', 'nhan_khau', 'so_nhan_khau'],
};

/** "Mã xã" → "ma_xa", "MA_XA" → "ma_xa": no diacritics, lower case, runs of other characters as "_". */
export function foldColumn(name: string): string {
  return foldVietnamese(name)
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** Whether a file's column is this name, also as a DBF stores it (cut to 10 characters). */
function sameColumn(column: string, name: string): boolean {
  const c = foldColumn(column);
  const n = foldColumn(name);
  return c === n || (n.length > DBF_NAME_LENGTH && c === n.slice(0, DBF_NAME_LENGTH));
}

/** The file's column a user named: exactly, else ignoring case, diacritics and DBF truncation. */
export function findColumn(columns: readonly string[], name: string): string | null {
  return columns.find((c) => c === name) ?? columns.find((c) => sameColumn(c, name)) ?? null;
}

/** The column to propose for a field, or null when the file has none of its usual names. */
export function guessColumn(
  columns: readonly string[],
  field: BoundaryField,
  taken: readonly string[] = [],
): string | null {
  for (const alias of FIELD_ALIASES[field]) {
    const hit = columns.find((c) => !taken.includes(c) && sameColumn(c, alias));
    if (hit) return hit;
  }
  return null;
}

export type ResolvedMapping = Record<BoundaryField, string | null>;

/**
 * The mapping for a file's columns: each field the user named (an empty name means "none"), the
 * others guessed. `missing` lists the fields whose named column the file does not have.
 */
export function resolveMapping(
  columns: readonly string[],
  given: Partial<Record<BoundaryField, string>> = {},
): { mapping: ResolvedMapping; missing: { field: BoundaryField; column: string }[] } {
  const mapping = {} as ResolvedMapping;
  const missing: { field: BoundaryField; column: string }[] = [];
  // Parent last, so it never takes the column chosen for the code.
  for (const field of ['code', 'name', 'kind', 'short_name', 'households', 'population', 'parent_code'] as const) {
    const named = given[field];
    if (named !== undefined) {
      const trimmed = named.trim();
      const hit = trimmed ? findColumn(columns, trimmed) : null;
      if (trimmed && !hit) missing.push({ field, column: trimmed });
      mapping[field] = hit;
    } else {
      mapping[field] = guessColumn(columns, field, field === 'parent_code' && mapping.code ? [mapping.code] : []);
    }
  }
  return { mapping, missing };
}
