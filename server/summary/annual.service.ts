import type { Scope } from '../auth/scope.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { AnnualRow } from './annual.schemas.ts';
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
  ) {}

  async table(year: number, scope: Scope): Promise<AnnualTable> {
    const [current, previous] = await Promise.all([this.summary.year(year, scope), this.summary.year(year - 1, scope)]);
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
}

/** The report's sections: indicators grouped by theme in the order themes first appear, catalogue order within. */
export function byTheme<T extends { theme: string }>(defs: readonly T[]): T[] {
  const themes = [...new Set(defs.map((d) => d.theme))];
  return themes.flatMap((theme) => defs.filter((d) => d.theme === theme));
}
