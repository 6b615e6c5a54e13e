import {
  BOUNDARY_FIELDS,
  FIELD_ALIASES,
  resolveMapping,
  type BoundaryField,
  type ResolvedMapping,
} from '../../../geo/import-fields.ts';
import { badRequest } from '../../errors.ts';
import { CITY_KINDS, UNIT_KINDS, type UnitKind } from '../../../geo/units.ts';
import { foldVietnamese } from '../../../geo/text.ts';
import type { RawFeature } from './source.ts';
import { checkRings, checkWktRings, ringMessage } from './rings.ts';

/** Which attribute of the file holds each field of a unit, as the user gives it ("" = none). */
export type FieldMapping = Partial<Record<BoundaryField, string>>;

/** The `mapping` parameter of a boundary import (JSON `{field: column}`), checked; {} when absent. */
export function parseMapping(raw: string | undefined): FieldMapping {
  if (!raw) return {};
  let mapping: unknown;
  try {
    mapping = JSON.parse(raw);
  } catch {
    throw badRequest('import.mapping_not_json', 'mapping phải là JSON / mapping must be JSON', { field: 'mapping' });
  }
  if (
    typeof mapping !== 'object' ||
    mapping === null ||
    Array.isArray(mapping) ||
    Object.values(mapping).some((v) => typeof v !== 'string')
  ) {
    throw badRequest('import.mapping_shape', 'mapping: {trường: tên cột} / mapping must map fields to column names', {
      field: 'mapping',
    });
  }
  const unknown = Object.keys(mapping).find((k) => !(BOUNDARY_FIELDS as readonly string[]).includes(k));
  if (unknown !== undefined) {
    throw badRequest(
      'import.mapping_unknown_field',
      `mapping: trường không có / unknown field "${unknown.slice(0, 40)}"; fields: ${BOUNDARY_FIELDS.join(', ')}`,
      { field: 'mapping', params: { name: unknown.slice(0, 40), allowed: [...BOUNDARY_FIELDS] } },
    );
  }
  return mapping as FieldMapping;
}

export interface MappedUnit {
  row: number;
  code: string;
  name: string;
  short_name: string;
  kind: UnitKind;
  parent_code: string | null;
  households: number | null;
  population: number | null;
  geometry: { geojson: string } | { wkt: string };
}

import type { RowIssue } from './boundary-import.schemas.ts';

export type { RowIssue } from './boundary-import.schemas.ts';

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

const listed = (field: BoundaryField) => FIELD_ALIASES[field].slice(0, 8).join(', ');

/**
 * Applies the mapping to one feature at a time and checks its attributes and rings (the rest of the
 * geometry is checked later, in PostGIS), collecting issues by row; remembers codes to catch
 * duplicates across the file. The mapping is settled on the first feature, from its columns.
 */
export class FeatureMapper {
  readonly issues: RowIssue[] = [];
  /** The column used for each field, once the first feature is seen. */
  mapping: ResolvedMapping | null = null;
  columns: string[] = [];
  /** The first names read, for the report (the user checks the encoding by them). */
  readonly names: string[] = [];
  readonly #seen = new Map<string, number>();
  readonly #kinds = new Set<UnitKind>();
  #withParent = 0;
  #unusable = false;

  constructor(
    private readonly given: FieldMapping,
    private readonly opts: { repair: boolean } = { repair: false },
  ) {}

  #fileIssue(field: string, message: string, severity: RowIssue['severity'] = 'error') {
    this.issues.push({ row: 0, code: null, field, severity, message });
  }

  #settle(columns: string[]): ResolvedMapping {
    const { mapping, missing } = resolveMapping(columns, this.given);
    this.columns = columns;
    const has = columns.length ? columns.join(', ') : '—';
    for (const m of missing) {
      this.#fileIssue(
        m.field,
        `Tệp không có cột "${m.column}" (ghép cho ${m.field}); các cột: ${has} / the file has no column "${m.column}" (given for ${m.field}); its columns: ${has}`,
      );
    }
    for (const field of ['code', 'name'] as const) {
      if (!mapping[field] && !missing.some((m) => m.field === field)) {
        this.#fileIssue(
          field,
          `Không tìm thấy cột ${field === 'code' ? 'mã' : 'tên'} (đã tìm ${listed(field)}…); hãy ghép trường / ` +
            `no ${field} column found (looked for ${listed(field)}…): map it; the file's columns: ${has}`,
        );
      }
    }
    this.#unusable = !mapping.code || !mapping.name || missing.length > 0;
    return mapping;
  }

  map(f: RawFeature): MappedUnit | null {
    const mapping = (this.mapping ??= this.#settle(Object.keys(f.props)));
    if (this.#unusable) return null;
    const codeColumn = mapping.code!;
    const nameColumn = mapping.name!;
    const code = text(f.props[codeColumn]);
    const name = text(f.props[nameColumn]);
    if (this.names.length < 5 && name) this.names.push(name);
    const problem = (field: string, message: string, severity: RowIssue['severity'] = 'error') =>
      this.issues.push({ row: f.row, code: code || null, field, severity, message });
    for (const [k, v] of Object.entries(f.props)) {
      if (typeof v === 'string' && v.includes('\uFFFD')) {
        problem(
          k,
          `Thuộc tính "${k}" có byte không đọc được bằng bảng mã của tệp (GeoJSON phải là UTF-8; DBF, CSV: chọn bảng mã khác) / ` +
            `attribute "${k}" holds bytes that are not valid in the file's encoding (GeoJSON must be UTF-8; for DBF or CSV choose another encoding)`,
        );
      }
    }
    if (!code) problem(codeColumn, `Thiếu mã đơn vị / missing code (column "${codeColumn}")`);
    if (!name) problem(nameColumn, `Thiếu tên đơn vị / missing name (column "${nameColumn}")`);
    if (/^[=+\-@]/.test(name) || /^[=+\-@]/.test(code)) {
      problem(nameColumn, 'Giá trị bắt đầu bằng = + - @ (công thức) bị từ chối / formula-like value refused');
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
    } else this.#kinds.add(kind);
    const households = whole(mapping.households ? f.props[mapping.households] : undefined);
    const population = whole(mapping.population ? f.props[mapping.population] : undefined);
    if (households === 'bad')
      problem(mapping.households!, 'Số hộ phải là số nguyên ≥ 0 / households must be a whole number ≥ 0');
    if (population === 'bad')
      problem(mapping.population!, 'Dân số phải là số nguyên ≥ 0 / population must be a whole number ≥ 0');
    const geometry = this.#geometry(f, problem);
    if (code) {
      const first = this.#seen.get(code);
      if (first !== undefined)
        problem(codeColumn, `Mã ${code} trùng với đối tượng ${first} / duplicate code (also row ${first})`);
      else this.#seen.set(code, f.row);
    }
    if (!code || !name || !kind || households === 'bad' || population === 'bad' || !geometry) return null;
    const short = mapping.short_name ? text(f.props[mapping.short_name]) : '';
    const parent = mapping.parent_code ? text(f.props[mapping.parent_code]) : '';
    if (parent) this.#withParent++;
    return {
      row: f.row,
      code,
      name,
      short_name: short || (prefix ? name.slice(prefix[0].length + 1) : name),
      kind,
      parent_code: parent || null,
      households,
      population,
      geometry,
    };
  }

  /** The geometry as text for PostGIS, its rings checked (and closed when repairs are accepted). */
  #geometry(f: RawFeature, problem: (field: string, message: string, severity?: RowIssue['severity']) => void) {
    if (f.geometryProblem) {
      problem('geometry', f.geometryProblem);
      return null;
    }
    if (!f.geometry) {
      problem('geometry', 'Thiếu hình học / missing geometry');
      return null;
    }
    const repair = this.opts.repair;
    let rings;
    let geometry: MappedUnit['geometry'];
    let multi: boolean;
    if ('wkt' in f.geometry) {
      const checked = checkWktRings(f.geometry.wkt, repair);
      rings = checked.problems;
      geometry = { wkt: checked.wkt };
      multi = /^\s*(SRID=\d+;\s*)?MULTI/i.test(f.geometry.wkt);
    } else {
      rings = checkRings(f.geometry.geojson, repair);
      geometry = { geojson: JSON.stringify(f.geometry.geojson) };
      multi = (f.geometry.geojson as { type?: unknown }).type === 'MultiPolygon';
    }
    let fatal = false;
    for (const r of rings) {
      const repaired = repair && r.kind === 'unclosed';
      fatal ||= !repaired;
      problem('geometry', ringMessage(r, repaired, multi), repaired ? 'warning' : 'error');
    }
    return fatal ? null : geometry;
  }

  /**
   * File-level warnings once every feature is read: units of a level that has parents (wards,
   * groups) but no parent column, so they would be imported without links to their parents.
   */
  finish(): void {
    const mapping = this.mapping;
    if (!mapping || this.#unusable) return;
    const needParents = [...this.#kinds].filter((k) => !CITY_KINDS.includes(k));
    if (!mapping.parent_code && needParents.length) {
      this.#fileIssue(
        'parent_code',
        `Không có cột mã đơn vị cấp trên (đã tìm ${listed('parent_code')}…): ${needParents.join(', ')} sẽ không gắn với cấp trên / ` +
          `no parent column found (looked for ${listed('parent_code')}…): the ${needParents.join(', ')} units are imported without parent links; map parent_code`,
        'warning',
      );
    } else if (mapping.parent_code && needParents.length && this.#withParent === 0) {
      this.#fileIssue(
        mapping.parent_code,
        `Cột "${mapping.parent_code}" trống ở mọi dòng: các đơn vị sẽ không gắn với cấp trên / ` +
          `the parent column "${mapping.parent_code}" is empty in every row: units are imported without parent links`,
        'warning',
      );
    }
  }
}
