import ExcelJS from 'exceljs';
import type { AnnualTable } from './annual.service.ts';

// The catalogue's themes as the yearly report heads its sections (same names as the web's pickers).
const THEMES_VI: Readonly<Record<string, string>> = {
  population: 'Dân cư',
  safety_registration: 'Đăng ký "an toàn về ANTT"',
  movement: 'Phong trào toàn dân bảo vệ ANTQ',
  crime: 'Tội phạm và trật tự',
  hotspot: 'Địa bàn phức tạp',
};
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

export const ANNUAL_HEADERS = (year: number) => [
  'STT',
  'Chỉ tiêu',
  'Đơn vị tính',
  `Năm ${year}`,
  `Năm ${year - 1}`,
  'Tăng/giảm',
];

/**
 * The annual summary as a workbook in the yearly report's layout: a title, the header row, a
 * section row per theme, then one numbered row per indicator. Ratios are written as percentages.
 */
export async function annualXlsx(table: AnnualTable, demo: boolean, scopeLabel: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTT Atlas';
  const ws = wb.addWorksheet(`Nam ${table.year}`);
  ws.addRow([`TỔNG HỢP CHỈ TIÊU AN NINH, TRẬT TỰ NĂM ${table.year}`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 6);
  ws.addRow([`${scopeLabel}${demo ? ' — Dữ liệu minh họa / demo data' : ''}`]).font = { italic: true };
  ws.mergeCells(2, 1, 2, 6);
  const header = ws.addRow(ANNUAL_HEADERS(table.year));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });

  let theme: string | null = null;
  let section = 0;
  let n = 0;
  for (const r of table.rows) {
    if (r.theme !== theme) {
      theme = r.theme;
      const row = ws.addRow([ROMAN[section++] ?? String(section), THEMES_VI[r.theme] ?? r.theme]);
      row.font = { bold: true };
    }
    const k = r.scale ?? 1;
    const show = (v: number | null) => (v === null ? null : Math.round(v * k * 100) / 100);
    const row = ws.addRow([++n, r.name_vi, r.unit_vi, show(r.value), show(r.previous), show(r.change)]);
    row.getCell(6).numFmt = '+#,##0.##;-#,##0.##;0';
    row.getCell(4).numFmt = '#,##0.##';
    row.getCell(5).numFmt = '#,##0.##';
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 16;
  for (const c of [4, 5, 6]) ws.getColumn(c).width = 14;
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
