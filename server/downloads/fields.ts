/**
 * The columns of a map data download, in order, with their Vietnamese and English titles: the same
 * names in GeoPackage, GeoJSON and CSV, and a 10-character name in a Shapefile's DBF with a list
 * that maps one to the other.
 */
import type { ValueTable } from '../values/value-table.ts';

export type FieldType = 'text' | 'integer' | 'real' | 'date';

export interface Field {
  name: string;
  type: FieldType;
  titleVi: string;
  titleEn: string;
  /** DBF width in bytes (text: UTF-8 bytes, longer values are cut at a character boundary). */
  width: number;
}

/** The unit columns every download has; indicator values follow (one per indicator and month). */
export const UNIT_FIELDS: readonly Field[] = [
  { name: 'code', type: 'text', titleVi: 'Mã đơn vị', titleEn: 'unit code', width: 40 },
  { name: 'name', type: 'text', titleVi: 'Tên', titleEn: 'name', width: 160 },
  {
    name: 'display_name',
    type: 'text',
    titleVi: 'Tên phân biệt (kèm phường/xã, phường/xã cũ)',
    titleEn: 'unique display name (with ward, former ward)',
    width: 254,
  },
  { name: 'kind', type: 'text', titleVi: 'Loại đơn vị', titleEn: 'unit kind', width: 20 },
  { name: 'parent_code', type: 'text', titleVi: 'Mã đơn vị cấp trên', titleEn: 'parent unit code', width: 40 },
  { name: 'parent_name', type: 'text', titleVi: 'Tên đơn vị cấp trên', titleEn: 'parent unit name', width: 160 },
  { name: 'households', type: 'integer', titleVi: 'Số hộ gia đình', titleEn: 'households', width: 10 },
  { name: 'population', type: 'integer', titleVi: 'Số nhân khẩu', titleEn: 'population', width: 10 },
  { name: 'valid_from', type: 'date', titleVi: 'Hiệu lực từ ngày', titleEn: 'valid from', width: 8 },
  { name: 'valid_to', type: 'date', titleVi: 'Hết hiệu lực từ ngày', titleEn: 'valid until (exclusive)', width: 8 },
  {
    name: 'unit_id',
    type: 'integer',
    titleVi: 'Số hiệu đơn vị trong ANTT Atlas',
    titleEn: 'ANTT Atlas unit id',
    width: 10,
  },
];

/** The value columns of a table, titled with the indicator's names and the month. */
export function valueFields(
  table: ValueTable,
  names: ReadonlyMap<string, { vi: string; en: string; unitVi: string; unitEn: string }>,
): Field[] {
  return table.columns.map((c) => {
    const n = names.get(c.indicator);
    const month = `${c.period.slice(5, 7)}/${c.period.slice(0, 4)}`;
    return {
      name: c.name,
      type: 'real' as const,
      titleVi: `${n?.vi ?? c.indicator} (${n?.unitVi ?? ''}), tháng ${month}`.replace(' ()', ''),
      titleEn: `${n?.en ?? c.indicator} (${n?.unitEn ?? ''}), ${c.period}`.replace(' ()', ''),
      width: 20,
    };
  });
}

/** Names the importer (server/boundaries/mapping.ts) and ogr2ogr use for the unit columns. */
const DBF_UNIT_NAMES: Record<string, string> = {
  code: 'code',
  name: 'name',
  display_name: 'display_nm',
  kind: 'kind',
  parent_code: 'parent_cod',
  parent_name: 'parent_nam',
  households: 'households',
  population: 'population',
  valid_from: 'valid_from',
  valid_to: 'valid_to',
  unit_id: 'unit_id',
};

/**
 * DBF field names (at most 10 ASCII characters, unique ignoring case): the unit columns as ogr2ogr
 * would cut them (so the portal's own importer reads a downloaded Shapefile back), a value column
 * as up to 6 characters of its indicator key and the month as YYMM (`drug_cases_2017_12` →
 * `drug_c1712`), a clash resolved by a digit in place of the key's last character.
 */
export function dbfNames(fields: readonly string[]): string[] {
  const taken = new Set<string>();
  return fields.map((full) => {
    let name = DBF_UNIT_NAMES[full];
    if (!name) {
      const m = /^(.*)_(\d{2})(\d{2})_(\d{2})$/.exec(full);
      const stem = (m ? m[1]! : full).replace(/[^A-Za-z0-9_]/g, '_');
      const suffix = m ? `${m[3]}${m[4]}` : '';
      const keep = 10 - suffix.length;
      name = stem.slice(0, keep).replace(/_+$/, '') + suffix;
      for (let i = 1; taken.has(name.toLowerCase()); i++) {
        const tag = String(i);
        name = stem.slice(0, keep - tag.length).replace(/_+$/, '') + tag + suffix;
      }
    }
    taken.add(name.toLowerCase());
    return name;
  });
}
