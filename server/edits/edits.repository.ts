import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { EditableUnit } from './edits.schemas.ts';

export type { EditableUnit } from './edits.schemas.ts';

/** SQL for single-value and unit-attribute corrections. */
export class EditsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async unit(id: number, scope: Scope): Promise<EditableUnit | undefined> {
    return this.db
      .selectFrom('admin_unit as u')
      .select([
        'u.id',
        'u.code',
        'u.name',
        'u.short_name',
        'u.kind',
        'u.households',
        'u.population',
        'u.valid_from',
        'u.valid_to',
      ])
      .select(inScope(scope, 'u.id').as('in_scope'))
      .where('u.id', '=', id)
      .executeTakeFirst();
  }

  async updateUnit(
    id: number,
    patch: { name?: string; short_name?: string; households?: number | null; population?: number | null },
    searchText: string,
  ): Promise<void> {
    await this.db
      .updateTable('admin_unit')
      .set({ ...patch, search_text: searchText })
      .where('id', '=', id)
      .execute();
  }

  async observation(indicator: string, unitId: number, period: string) {
    return this.db
      .selectFrom('observation')
      .select(['value', 'demo', 'entered_by'])
      .where('indicator_key', '=', indicator)
      .where('unit_id', '=', unitId)
      .where('period', '=', `${period}-01`)
      .executeTakeFirst();
  }

  async upsertObservation(indicator: string, unitId: number, period: string, value: number, userId: number | null) {
    await sql`
      insert into observation (indicator_key, unit_id, period, value, entered_by, entered_at, demo)
      values (${indicator}, ${unitId}, ${`${period}-01`}::date, ${value}, ${userId}::int, now(), false)
      on conflict (indicator_key, unit_id, period) do update
        set value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at, demo = false
    `.execute(this.db);
  }
}
