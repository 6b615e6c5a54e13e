import type { RequestContext } from '../auth/context.ts';
import type { ExportsService } from '../exports/exports.service.ts';
import { XLSX_TYPE, type DownloadFile } from '../http/download.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { AnnualRow } from './annual.schemas.ts';
import { annualXlsx } from './annual.xlsx.ts';
import type { SummaryService } from './summary.service.ts';

export interface AnnualTable {
  year: number;
  previousYear: number;
  rows: AnnualRow[];
}

/**
 * The yearly report's table: every city-level indicator's total for a year beside the year before,
 * in catalogue order grouped by theme, at the caller's scope (a ward-scoped user gets their wards' totals).
 */
export class AnnualSummaryService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly summary: SummaryService,
    private readonly exports: Pick<ExportsService, 'record'>,
    private readonly isDemo: () => Promise<boolean>,
  ) {}

  async table(ctx: RequestContext, year: number): Promise<AnnualTable> {
    const [current, previous] = await Promise.all([this.summary.year(ctx, year), this.summary.year(ctx, year - 1)]);
    const defs = byTheme((await this.indicators.list()).filter((d) => d.levels.includes('city')));
    const rows = defs.map((d): AnnualRow => {
      const value = current.indicators[d.key] ?? null;
      const before = previous.indicators[d.key] ?? null;
      return {
        key: d.key,
        name_vi: d.name_vi,
        name_en: d.name_en,
        unit_vi: d.unit_vi,
        unit_en: d.unit_en,
        theme: d.theme,
        kind: d.kind,
        scale: d.scale ?? null,
        value,
        previous: before,
        change: value === null || before === null ? null : value - before,
      };
    });
    return { year, previousYear: year - 1, rows };
  }

  /** The table as the report's workbook (recorded as an export before it is sent). */
  async workbook(ctx: RequestContext, year: number): Promise<DownloadFile> {
    const table = await this.table(ctx, year);
    const scopeLabel = ctx.scope.all ? 'Toàn thành phố' : 'Trong phạm vi được giao';
    const body = await annualXlsx(table, await this.isDemo(), scopeLabel);
    const fileName = `tong-hop-nam-${table.year}.xlsx`;
    await this.exports.record(ctx, {
      format: 'xlsx',
      kind: 'annual_summary',
      detail: { year: table.year, file_name: fileName, rows: table.rows.length },
    });
    return { fileName, type: XLSX_TYPE, body };
  }
}

/** The report's sections: indicators grouped by theme in the order themes first appear, catalogue order within. */
export function byTheme<T extends { theme: string }>(defs: readonly T[]): T[] {
  const themes = [...new Set(defs.map((d) => d.theme))];
  return themes.flatMap((theme) => defs.filter((d) => d.theme === theme));
}
