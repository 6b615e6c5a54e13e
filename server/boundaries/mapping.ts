import { UNIT_KINDS, type UnitKind } from '../../geo/units.ts';
import { foldVietnamese } from '../../geo/text.ts';
import type { RawFeature } from './read.ts';

/** Which attribute of the file holds each field of a unit. Defaults: attributes of the same name. */
export interface FieldMapping {
  code: string;
  name: string;
  kind?: string;
  parent_code?: string;
  short_name?: string;
  households?: string;
  population?: string;
}

export const DEFAULT_MAPPING: FieldMapping = {
  code: 'code',
  name: 'name',
  kind: 'kind',
  parent_code: 'parent_code',
  households: 'households',
  population: 'population',
};

export interface MappedUnit {
  row: number;
  code: string;
  name: string;
  short_name: string;
  kind: UnitKind;
  parent_code: string | null;
  households: number | null;
  population: number | null;
  geometry: RawFeature['geometry'] & object;
}

import type { RowIssue } from './boundaries.schemas.ts';

export type { RowIssue } from './boundaries.schemas.ts';

/** Name prefixes as written officially, longest first, and the kind each means. */
const PREFIXES: [string, UnitKind][] = [
  ['Thành phố', 'thanh_pho'],
  ['Thị trấn', 'thi_tran'],
  ['Tổ dân phố', 'to_dan_pho'],
  ['Đặc khu', 'dac_khu'],
  ['Thị xã', 'thi_xa'],
  ['Phường', 'phuong'],
  ['Huyện', 'huyen'],
  ['Quận', 'quan'],
  ['Tỉnh', 'tinh'],
  ['Thôn', 'thon'],
  ['Xã', 'xa'],
];
const KIND_BY_FOLDED = new Map<string, UnitKind>([
  ...UNIT_KINDS.map((k) => [k, k] as [string, UnitKind]),
  ...PREFIXES.map(([p, k]) => [foldVietnamese(p), k] as [string, UnitKind]),
]);

function text(v: unknown): string {
  return v === undefined || v === null ? '' : String(v).normalize('NFC').trim();
}

function whole(v: unknown): number | null | 'bad' {
  if (v === undefined || v === null || v === '') return null;
  const n = Number(v);
  return Number.isInteger(n) && n >= 0 ? n : 'bad';
}

/**
 * Applies the mapping to one feature at a time and checks its attributes (geometry is checked
 * later, in PostGIS), collecting issues by row; remembers codes to catch duplicates across the file.
 */
export class FeatureMapper {
  readonly issues: RowIssue[] = [];
  readonly #seen = new Map<string, number>();

  constructor(private readonly mapping: FieldMapping) {}

  map(f: RawFeature): MappedUnit | null {
    const mapping = this.mapping;
    const code = text(f.props[mapping.code]);
    const name = text(f.props[mapping.name]);
    const problem = (field: string, message: string, severity: RowIssue['severity'] = 'error') =>
      this.issues.push({ row: f.row, code: code || null, field, severity, message });
    if (!code) problem(mapping.code, `Thiếu mã đơn vị / missing code (column "${mapping.code}")`);
    if (!name) problem(mapping.name, `Thiếu tên đơn vị / missing name (column "${mapping.name}")`);
    if (/^[=+\-@]/.test(name) || /^[=+\-@]/.test(code)) {
      problem(mapping.name, 'Giá trị bắt đầu bằng = + - @ (công thức) bị từ chối / formula-like value refused');
    }
    const prefix = PREFIXES.find(([p]) => name.startsWith(`${p} `));
    const rawKind = mapping.kind ? text(f.props[mapping.kind]) : '';
    const kind = rawKind ? KIND_BY_FOLDED.get(foldVietnamese(rawKind)) : prefix?.[1];
    if (!kind) {
      problem(
        mapping.kind ?? 'kind',
        rawKind
          ? `Loại đơn vị không hợp lệ "${rawKind}" / unknown kind; allowed: ${UNIT_KINDS.join(', ')}`
          : 'Không xác định được loại đơn vị / no kind column and no known prefix in the name',
      );
    }
    const households = whole(mapping.households ? f.props[mapping.households] : undefined);
    const population = whole(mapping.population ? f.props[mapping.population] : undefined);
    if (households === 'bad')
      problem(mapping.households!, 'Số hộ phải là số nguyên ≥ 0 / households must be a whole number ≥ 0');
    if (population === 'bad')
      problem(mapping.population!, 'Dân số phải là số nguyên ≥ 0 / population must be a whole number ≥ 0');
    if (!f.geometry) problem('geometry', 'Thiếu hình học / missing geometry');
    if (code) {
      const first = this.#seen.get(code);
      if (first !== undefined)
        problem(mapping.code, `Mã ${code} trùng với đối tượng ${first} / duplicate code (also row ${first})`);
      else this.#seen.set(code, f.row);
    }
    if (!code || !name || !kind || households === 'bad' || population === 'bad' || !f.geometry) return null;
    const short = mapping.short_name ? text(f.props[mapping.short_name]) : '';
    const parent = mapping.parent_code ? text(f.props[mapping.parent_code]) : '';
    return {
      row: f.row,
      code,
      name,
      short_name: short || (prefix ? name.slice(prefix[0].length + 1) : name),
      kind,
      parent_code: parent || null,
      households,
      population,
      geometry: f.geometry,
    };
  }
}
