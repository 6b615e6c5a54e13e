import ExcelJS from 'exceljs';
import { foldVietnamese } from '../../geo/text.ts';
import type { HotspotStatus } from '../../geo/units.ts';
import { csvDocument } from '../exports/csv.ts';
import type { PlanDetail } from './plans.schemas.ts';

export const EXPORT_HEADERS = [
  'STT',
  'Mã tổ',
  'Tên tổ dân phố/thôn',
  'Phường/xã',
  'Số hộ',
  'Ưu tiên',
  'Lý do chọn',
  'Đơn vị phụ trách',
  'Hạn hoàn thành',
  'Trạng thái điểm nóng',
] as const;

const HOTSPOT_STATUS_VI: Record<HotspotStatus, string> = {
  identified: 'Mới xác định',
  transforming: 'Đang chuyển hóa',
  transformed: 'Đã chuyển hóa',
  relapsed: 'Tái phức tạp',
};

const PLAN_STATUS_VI: Record<PlanDetail['status'], string> = {
  draft: 'Bản nháp',
  submitted: 'Đã trình',
  approved: 'Đã duyệt',
  returned: 'Bị trả lại',
  superseded: 'Đã được thay thế',
};

/** dd/mm/yyyy, as Vietnamese documents write dates. */
const viDate = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

export function exportRows(plan: PlanDetail): (string | number | null)[][] {
  return plan.items.map((item, i) => [
    i + 1,
    item.code,
    // The name told apart from same-named groups (its former ward after a merger), as on screen.
    item.displayName,
    item.wardName ?? '',
    item.households,
    item.priority,
    item.rationale,
    item.responsibleUnit,
    viDate(item.targetDate),
    item.hotspot ? HOTSPOT_STATUS_VI[item.hotspot.status] : 'Không phải địa bàn phức tạp',
  ]);
}

/** A file name from the plan's name without diacritics or anything a header or file system dislikes. */
export function exportFileName(plan: PlanDetail, ext: 'xlsx' | 'csv'): string {
  const base = foldVietnamese(plan.name)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `ke-hoach-${plan.id}${base ? '-' + base : ''}-lan-${plan.revision}.${ext}`;
}

/** The plan as CSV (the export's rows under its Vietnamese headers). */
export function planCsv(plan: PlanDetail): Buffer {
  return csvDocument([[...EXPORT_HEADERS], ...exportRows(plan)]);
}

export async function planXlsx(plan: PlanDetail): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ANTT Atlas';
  const ws = wb.addWorksheet('Ke hoach');
  ws.addRow([`Kế hoạch chuyển hóa: ${plan.name}`]).font = { bold: true, size: 13 };
  ws.addRow([
    `Năm ${plan.year} · lần ${plan.revision} · ${PLAN_STATUS_VI[plan.status]}` +
      (plan.approvedByName ? ` · duyệt bởi ${plan.approvedByName}` : ''),
  ]);
  if (plan.description) ws.addRow([plan.description]);
  ws.addRow([]);
  const header = ws.addRow([...EXPORT_HEADERS]);
  header.font = { bold: true };
  const headerRow = header.number;
  for (const row of exportRows(plan)) ws.addRow(row);
  ws.getColumn(2).numFmt = '@';
  const widths = [6, 14, 28, 24, 10, 8, 40, 24, 14, 22];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(7).alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: EXPORT_HEADERS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
