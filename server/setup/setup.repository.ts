import { sql, type Kysely } from 'kysely';
import { GROUP_KINDS, WARD_KINDS } from '../../geo/units.ts';
import type { DB } from '../db/schema.ts';

/** Counts for the first-run guide: each a cheap index lookup, not a scan of the observations. */
export class SetupRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async counts(at: string): Promise<{ wards: number; groups: number; indicators: number; with_data: number }> {
    const { rows } = await sql<{ wards: string; group_count: string; indicators: string; with_data: string }>`
      select
        (select count(*) from admin_unit u where u.kind = any(${[...WARD_KINDS]}::text[])
           and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)) as wards,
        (select count(*) from admin_unit u where u.kind = any(${[...GROUP_KINDS]}::text[])
           and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)) as group_count,
        (select count(*) from indicator) as indicators,
        (select count(*) from indicator i where exists (select 1 from observation o where o.indicator_key = i.key))
          as with_data`.execute(this.db);
    const r = rows[0]!;
    return {
      wards: Number(r.wards),
      groups: Number(r.group_count),
      indicators: Number(r.indicators),
      with_data: Number(r.with_data),
    };
  }
}
