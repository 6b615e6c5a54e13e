/**
 * What the browser can tell about a file before sending it: its kind, and the column names of a
 * GeoJSON's first feature or a CSV's header (read from the first bytes only), so the field mapping
 * offers the file's own columns (a zipped Shapefile's: see shapefileColumns.ts).
 */
import { guessColumn } from '../../../../geo/import-fields.ts';
import type { BoundaryMapping } from './types.ts';

export type BoundaryFileKind = 'geojson' | 'shapefile' | 'csv' | 'geopackage';

/** The server's defaults: attributes named like the fields. */
export const DEFAULT_BOUNDARY_MAPPING: BoundaryMapping = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  parent_code: 'parent_code',
};

export function boundaryFileKind(fileName: string): BoundaryFileKind | null {
  const n = fileName.toLowerCase();
  if (n.endsWith('.zip')) return 'shapefile';
  if (n.endsWith('.gpkg')) return 'geopackage';
  if (n.endsWith('.csv') || n.endsWith('.txt')) return 'csv';
  if (n.endsWith('.geojson') || n.endsWith('.json')) return 'geojson';
  return null;
}

export const CONTENT_TYPES: Record<BoundaryFileKind, string> = {
  geojson: 'application/geo+json',
  shapefile: 'application/zip',
  geopackage: 'application/geopackage+sqlite3',
  csv: 'text/csv',
};

/** The header of a CSV (comma or semicolon, quotes honoured, BOM dropped). */
export function csvHeader(head: string): string[] {
  const first = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < first.length; i++) {
    const c = first[i]!;
    if (quoted) {
      if (c === '"' && first[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out.filter((h) => h !== '');
}

/** The property names of the first feature of a GeoJSON, from its first bytes; [] when not found. */
export function geojsonColumns(head: string): string[] {
  const at = head.indexOf('"properties"');
  if (at < 0) return [];
  const open = head.indexOf('{', at);
  if (open < 0) return [];
  let depth = 0;
  let inString = false;
  for (let i = open; i < head.length; i++) {
    const c = head[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) {
      try {
        const props = JSON.parse(head.slice(open, i + 1)) as unknown;
        return props && typeof props === 'object' ? Object.keys(props) : [];
      } catch {
        return [];
      }
    }
  }
  return [];
}

export function fileColumns(kind: BoundaryFileKind, head: string): string[] {
  if (kind === 'csv') return csvHeader(head).filter((h) => !/^(wkt|geom|geometry|the_geom)$/i.test(h));
  if (kind === 'geojson') return geojsonColumns(head);
  return [];
}

/** Kind and parent are optional: "" means the file has no such column. */
export const OPTIONAL_FIELDS: readonly (keyof BoundaryMapping)[] = ['kind', 'parent_code'];

/**
 * The mapping to propose for these columns, by the names offices use (geo/import-fields.ts, as the
 * server guesses): MA_XA, TEN_XA, parent_cod…; an optional field with none of them is "" (none:
 * kind from the name prefix, no parent).
 */
export function guessMapping(columns: string[]): BoundaryMapping {
  const code = guessColumn(columns, 'code');
  const pick = (field: keyof BoundaryMapping): string =>
    (field === 'code' ? code : guessColumn(columns, field, field === 'parent_code' && code ? [code] : [])) ??
    (OPTIONAL_FIELDS.includes(field) ? '' : DEFAULT_BOUNDARY_MAPPING[field]);
  return { code: pick('code'), name: pick('name'), kind: pick('kind'), parent_code: pick('parent_code') };
}

/**
 * Only the fields that differ from the server's defaults (an empty object sends no mapping). An
 * optional field set to "" is sent as "": the server then reads no column for it.
 */
export function mappingParam(mapping: BoundaryMapping): Partial<BoundaryMapping> {
  const out: Partial<BoundaryMapping> = {};
  for (const k of Object.keys(DEFAULT_BOUNDARY_MAPPING) as (keyof BoundaryMapping)[]) {
    const v = mapping[k].trim();
    if (v ? v !== DEFAULT_BOUNDARY_MAPPING[k] : OPTIONAL_FIELDS.includes(k)) out[k] = v;
  }
  return out;
}
