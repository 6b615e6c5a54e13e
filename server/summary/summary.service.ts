import type { RequestContext } from '../auth/context.ts';
import type { IndicatorRow } from '../indicators/indicators.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { ValuesService } from '../values/values.service.ts';

export interface YearSummary {
  year: number;
  at: string;
  indicators: Record<string, number | null>;
}

/**
 * City totals for a year by each indicator's rules: flows sum their months, stocks take each unit's
 * last month with data; wards sum into the city; ratios divide the totals of their parts.
 */
export class SummaryService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly values: ValuesService,
  ) {}

  async year(ctx: RequestContext, year: number): Promise<YearSummary> {
    const { scope } = ctx;
    const at = `${year}-12-31`;
    const defs = (await this.indicators.list()).filter((d) => d.levels.includes('city'));
    const totals = new Map<string, number | null>();
    const base = async (def: IndicatorRow): Promise<number | null> => {
      if (totals.has(def.key)) return totals.get(def.key) ?? null;
      const m = await this.values.matrix({
        indicator: def.key,
        level: 'ward',
        from: `${year}-01`,
        to: `${year}-12`,
        at,
        scope,
      });
      let total: number | null = null;
      for (const row of m.values) {
        const v = def.time_rule === 'last' ? lastNonNull(row) : sumNonNull(row);
        if (v !== null) total = (total ?? 0) + v;
      }
      totals.set(def.key, total);
      return total;
    };
    const out: Record<string, number | null> = {};
    for (const def of defs) {
      if (def.kind === 'ratio' && def.numerator_key && def.denominator_key) {
        const num = await base(await this.indicators.get(def.numerator_key));
        const den = await base(await this.indicators.get(def.denominator_key));
        out[def.key] = num === null || den === null || den === 0 ? null : num / den;
      } else {
        out[def.key] = await base(def);
      }
    }
    return { year, at, indicators: out };
  }
}

function sumNonNull(row: (number | null)[]): number | null {
  let s: number | null = null;
  for (const v of row) if (v !== null) s = (s ?? 0) + v;
  return s;
}

function lastNonNull(row: (number | null)[]): number | null {
  for (let j = row.length - 1; j >= 0; j--) {
    const v = row[j];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}
