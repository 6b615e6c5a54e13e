import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { VersionChange } from './boundaries.schemas.ts';

/** A change day of a level and how many of its units are valid from that day on. */
export interface ChangeDay {
  day: string;
  units: number;
}

/** One count of one kind of change on one day. */
export interface ChangeCount {
  day: string;
  what: keyof VersionChange;
  n: number;
}

/** Crosswalk shares above which an old unit counts as part of a merger / a split. */
export const MERGED_SHARE = 0.5;
export const SPLIT_SHARE = 0.1;

/**
 * SQL over the dated units, their dated parent links and the crosswalk, read as boundary versions:
 * a level's version changes on every day one of its units (in scope) starts or ends, or one of them
 * gets another parent.
 */
export class BoundariesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async changeDays(kinds: readonly string[], scope: Scope): Promise<ChangeDay[]> {
    const k = [...kinds];
    const { rows } = await sql<ChangeDay>`
      with mine as (select u.id, u.valid_from, u.valid_to from admin_unit u where u.kind = any(${k}::text[]) and ${inScope(scope, 'u.id')}),
      days as (
        select valid_from as day from mine
        union select valid_to from mine where valid_to is not null
        union select l.valid_from from unit_parent l join mine m on m.id = l.child_id
        union select l.valid_to from unit_parent l join mine m on m.id = l.child_id where l.valid_to is not null
      )
      select d.day::text as day,
             (select count(*)::int from mine m where m.valid_from <= d.day and (m.valid_to is null or m.valid_to > d.day)) as units
      from days d order by d.day`.execute(this.db);
    return rows;
  }

  /** Every change counted per day (only days with a change of that kind appear). */
  async changes(kinds: readonly string[], scope: Scope): Promise<ChangeCount[]> {
    const k = [...kinds];
    // Crosswalk rows from an old unit to the new one that starts the day it ends, both in scope.
    const { rows } = await sql<ChangeCount>`
      with mine as (select u.id, u.valid_from, u.valid_to from admin_unit u where u.kind = any(${k}::text[]) and ${inScope(scope, 'u.id')}),
      xw as (
        select f.id as old_id, t.id as new_id, f.valid_to as day, c.area_share
        from boundary_crosswalk c join mine f on f.id = c.from_unit_id join mine t on t.id = c.to_unit_id
        where f.valid_to = t.valid_from
      )
      select valid_from::text as day, 'opened' as what, count(*)::int as n from mine group by valid_from
      union all
      select valid_to::text, 'closed', count(*)::int from mine where valid_to is not null group by valid_to
      union all
      select day::text, 'merged', count(*)::int from (
        select day, new_id from xw where area_share >= ${MERGED_SHARE} group by day, new_id having count(*) >= 2) m group by day
      union all
      select day::text, 'merged_from', sum(k)::int from (
        select day, count(*) as k from xw where area_share >= ${MERGED_SHARE} group by day, new_id having count(*) >= 2) m group by day
      union all
      select day::text, 'redrawn', count(*)::int from (
        select day, new_id from xw where area_share >= ${MERGED_SHARE} group by day, new_id having count(*) = 1) r group by day
      union all
      select day::text, 'split', count(*)::int from (
        select day, old_id from xw where area_share >= ${SPLIT_SHARE} group by day, old_id having count(*) >= 2) s group by day
      union all
      select m.valid_from::text, 'new', count(*)::int from mine m
        where not exists (select 1 from xw where xw.new_id = m.id) group by m.valid_from
      union all
      select m.valid_to::text, 'retired', count(*)::int from mine m
        where m.valid_to is not null and not exists (select 1 from xw where xw.old_id = m.id) group by m.valid_to
      union all
      select l.valid_from::text, 'relinked', count(distinct l.child_id)::int from unit_parent l join mine m on m.id = l.child_id
        where m.valid_from < l.valid_from group by l.valid_from`.execute(this.db);
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }
}
