import { kindsOfLevel, type MapLevel } from '../../geo/levels.ts';
import { monthIndex, monthRange } from '../../geo/periods.ts';
import type { Scope } from '../auth/scope.ts';
import { badRequest } from '../errors.ts';
import type { IndicatorRow } from '../indicators/indicators.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { CellRow, ValuesRepository } from './values.repository.ts';

export const MAX_PERIODS = 240;

export interface ValuesQuery {
  indicator: string;
  level: MapLevel;
  from: string;
  to: string;
  at: string;
  scope: Scope;
}

export interface ValuesMatrix {
  indicator: string;
  level: MapLevel;
  at: string;
  periods: string[];
  ids: number[];
  /** values[i][j]: unit ids[i] in periods[j]; null when missing. */
  values: (number | null)[][];
  /** [i, j] of cells re-expressed from another boundary version through the crosswalk. */
  reexpressed: [number, number][];
}

/**
 * The values contract: all periods of one indicator for the units of one boundary version, with
 * groups summed into wards by the indicator's rules and ratios formed from summed parts.
 */
export class ValuesService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly units: UnitsRepository,
    private readonly values: ValuesRepository,
  ) {}

  async matrix(q: ValuesQuery): Promise<ValuesMatrix> {
    if (monthIndex(q.from) > monthIndex(q.to)) {
      throw badRequest(`"from" (${q.from}) phải trước "to" (${q.to}) / from must not be after to`, 'from');
    }
    const periods = monthRange(q.from, q.to);
    if (periods.length > MAX_PERIODS) {
      throw badRequest(`Tối đa ${MAX_PERIODS} tháng / at most ${MAX_PERIODS} months per request`, 'to');
    }
    const def = await this.indicators.get(q.indicator);
    if (!def.levels.includes(q.level)) {
      throw badRequest(
        `Chỉ tiêu "${def.key}" không có ở cấp "${q.level}" / not available at level ${q.level}; levels: ${def.levels.join(', ')}`,
        'level',
      );
    }
    const ids = await this.units.idsAt(kindsOfLevel(q.level), q.at, q.scope);
    const grid = await this.grid(def, q, ids, periods);
    return { indicator: def.key, level: q.level, at: q.at, periods, ids, ...grid };
  }

  private async grid(def: IndicatorRow, q: ValuesQuery, ids: number[], periods: string[]) {
    if (def.kind === 'ratio' && def.numerator_key && def.denominator_key) {
      const [num, den] = await Promise.all([
        this.baseGrid(await this.indicators.get(def.numerator_key), q, ids, periods),
        this.baseGrid(await this.indicators.get(def.denominator_key), q, ids, periods),
      ]);
      const values = num.values.map((row, i) =>
        row.map((n, j) => {
          const d = den.values[i]?.[j];
          return n === null || d === null || d === undefined || d === 0 ? null : n / d;
        }),
      );
      const seen = new Set<string>();
      const reexpressed = [...num.reexpressed, ...den.reexpressed].filter(([i, j]) => {
        const k = `${i}:${j}`;
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
      return { values, reexpressed };
    }
    return this.baseGrid(def, q, ids, periods);
  }

  private async baseGrid(def: IndicatorRow, q: ValuesQuery, ids: number[], periods: string[]) {
    let cells: CellRow[];
    if (def.entry_level === q.level) {
      cells = await this.values.ownCells(def.key, ids, q.from, q.to, q.scope);
    } else if (def.entry_level === 'group' && q.level === 'ward') {
      cells = await this.values.childSumCells(def.key, ids, q.at, q.from, q.to);
    } else {
      throw badRequest(`Chỉ tiêu "${def.key}" không có ở cấp "${q.level}"`, 'level');
    }
    const row = new Map(ids.map((id, i) => [id, i]));
    const col = new Map(periods.map((p, j) => [p, j]));
    const values: (number | null)[][] = ids.map(() => periods.map(() => null));
    const reexpressed: [number, number][] = [];
    for (const c of cells) {
      const i = row.get(c.unit_id);
      const j = col.get(c.period);
      if (i === undefined || j === undefined) continue;
      (values[i] as (number | null)[])[j] = Number(c.value);
      if (c.reexpressed) reexpressed.push([i, j]);
    }
    return { values, reexpressed };
  }
}
