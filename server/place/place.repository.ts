import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';

export interface TopUnit {
  code: string;
  name: string;
  short_name: string;
  kind: string;
}

/** SQL of the deployment's place: the unit above every ward, and the wards' extent. */
export class PlaceRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * The lowest unit that every ward valid on `at` lies under (through the parent links valid on
   * `at`), or undefined when the wards share none. Read over all wards, not one user's: it is the
   * deployment's name, the same in every header.
   */
  async commonAncestor(wardKinds: readonly string[], at: string): Promise<TopUnit | undefined> {
    const { rows } = await sql<TopUnit>`
      with recursive wards as (
        select u.id from admin_unit u
        where u.kind = any(${[...wardKinds]}::text[]) and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
      ),
      up(ward, unit, depth) as (
        select w.id, l.parent_id, 1 from wards w
        join unit_parent l on l.child_id = w.id and l.valid_from <= ${at}::date and (l.valid_to is null or l.valid_to > ${at}::date)
        union all
        select up.ward, l.parent_id, up.depth + 1 from up
        join unit_parent l on l.child_id = up.unit and l.valid_from <= ${at}::date and (l.valid_to is null or l.valid_to > ${at}::date)
        where up.depth < 8
      )
      select a.code, a.name, a.short_name, a.kind from up join admin_unit a on a.id = up.unit
      group by a.id, a.code, a.name, a.short_name, a.kind
      having count(distinct up.ward) = (select count(*) from wards)
      order by min(up.depth), a.id
      limit 1`.execute(this.db);
    return rows[0];
  }

  /** The extent of the wards valid on `at` in the scope, and how many there are. */
  async wardsExtent(
    wardKinds: readonly string[],
    at: string,
    scope: Scope,
  ): Promise<{ bbox: [number, number, number, number] | null; wards: number }> {
    const { rows } = await sql<{ w: number | null; s: number | null; e: number | null; n: number | null; k: number }>`
      select ST_XMin(x) as w, ST_YMin(x) as s, ST_XMax(x) as e, ST_YMax(x) as n, k from (
        select ST_Extent(u.geom)::box2d as x, count(*)::int as k from admin_unit u
        where u.kind = any(${[...wardKinds]}::text[]) and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
          and ${inScope(scope, 'u.id')}
      ) e`.execute(this.db);
    const r = rows[0];
    if (!r || r.w === null || r.s === null || r.e === null || r.n === null)
      return { bbox: null, wards: Number(r?.k ?? 0) };
    const round = (v: number) => Math.round(Number(v) * 1e6) / 1e6;
    return { bbox: [round(r.w), round(r.s), round(r.e), round(r.n)], wards: Number(r.k) };
  }
}
