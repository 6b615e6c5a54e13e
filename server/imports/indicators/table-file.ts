import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import {
  csvDelimiter,
  decodeText,
  firstBadUtf8Line,
  looksBinary,
  settleEncoding,
  textStream,
  TextStreamError,
  type EncodingChoice,
  type EncodingInfo,
} from '../files/text-encoding.ts';
import { checkZipEntries, hasZipMagic, inflationLimit, readZipDirectory, ZipProblem } from '../files/zip.ts';

/** A cell as read from a file: text from CSV, text/number/date from XLSX; null when empty. */
export type Cell = string | number | Date | null;

export interface TableRow {
  /** 1-based line (CSV) or sheet row (XLSX) number, as the user sees it in their editor. */
  row: number;
  cells: Cell[];
}

export interface Table {
  format: 'csv' | 'xlsx';
  delimiter?: ',' | ';' | '\t';
  /** CSV: the text encoding read and how it was chosen; XLSX holds Unicode itself (null). */
  encoding: EncodingInfo | null;
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
/**
 * A cell that a spreadsheet would run as a formula (CSV/formula injection): anything starting with
 * = or @, and + or - followed by a letter or bracket (e.g. =HYPERLINK(…), -cmd|…). Plain signed
 * numbers (-5, +84 …) are data.
 */
export const FORMULA = /^\s*(?:[=@]|[+-]\s*[A-Za-z_(])/;

function fail(message: string, row: number | null = null, column: string | null = null): never {
  throw new TableFileError({ row, column, message });
}

/** A table read row by row: the header is known when it opens, rows stream from the file. */
export interface TableStream {
  format: 'csv' | 'xlsx';
  delimiter?: ',' | ';' | '\t';
  encoding: EncodingInfo | null;
  headers: string[];
  headerRow: number;
  /** Throws TableFileError part-way when the file turns out broken further down. */
  rows: AsyncIterable<TableRow>;
}

/** The first megabyte settles the encoding (a sheet's first rows may all be ASCII codes and numbers). */
const HEAD_BYTES = 1024 * 1024;

export interface OpenTableOptions {
  /** `auto` (default): a BOM, else UTF-8 if the text is UTF-8, else the legacy encoding that reads as Vietnamese. */
  encoding?: EncodingChoice | undefined;
}

/**
 * Opens an uploaded CSV (UTF-8, UTF-16 with BOM, Windows-1258, TCVN3 or VNI; comma, semicolon or
 * tab) or XLSX on disk and streams its rows: a 200 MB sheet is never held whole in memory.
 */
export async function openTable(path: string, filename: string, opts: OpenTableOptions = {}): Promise<TableStream> {
  const fd = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fd.read(buf, 0, HEAD_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
  if (hasZipMagic(head)) {
    // A workbook is a ZIP: its directory is checked before exceljs inflates anything (zip bombs).
    try {
      const { size } = await stat(path);
      checkZipEntries(await readZipDirectory(path), inflationLimit(size));
    } catch (e) {
      if (e instanceof ZipProblem && e.code === 'not_zip') {
        fail(
          'Tệp .xlsx không hợp lệ (bắt đầu bằng "PK" nhưng không phải tệp nén ZIP) / not a valid XLSX file (it starts with "PK" but is not a ZIP archive)',
        );
      }
      if (e instanceof ZipProblem) fail(`XLSX: ${e.message}`);
      throw e;
    }
  }
  return openSource(head, filename, () => createReadStream(path), opts);
}

/** Reads a whole table from memory (small files, tests). */
export async function readTable(buf: Buffer, filename: string, opts: OpenTableOptions = {}): Promise<Table> {
  const t = await openSource(buf.subarray(0, HEAD_BYTES), filename, () => Readable.from([buf]), opts);
  const rows: TableRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { ...t, rows };
}

async function openSource(
  head: Buffer,
  filename: string,
  source: () => Readable,
  opts: OpenTableOptions,
): Promise<TableStream> {
  if (head.length === 0) fail('Tệp rỗng / the file is empty');
  const looksXlsx = /\.xlsx$/i.test(filename);
  const isZip = head.subarray(0, 4).equals(ZIP_MAGIC);
  if (looksXlsx || isZip) {
    if (!isZip) fail('Tệp .xlsx không hợp lệ (không phải tệp nén ZIP) / not a valid XLSX file (not a ZIP archive)');
    return openXlsx(source);
  }
  if (/\.(xls|ods|numbers)$/i.test(filename) || head.subarray(0, 4).equals(OLE_MAGIC)) {
    fail(
      'Chỉ nhận CSV hoặc XLSX (Excel 97–2003 .xls: hãy lưu thành .xlsx) / only CSV or XLSX files are accepted (save an .xls as .xlsx)',
    );
  }
  if (opts.encoding !== 'utf-16' && looksBinary(head.subarray(0, 65536))) {
    fail(
      'Tệp không phải văn bản (dữ liệu nhị phân): cần CSV hoặc XLSX / not a text file (binary data): send CSV or XLSX',
    );
  }
  return openCsv(head, source, opts);
}

/** Excel 97–2003 workbooks (OLE compound files). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

function unknownEncoding(line: number | null): never {
  return fail(
    `Tệp không phải UTF-8${line ? ` (dòng ${line})` : ''} và không đọc được bằng Windows-1258, TCVN3 hay VNI: hãy chọn bảng mã hoặc lưu lại dưới dạng "CSV UTF-8" / ` +
      `the file is not UTF-8 text${line ? ` (line ${line})` : ''} and does not read as Windows-1258, TCVN3 or VNI: choose the encoding, or save it as "CSV UTF-8"`,
    line,
  );
}

function csvError(e: unknown): never {
  if (e instanceof TableFileError) throw e;
  if (e instanceof TextStreamError) {
    if (e.kind === 'binary') fail('Tệp chứa ký tự nhị phân / the file contains binary data (NUL bytes)');
    unknownEncoding(e.line);
  }
  const err = e as Error & { code?: string; lines?: number };
  const line = typeof err.lines === 'number' ? err.lines : null;
  const what =
    err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
      ? 'số cột khác dòng tiêu đề / the number of columns differs from the header'
      : err.code?.startsWith('CSV_QUOTE') || err.code === 'CSV_INVALID_CLOSING_QUOTE'
        ? 'dấu ngoặc kép không đóng đúng / broken quoting'
        : `CSV không hợp lệ / invalid CSV (${err.code ?? 'parse error'})`;
  fail(`Dòng ${line ?? '?'}: ${what}`, line);
}

async function openCsv(head: Buffer, source: () => Readable, opts: OpenTableOptions): Promise<TableStream> {
  // Settle the encoding on whole lines of the first megabyte.
  const cut = head.length === HEAD_BYTES ? head.lastIndexOf(0x0a) + 1 || head.length : head.length;
  const sample = head.subarray(0, cut);
  const encoding = settleEncoding(sample, { choice: opts.encoding });
  if (!encoding) unknownEncoding(firstBadUtf8Line(sample));
  const firstLine =
    decodeText(sample.subarray(0, 65536), encoding.name)
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  const delimiter = csvDelimiter(firstLine);
  const parser = parse({
    delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    bom: true,
    trim: false,
  });
  const input = source();
  const text = textStream(encoding.name);
  // Errors of the file stream and the decoder reach the parser, which the reader iterates.
  input.on('error', (e) => parser.destroy(e));
  text.on('error', (e) => parser.destroy(e));
  input.pipe(text).pipe(parser);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>;
  try {
    first = await records.next();
  } catch (e) {
    input.destroy();
    csvError(e);
  }
  if (first.done || first.value.record.every((c) => c.trim() === '')) {
    input.destroy();
    fail('Tệp rỗng / the file is empty');
  }
  const head0 = first.value;
  const nfc = (c: string) => c.trim().normalize('NFC');
  return {
    format: 'csv',
    delimiter,
    encoding,
    headers: head0.record.map(nfc),
    headerRow: head0.info.lines,
    rows: (async function* () {
      try {
        for (;;) {
          let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
          try {
            next = await records.next();
          } catch (e) {
            csvError(e);
          }
          if (next.done) return;
          const r = next.value;
          yield { row: r.info.lines, cells: r.record.map((c) => (c.trim() === '' ? null : nfc(c))) };
        }
      } finally {
        input.destroy();
      }
    })(),
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

function xlsxUnreadable(): never {
  fail(
    'Không đọc được tệp XLSX (hỏng hoặc không phải bảng tính) / cannot read the XLSX workbook (corrupt or not a spreadsheet)',
  );
}

/** Streams the first worksheet: the header is its first non-empty row. */
async function openXlsx(source: () => Readable): Promise<TableStream> {
  const input = source();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    // Styles are needed to tell dates from numbers.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  type SheetRow = { number: number; cellCount: number; getCell(c: number): { value: ExcelJS.CellValue } };
  let rows: AsyncIterator<SheetRow>;
  try {
    const sheets = reader[Symbol.asyncIterator]();
    const sheet = await sheets.next();
    if (sheet.done) fail('Bảng tính rỗng / the first worksheet is empty');
    rows = (sheet.value as unknown as AsyncIterable<SheetRow>)[Symbol.asyncIterator]();
  } catch (e) {
    input.destroy();
    if (e instanceof TableFileError) throw e;
    xlsxUnreadable();
  }
  let headers: string[] | null = null;
  const cellsOf = (row: SheetRow, width: number): Cell[] => {
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) {
      const v = cellValue(row.getCell(c).value);
      if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
        const col = headers?.[c - 1] ?? `#${c}`;
        fail(
          `Dòng ${row.number}, cột "${col}": ô chứa công thức / cell contains a formula (=${v.formula})`,
          row.number,
          col,
        );
      }
      cells.push(v);
    }
    return cells;
  };
  const next = async (): Promise<SheetRow | null> => {
    try {
      const r = await rows.next();
      return r.done ? null : r.value;
    } catch (e) {
      if (e instanceof TableFileError) throw e;
      xlsxUnreadable();
    }
  };
  let headerRow = 0;
  try {
    for (let row = await next(); row; row = await next()) {
      const cells = cellsOf(row, row.cellCount);
      if (cells.every((c) => c === null)) continue;
      headers = cells.map((c) => (c === null ? '' : String(c).trim()));
      headerRow = row.number;
      break;
    }
  } catch (e) {
    input.destroy();
    throw e;
  }
  if (!headers) {
    input.destroy();
    fail('Bảng tính rỗng / the first worksheet is empty');
  }
  const width = headers.length;
  return {
    format: 'xlsx',
    encoding: null,
    headers,
    headerRow,
    rows: (async function* () {
      try {
        for (let row = await next(); row; row = await next()) {
          if (
            row.cellCount > width &&
            cellsOf(row, row.cellCount)
              .slice(width)
              .some((c) => c !== null)
          ) {
            fail(
              `Dòng ${row.number}: có giá trị ngoài các cột có tiêu đề / a value beyond the header's columns`,
              row.number,
            );
          }
          const cells = cellsOf(row, width);
          if (cells.every((c) => c === null)) continue;
          yield { row: row.number, cells };
        }
      } finally {
        input.destroy();
      }
    })(),
  };
}
