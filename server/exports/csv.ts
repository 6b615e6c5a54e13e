/**
 * CSV files the server writes (plan exports, import templates): one cell rule and one file rule,
 * so a spreadsheet opening any of them shows text as text and Vietnamese as Vietnamese.
 */

/**
 * A cell as CSV text: a leading = + - @ (or tab/CR) is prefixed with ' so a spreadsheet shows it
 * instead of running it as a formula; quoted when it holds a separator, a quote or a line break.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as a CSV file: UTF-8 with a BOM (so Excel reads the diacritics), CRLF line ends. */
export function csvFile(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.from('\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n', 'utf8');
}
