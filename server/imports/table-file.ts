import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/** A cell as read from a file: text from CSV, text/number/date from XLSX; null when empty. */
export type Cell = string | number | Date | null;

export interface TableRow {
  /** 1-based line (CSV) or sheet row (XLSX) number, as the user sees it in their editor. */
  row: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  delimiter?: ',' | ';';
  /** Header cells, as text. */
  headers: string[];
  headerRow: number;
  rows: TableRow[];
}

export interface FileProblem {
  row: number | null;
  column: string | null;
  message: string;
}

/** The file cannot be read as a table at all (encoding, quoting, not a workbook…). */
export class TableFileError extends Error {
  constructor(readonly problem: FileProblem) {
    super(problem.message);
    this.name = 'TableFileError';
  }
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/**
 * A cell that a spreadsheet would run as a formula (CSV/formula injection): anything starting with
 * = or @, and + or - followed by a letter or bracket (e.g. =HYPERLINK(…), -cmd|…). Plain signed
 * numbers (-5, +84 …) are data.
 */
export const FORMULA = /^\s*(?:[=@]|[+-]\s*[A-Za-z_(])/;

function fail(message: string, row: number | null = null, column: string | null = null): never {
  throw new TableFileError({ row, column, message });
}

/** Reads an uploaded CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX into rows. */
export async function readTable(buf: Buffer, filename: string): Promise<Table> {
  if (buf.length === 0) fail('Tệp rỗng / the file is empty');
  const looksXlsx = /\.xlsx$/i.test(filename);
  const isZip = buf.subarray(0, 4).equals(ZIP_MAGIC);
  if (looksXlsx || isZip) {
    if (!isZip) fail('Tệp .xlsx không hợp lệ (không phải tệp nén ZIP) / not a valid XLSX file (not a ZIP archive)');
    return readXlsx(buf);
  }
  if (/\.(xls|ods|numbers)$/i.test(filename)) {
    fail('Chỉ nhận CSV hoặc XLSX / only CSV (UTF-8) or XLSX files are accepted');
  }
  return readCsv(buf);
}

function readCsv(raw: Buffer): Table {
  const buf = raw.subarray(0, 3).equals(UTF8_BOM) ? raw.subarray(3) : raw;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Name the first line that is not UTF-8 (Latin-1 or Windows-1258 exports, binary junk).
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    fail(
      `Tệp không phải UTF-8 (dòng ${line}); hãy lưu lại dưới dạng "CSV UTF-8" / the file is not UTF-8 text (line ${line}); save it as "CSV UTF-8"`,
      line,
    );
  }
  if (text.includes('\u0000')) fail('Tệp chứa ký tự nhị phân / the file contains binary data (NUL bytes)');
  if (!text.trim()) fail('Tệp rỗng / the file is empty');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      bom: true,
      trim: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    const err = e as Error & { code?: string; lines?: number; record?: unknown };
    const line = typeof err.lines === 'number' ? err.lines : null;
    const what =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? 'số cột khác dòng tiêu đề / the number of columns differs from the header'
        : err.code?.startsWith('CSV_QUOTE') || err.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'dấu ngoặc kép không đóng đúng / broken quoting'
          : `CSV không hợp lệ / invalid CSV (${err.code ?? 'parse error'})`;
    fail(`Dòng ${line ?? '?'}: ${what}`, line);
  }
  const [head, ...body] = records;
  if (!head) fail('Tệp rỗng / the file is empty');
  return {
    format: 'csv',
    delimiter,
    headers: head.record.map((h) => h.trim()),
    headerRow: head.info.lines,
    rows: body.map((r) => ({ row: r.info.lines, cells: r.record.map((c) => (c.trim() === '' ? null : c.trim())) })),
  };
}

function cellValue(v: ExcelJS.CellValue): Cell | { formula: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { formula: String((v as { formula?: string }).formula ?? '') };
    if ('richText' in v)
      return (
        v.richText
          .map((t) => t.text)
          .join('')
          .trim() || null
      );
    if ('text' in v) return String(v.text).trim() || null;
    if ('error' in v) return String(v.error);
  }
  return String(v as unknown);
}

async function readXlsx(buf: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    fail(
      'Không đọc được tệp XLSX (hỏng hoặc không phải bảng tính) / cannot read the XLSX workbook (corrupt or not a spreadsheet)',
    );
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) fail('Bảng tính rỗng / the first worksheet is empty');
  const width = sheet.columnCount;
  let headers: string[] | null = null;
  let headerRow = 0;
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const v = cellValue(row.getCell(c).value);
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
        const col = headers?.[c - 1] ?? `#${c}`;
        fail(`Dòng ${n}, cột "${col}": ô chứa công thức / cell contains a formula (=${v.formula})`, n, col);
      }
      cells.push(v);
    }
    if (cells.every((c) => c === null)) return;
    if (!headers) {
      headers = cells.map((c) => (c === null ? '' : String(c).trim()));
      headerRow = n;
    } else rows.push({ row: n, cells });
  });
  if (!headers) fail('Bảng tính rỗng / the first worksheet is empty');
  return { format: 'xlsx', headers, headerRow, rows };
}
