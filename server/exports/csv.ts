/**
 * CSV as the portal writes it for spreadsheets (plan exports, map data downloads): UTF-8 with a
 * BOM so Excel reads the Vietnamese, CRLF line ends, and cells that cannot run as formulas.
 */
export type CsvValue = string | number | null;

/** Byte order mark: Excel takes a BOM-less CSV for the legacy code page and garbles the diacritics. */
export const CSV_BOM = '\uFEFF';

/**
 * A cell as CSV text: a leading = + - @ (or tab/CR) is prefixed with ' so a spreadsheet shows it
 * instead of running it as a formula; quoted when it holds a separator, a quote or a line break.
 * Numbers are written as they are (a negative number is a number, not a formula).
 */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One line with its CRLF. */
export function csvLine(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole small document (BOM, lines); large ones are streamed line by line with `csvLine`. */
export function csvDocument(rows: readonly (readonly CsvValue[])[]): Buffer {
  return Buffer.from(CSV_BOM + rows.map(csvLine).join(''), 'utf8');
}
