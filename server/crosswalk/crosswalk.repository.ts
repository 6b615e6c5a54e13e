import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { CrosswalkRow } from './crosswalk.schemas.ts';

/** Crosswalk rows with the code, name and validity of both units. */
const ROWS = sql`
  select c.from_unit_id, f.code as from_code, f.name as from_name, f.valid_from as from_valid_from, f.valid_to as from_valid_to,
         c.to_unit_id, t.code as to_code, t.name as to_name, t.valid_from as to_valid_from, t.valid_to as to_valid_to,
         c.area_share, c.household_share
  from boundary_crosswalk c
  join admin_unit f on f.id = c.from_unit_id
  join admin_unit t on t.id = c.to_unit_id`;

/** The crosswalk between boundary versions: which old units make up a new one, and the shares. */
export class CrosswalkRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Rows across the boundary change on `at` (one side ends on it, the other starts), both directions. */
  async listAt(at: string, scope: Scope): Promise<CrosswalkRow[]> {
    const { rows } = await sql<CrosswalkRow>`
      ${ROWS}
      where ((f.valid_to = ${at}::date and t.valid_from = ${at}::date) or (t.valid_to = ${at}::date and f.valid_from = ${at}::date))
        and ${inScope(scope, 'c.from_unit_id')} and ${inScope(scope, 'c.to_unit_id')}
      order by (f.valid_to = ${at}::date) desc, f.code, t.code`.execute(this.db);
    return rows;
  }

  async get(fromId: number, toId: number, scope: Scope): Promise<CrosswalkRow | undefined> {
    const { rows } = await sql<CrosswalkRow>`
      ${ROWS}
      where c.from_unit_id = ${fromId} and c.to_unit_id = ${toId}
        and ${inScope(scope, 'c.from_unit_id')} and ${inScope(scope, 'c.to_unit_id')}`.execute(this.db);
    return rows[0];
  }

  async setShares(fromId: number, toId: number, area: number, households: number | null): Promise<void> {
    await this.db
      .updateTable('boundary_crosswalk')
      .set({ area_share: area, household_share: households })
      .where('from_unit_id', '=', fromId)
      .where('to_unit_id', '=', toId)
      .execute();
  }
}
