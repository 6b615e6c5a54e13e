import ExcelJS from 'exceljs';
import { kindsOfLevel, type MapLevel } from '../../../geo/levels.ts';
import type { RequestContext } from '../../auth/context.ts';
import { badRequest } from '../../errors.ts';
import { csvDocument } from '../../exports/csv.ts';
import type { ExportsService } from '../../exports/exports.service.ts';
import { XLSX_TYPE, type DownloadFile } from '../../http/download.ts';
import type { IndicatorRow } from '../../indicators/indicators.repository.ts';
import { retired, type IndicatorsService } from '../../indicators/indicators.service.ts';
import type { IndicatorImportRepository } from './indicator-import.repository.ts';
import type { TemplateQuery } from './indicator-import.schemas.ts';
import { HEADER_CODE, HEADER_NAME, HEADER_PERIOD, indicatorHeader } from './sheet-columns.ts';

export interface TemplateRow {
  code: string;
  name: string;
  period: string;
}

/** The indicator sheet template as CSV (UTF-8 with BOM so Excel reads the Vietnamese headers). */
export function templateCsv(indicators: IndicatorRow[], rows: TemplateRow[]): Buffer {
  const header = [HEADER_CODE, HEADER_NAME, HEADER_PERIOD, ...indicators.map(indicatorHeader)];
  return csvDocument([header, ...rows.map((r) => [r.code, r.name, r.period, ...indicators.map(() => '')])]);
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

/** The indicator sheet template, empty or filled with the units a month's values are entered for. */
export class ImportTemplateService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly units: Pick<IndicatorImportRepository, 'unitsForMatching'>,
    private readonly exports: Pick<ExportsService, 'record'>,
  ) {}

  /**
   * The sheet to fill: the chosen indicators' columns (a ratio brings its numerator and
   * denominator), and with `period` one row per unit in scope they are entered for that month. A
   * template that lists units is recorded like any export.
   */
  async template(ctx: RequestContext, q: TemplateQuery): Promise<DownloadFile> {
    const keys = [...new Set(q.indicators.split(',').filter(Boolean))];
    const catalogue = new Map((await this.indicators.list()).map((i) => [i.key, i]));
    const chosen: IndicatorRow[] = [];
    const push = (key: string) => {
      const i = catalogue.get(key);
      if (!i) {
        throw badRequest(
          'indicator.unknown',
          `Chỉ tiêu không tồn tại / unknown indicator "${key}". Allowed: ${[...catalogue.keys()].join(', ')}`,
          { field: 'indicators', params: { indicator: key, allowed: [...catalogue.keys()] } },
        );
      }
      if (i.retired_at) throw retired(i, 'indicators');
      if (i.kind === 'ratio') {
        push(i.numerator_key!);
        push(i.denominator_key!);
      } else if (!chosen.includes(i)) chosen.push(i);
    };
    keys.forEach(push);
    if (!chosen.length) {
      throw badRequest('import.no_indicators', 'Chưa chọn chỉ tiêu / no indicators given', { field: 'indicators' });
    }
    let rows: TemplateRow[] = [];
    const period = q.period;
    if (period) {
      const kinds = [...new Set(chosen.map((i) => i.entry_level))].flatMap((l) => kindsOfLevel(l as MapLevel));
      const d = `${period}-01`;
      rows = (await this.units.unitsForMatching(kinds, ctx.scope))
        .filter((u) => u.in_scope && u.valid_from <= d && (u.valid_to === null || u.valid_to > d))
        .map((u) => ({ code: u.code, name: u.name, period }));
    }
    const fileName = `mau-nhap-chi-tieu${period ? `-${period}` : ''}.${q.format}`;
    await this.exports.record(ctx, {
      format: q.format,
      kind: 'template',
      detail: { file_name: fileName, indicators: chosen.map((i) => i.key), rows: rows.length },
    });
    if (q.format === 'xlsx') return { fileName, type: XLSX_TYPE, body: await templateXlsx(chosen, rows) };
    return { fileName, type: 'text/csv; charset=utf-8', body: templateCsv(chosen, rows) };
  }
}
