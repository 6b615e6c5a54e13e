import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';

export interface CellRow {
  unit_id: number;
  period: string; // YYYY-MM
  value: number;
  reexpressed: boolean;
}

export interface ObservationInput {
  indicator_key: string;
  unit_id: number;
  period: string; // YYYY-MM
  value: number;
}

/**
 * Reads observations as (unit, period) cells for the units of one boundary version. Aggregation
 * across space happens here, in SQL, by the rule the caller passes; the service combines cells
 * into the matrix and applies ratios.
 */
export class ValuesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Cells for target units at their own level: their own observations, and where a unit has none
   * for a month (it did not exist yet, or has ceased), the observations of the units of another
   * boundary version re-expressed through the crosswalk (shares of households, else of area).
   */
  async ownCells(indicator: string, unitIds: number[], from: string, to: string, scope: Scope): Promise<CellRow[]> {
    if (unitIds.length === 0) return [];
    const result = await sql<CellRow>`
      with target as (select unnest(${unitIds}::int[]) as id),
      direct as (
        select o.unit_id, o.period, o.value
        from observation o join target t on t.id = o.unit_id
        where o.indicator_key = ${indicator} and o.period between ${from + '-01'}::date and ${to + '-01'}::date
      ),
      via as (
        select c.to_unit_id as unit_id, o.period, sum(o.value * coalesce(c.household_share, c.area_share)) as value
        from boundary_crosswalk c
        join target t on t.id = c.to_unit_id
        join observation o on o.unit_id = c.from_unit_id
        where o.indicator_key = ${indicator} and o.period between ${from + '-01'}::date and ${to + '-01'}::date
          and ${inScope(scope, 'c.from_unit_id')} -- re-expressed values draw only on visible units
        group by c.to_unit_id, o.period
      )
      select unit_id, to_char(period, 'YYYY-MM') as period, value, false as reexpressed from direct
      union all
      select v.unit_id, to_char(v.period, 'YYYY-MM'), v.value, true from via v
      where not exists (select 1 from direct d where d.unit_id = v.unit_id and d.period = v.period)
    `.execute(this.db);
    return result.rows;
  }

  /** Cells for target units summed from their children as linked on `at` (groups → wards). */
  async childSumCells(indicator: string, unitIds: number[], at: string, from: string, to: string): Promise<CellRow[]> {
    if (unitIds.length === 0) return [];
    const result = await sql<CellRow>`
      select l.parent_id as unit_id, to_char(o.period, 'YYYY-MM') as period, sum(o.value) as value, false as reexpressed
      from unit_parent l
      join observation o on o.unit_id = l.child_id
      where l.parent_id = any(${unitIds}::int[])
        and l.valid_from <= ${at}::date and (l.valid_to is null or l.valid_to > ${at}::date)
        and o.indicator_key = ${indicator} and o.period between ${from + '-01'}::date and ${to + '-01'}::date
      group by l.parent_id, o.period
    `.execute(this.db);
    return result.rows;
  }

  /** Bulk insert in chunks through unnest so one statement carries many rows on both backends. */
  async insertMany(rows: ObservationInput[], demo: boolean, chunk = 20_000): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await sql`
        insert into observation (indicator_key, unit_id, period, value, demo)
        select k, u, (p || '-01')::date, v, ${demo}
        from unnest(${part.map((r) => r.indicator_key)}::text[], ${part.map((r) => r.unit_id)}::int[],
                    ${part.map((r) => r.period)}::text[], ${part.map((r) => r.value)}::float8[]) as t(k, u, p, v)
      `.execute(this.db);
    }
  }
}
