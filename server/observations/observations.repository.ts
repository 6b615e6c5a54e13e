import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** SQL for single values: one observation (indicator, unit, month), read and written. */
export class ObservationsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async get(
    indicator: string,
    unitId: number,
    period: string,
  ): Promise<{ value: number; demo: boolean; entered_by: number | null } | undefined> {
    return this.db
      .selectFrom('observation')
      .select(['value', 'demo', 'entered_by'])
      .where('indicator_key', '=', indicator)
      .where('unit_id', '=', unitId)
      .where('period', '=', `${period}-01`)
      .executeTakeFirst();
  }

  /** Sets a value entered by a user (no longer demo data, whoever entered it before). */
  async set(indicator: string, unitId: number, period: string, value: number, userId: number | null): Promise<void> {
    await sql`
      insert into observation (indicator_key, unit_id, period, value, entered_by, entered_at, demo)
      values (${indicator}, ${unitId}, ${`${period}-01`}::date, ${value}, ${userId}::int, now(), false)
      on conflict (indicator_key, unit_id, period) do update
        set value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at, demo = false
    `.execute(this.db);
  }
}
