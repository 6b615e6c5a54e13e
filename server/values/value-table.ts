import type { MapLevel } from '../../geo/levels.ts';
import { monthIndex } from '../../geo/periods.ts';
import type { Scope } from '../auth/scope.ts';
import type { ValuesService } from './values.service.ts';

export interface ValueTableQuery {
  indicators: readonly string[];
  /** Months, YYYY-MM, in the order the columns should have. */
  periods: readonly string[];
  level: MapLevel;
  /** Boundary date: the units whose values are computed (as /api/values `at`). */
  at: string;
  scope: Scope;
}

export interface ValueTable {
  /** Column names, indicator-major: `<key>_<YYYY>_<MM>` (e.g. `drug_cases_2017_12`). */
  columns: { name: string; indicator: string; period: string }[];
  /** The row of a unit (one value per column, null when missing), or all nulls for a unit not in the table. */
  row(unitId: number): (number | null)[];
}

/** `drug_cases` in 2017-12 → `drug_cases_2017_12`: one name in OGC properties, files and field lists. */
export const valueColumnName = (indicator: string, period: string) => `${indicator}_${period.replace('-', '_')}`;

/**
 * Indicator values as columns beside units (OGC features, downloads), taken from the values service
 * — the same matrix /api/values sends the map, so a value in QGIS equals the value on the map — one
 * matrix per indicator over the span of the months asked for.
 */
export async function valueTable(values: ValuesService, q: ValueTableQuery): Promise<ValueTable> {
  const columns = q.indicators.flatMap((indicator) =>
    q.periods.map((period) => ({ name: valueColumnName(indicator, period), indicator, period })),
  );
  if (!columns.length) return { columns, row: () => [] };
  const sorted = [...q.periods].sort();
  const from = sorted[0]!;
  const to = sorted[sorted.length - 1]!;
  const grids = await Promise.all(
    q.indicators.map((indicator) => values.grid({ indicator, level: q.level, from, to, at: q.at, scope: q.scope })),
  );
  const rowOf = grids.map((g) => {
    const m = new Map<number, number>();
    for (let i = 0; i < g.ids.length; i++) m.set(g.ids[i]!, i);
    return m;
  });
  const offsets = q.periods.map((p) => monthIndex(p) - monthIndex(from));
  return {
    columns,
    row(unitId) {
      const out: (number | null)[] = [];
      grids.forEach((g, k) => {
        const i = rowOf[k]!.get(unitId);
        const width = g.periods.length;
        for (const j of offsets) {
          const v = i === undefined ? NaN : g.values[i * width + j]!;
          out.push(v === v ? v : null);
        }
      });
      return out;
    },
  };
}
