import ExcelJS from 'exceljs';
import type { IndicatorRow } from '../../indicators/indicators.repository.ts';
import { HEADER_CODE, HEADER_NAME, HEADER_PERIOD, indicatorHeader } from './indicator-import.service.ts';

export interface TemplateRow {
  code: string;
  name: string;
  period: string;
}

const quote = (s: string) => (/[",;\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The indicator sheet template as CSV (UTF-8 with BOM so Excel reads the Vietnamese headers). */
export function templateCsv(indicators: IndicatorRow[], rows: TemplateRow[]): Buffer {
  const header = [HEADER_CODE, HEADER_NAME, HEADER_PERIOD, ...indicators.map(indicatorHeader)];
  const lines = [header, ...rows.map((r) => [r.code, r.name, r.period, ...indicators.map(() => '')])];
  return Buffer.from('\uFEFF' + lines.map((l) => l.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** The same template as an XLSX workbook (codes and periods as text, so Excel keeps them as typed). */
export async function templateXlsx(indicators: IndicatorRow[], rows: TemplateRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTT Atlas';
  const ws = wb.addWorksheet('So lieu');
  ws.addRow([HEADER_CODE, HEADER_NAME, HEADER_PERIOD, ...indicators.map(indicatorHeader)]);
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow([r.code, r.name, r.period]);
  ws.getColumn(1).numFmt = '@';
  ws.getColumn(3).numFmt = '@';
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 28;
  ws.getColumn(3).width = 14;
  for (let i = 0; i < indicators.length; i++) ws.getColumn(4 + i).width = 24;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
