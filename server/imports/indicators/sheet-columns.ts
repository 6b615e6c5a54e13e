import { kindsOfLevel } from '../../../geo/levels.ts';
import { isMonth } from '../../../geo/periods.ts';
import { foldVietnamese } from '../../../geo/text.ts';
import type { IndicatorRow } from '../../indicators/indicators.repository.ts';
import type { ImportMapping } from './indicator-import.schemas.ts';
import type { Cell, TableStream } from './table-file.ts';

/**
 * How an indicator sheet is read: which column holds the unit code, name and month, which hold
 * which indicator (by the template's "Name [key]" headers, the catalogue's names, or the user's
 * mapping), and how cells become months and numbers. Pure: the import service feeds it the headers
 * and cells, and it reports problems through `add`.
 */

/** Template headers (Vietnamese); indicator columns are "Tên chỉ tiêu [key]". */
export const HEADER_CODE = 'Mã đơn vị';
export const HEADER_NAME = 'Tên đơn vị';
export const HEADER_PERIOD = 'Kỳ (YYYY-MM)';
export const indicatorHeader = (i: Pick<IndicatorRow, 'key' | 'name_vi'>) => `${i.name_vi} [${i.key}]`;

export type AddProblem = (row: number | null, column: string | null, message: string) => void;

export interface SheetColumns {
  code: number | null;
  name: number | null;
  period: number;
  indicators: [string, number][];
  /** Columns without a header: ignored, and any value in them is an error of its row. */
  blank: number[];
}

const CODE_NAMES = ['ma don vi', 'ma', 'ma dv', 'code', 'unit_code', 'unit code'];
const NAME_NAMES = ['ten don vi', 'ten', 'ten dv', 'name', 'unit_name', 'unit name'];
const PERIOD_NAMES = ['ky (yyyy-mm)', 'ky', 'thang', 'period', 'month'];

export function cellText(c: Cell): string | null {
  if (c === null) return null;
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim() || null;
}

/** 'YYYY-MM', 'YYYY-M', 'MM/YYYY' or an XLSX date → 'YYYY-MM', else null. */
export function parsePeriod(c: Cell): string | null {
  if (c instanceof Date) {
    return `${c.getUTCFullYear()}-${String(c.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  const s = cellText(c);
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})(?:-01)?$/.exec(s);
  if (m) {
    const p = `${m[1]}-${m[2]!.padStart(2, '0')}`;
    return isMonth(p) ? p : null;
  }
  m = /^(\d{1,2})[/.](\d{4})$/.exec(s);
  if (m) {
    const p = `${m[2]}-${m[1]!.padStart(2, '0')}`;
    return isMonth(p) ? p : null;
  }
  return null;
}

/** A number as typed in a sheet: "12", "12.5", "12,5" (decimal comma); null when it is not one. */
export function parseNumber(c: Cell): number | null {
  if (typeof c === 'number') return Number.isFinite(c) ? c : null;
  const s = cellText(c);
  if (!s) return null;
  const t = s.replace(/\s/g, '');
  if (!/^[-+]?\d+([.,]\d+)?$/.test(t)) return null;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

export function levelOfKind(kind: string): 'group' | 'ward' | 'city' {
  if (kindsOfLevel('group').includes(kind as never)) return 'group';
  if (kindsOfLevel('ward').includes(kind as never)) return 'ward';
  return 'city';
}

export const LEVEL_VI = { group: 'tổ dân phố/thôn', ward: 'phường/xã', city: 'thành phố' } as const;

/** The columns of a sheet, or null (with the problems added) when they cannot be told apart. */
export function mapColumns(
  table: Pick<TableStream, 'headers' | 'headerRow'>,
  catalogue: IndicatorRow[],
  mapping: ImportMapping | undefined,
  add: AddProblem,
): SheetColumns | null {
  const hr = table.headerRow;
  const folded = table.headers.map((h) => foldVietnamese(h));
  const byKey = new Map(catalogue.map((i) => [i.key, i]));
  const byName = new Map(catalogue.map((i) => [foldVietnamese(i.name_vi), i.key]));
  const find = (header: string, field: string): number | null => {
    const i = folded.indexOf(foldVietnamese(header));
    if (i < 0) {
      add(hr, header, `Không có cột "${header}" (mapping.${field}) / no such column in the file`);
      return null;
    }
    return i;
  };
  let ok = true;
  const used = new Set<number>();
  const pick = (field: 'code' | 'name' | 'period', names: string[]): number | null => {
    const explicit = mapping?.[field];
    if (explicit !== undefined) {
      const i = find(explicit, field);
      if (i === null) ok = false;
      else used.add(i);
      return i;
    }
    const i = folded.findIndex((h) => names.includes(h));
    if (i >= 0) used.add(i);
    return i >= 0 ? i : null;
  };
  const code = pick('code', CODE_NAMES);
  const name = pick('name', NAME_NAMES);
  const period = pick('period', PERIOD_NAMES);
  if (!ok) return null;
  if (period === null) {
    add(hr, null, `Thiếu cột kỳ "${HEADER_PERIOD}" / no period column`);
    return null;
  }
  if (code === null && name === null) {
    add(hr, null, `Thiếu cột "${HEADER_CODE}" hoặc "${HEADER_NAME}" / no unit code or name column`);
    return null;
  }

  const indicators = new Map<string, number>();
  const blank: number[] = [];
  const accept = (key: string, i: number) => {
    const ind = byKey.get(key);
    if (!ind) {
      add(hr, table.headers[i] ?? key, `Chỉ tiêu không tồn tại / unknown indicator "${key}"`);
      ok = false;
    } else if (ind.kind === 'ratio') {
      add(
        hr,
        table.headers[i] ?? key,
        `"${key}" là tỷ lệ tính từ "${ind.numerator_key}" và "${ind.denominator_key}"; hãy nhập hai chỉ tiêu này / ratios are computed: import their numerator and denominator`,
      );
      ok = false;
    } else if (indicators.has(key)) {
      add(hr, table.headers[i] ?? key, `Chỉ tiêu "${key}" xuất hiện hai lần / indicator mapped twice`);
      ok = false;
    } else indicators.set(key, i);
    used.add(i);
  };
  if (mapping?.indicators) {
    for (const [key, h] of Object.entries(mapping.indicators)) {
      const i = find(h, `indicators.${key}`);
      if (i === null) ok = false;
      else accept(key, i);
    }
  } else {
    table.headers.forEach((h, i) => {
      if (used.has(i)) return;
      const bracket = /\[([A-Za-z0-9_]+)\]\s*$/.exec(h)?.[1];
      const key = bracket ?? (byKey.has(h) ? h : byName.get(folded[i]!));
      if (key) return accept(key, i);
      if (h === '') return void blank.push(i);
      add(hr, h || `#${i + 1}`, `Cột không nhận ra / unknown column "${h}" (not an indicator of the catalogue)`);
      ok = false;
    });
  }
  if (!ok) return null;
  if (!indicators.size) {
    add(hr, null, 'Không có cột chỉ tiêu nào / no indicator columns');
    return null;
  }
  return { code, name, period, indicators: [...indicators], blank };
}
