import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
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

/** A table read row by row: the header is known when it opens, rows stream from the file. */
export interface TableStream {
  format: 'csv' | 'xlsx';
  delimiter?: ',' | ';';
  headers: string[];
  headerRow: number;
  /** Throws TableFileError part-way when the file turns out broken further down. */
  rows: AsyncIterable<TableRow>;
}

const HEAD_BYTES = 64 * 1024;

/**
 * Opens an uploaded CSV (UTF-8, with or without BOM, comma or semicolon) or XLSX on disk and
 * streams its rows: a 200 MB sheet is never held whole in memory.
 */
export async function openTable(path: string, filename: string): Promise<TableStream> {
  const fd = await open(path, 'r');
  let head: Buffer;
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await fd.read(buf, 0, HEAD_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fd.close();
  }
  return openSource(head, filename, () => createReadStream(path));
}

/** Reads a whole table from memory (small files, tests). */
export async function readTable(buf: Buffer, filename: string): Promise<Table> {
  const t = await openSource(buf.subarray(0, HEAD_BYTES), filename, () => Readable.from([buf]));
  const rows: TableRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { ...t, rows };
}

async function openSource(head: Buffer, filename: string, source: () => Readable): Promise<TableStream> {
  if (head.length === 0) fail('Tệp rỗng / the file is empty');
  const looksXlsx = /\.xlsx$/i.test(filename);
  const isZip = head.subarray(0, 4).equals(ZIP_MAGIC);
  if (looksXlsx || isZip) {
    if (!isZip) fail('Tệp .xlsx không hợp lệ (không phải tệp nén ZIP) / not a valid XLSX file (not a ZIP archive)');
    return openXlsx(source);
  }
  if (/\.(xls|ods|numbers)$/i.test(filename)) {
    fail('Chỉ nhận CSV hoặc XLSX / only CSV (UTF-8) or XLSX files are accepted');
  }
  return openCsv(head, source);
}

/** The line (1-based) of the first byte sequence in `chunk` that is not UTF-8, counting from `line`. */
function badUtf8Line(chunk: Buffer, line: number): number {
  let start = 0;
  // A chunk may begin inside a character carried over from the previous one: skip its tail bytes.
  while (start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
  for (let i = start; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** Decodes UTF-8 strictly as it streams, naming the first line that is not UTF-8 or holds NUL bytes. */
function utf8Text(): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  const notUtf8 = (at: number) =>
    new TableFileError({
      row: at,
      column: null,
      message: `Tệp không phải UTF-8 (dòng ${at}); hãy lưu lại dưới dạng "CSV UTF-8" / the file is not UTF-8 text (line ${at}); save it as "CSV UTF-8"`,
    });
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return done(notUtf8(badUtf8Line(chunk, line)));
      }
      if (text.includes('\u0000')) {
        return done(
          new TableFileError({
            row: null,
            column: null,
            message: 'Tệp chứa ký tự nhị phân / the file contains binary data (NUL bytes)',
          }),
        );
      }
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, decoder.decode());
      } catch {
        done(notUtf8(line));
      }
    },
  });
}

function csvError(e: unknown): never {
  if (e instanceof TableFileError) throw e;
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

async function openCsv(head: Buffer, source: () => Readable): Promise<TableStream> {
  const body = head.subarray(0, 3).equals(UTF8_BOM) ? head.subarray(3) : head;
  const firstLine = body.toString('utf8').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const parser = parse({
    delimiter,
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    bom: true,
    trim: false,
  });
  const input = source();
  const text = utf8Text();
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
  return {
    format: 'csv',
    delimiter,
    headers: head0.record.map((h) => h.trim()),
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
          yield { row: r.info.lines, cells: r.record.map((c) => (c.trim() === '' ? null : c.trim())) };
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
