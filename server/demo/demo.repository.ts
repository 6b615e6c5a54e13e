import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface RemoveDemoResult {
  observations: number;
  hotspots: number;
  units: number;
  users: number;
  /** Non-demo rows that hung on demo units and went with them (user-entered values, hotspots, plan items). */
  user_rows_on_demo_units: { observations: number; hotspots: number; plan_items: number };
  /** Non-demo accounts whose whole scope lay in demo units: disabled (an empty scope would mean "everything"). */
  users_disabled: string[];
}

/** The result, with the ids of the accounts disabled (for the events, not the answer). */
export type RemovedDemo = RemoveDemoResult & { disabled_ids: number[] };

const count = async (db: Kysely<DB>, q: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await q.execute(db)).rows[0]?.n ?? 0);

/** SQL for leaving the demo. */
export class DemoRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Deletes every demo-flagged row — observations, hotspots (with their history), units (with parent
   * links and crosswalk rows) and demo accounts — and disables the accounts scoped only to demo
   * units. Run it inside a transaction (the service's unit of work): it is many statements.
   */
  async removeAll(): Promise<RemovedDemo> {
    const trx = this.db;
    const demoUnits = sql`(select id from admin_unit where demo)`;
    const userObs = await count(
      trx,
      sql<{ n: number }>`select count(*)::int as n from observation where not demo and unit_id in ${demoUnits}`,
    );
    const userHotspots = await count(
      trx,
      sql<{ n: number }>`select count(*)::int as n from hotspot where not demo and unit_id in ${demoUnits}`,
    );
    const planItems = await count(
      trx,
      sql<{ n: number }>`select count(*)::int as n from plan_item where unit_id in ${demoUnits}`,
    );
    // Accounts kept but scoped only to demo units would see everything once their scope rows go.
    const { rows: orphaned } = await sql<{ id: number; username: string }>`
      select u.id, u.username from app_user u
      where not u.demo and exists (select 1 from user_scope s where s.user_id = u.id)
        and not exists (select 1 from user_scope s join admin_unit a on a.id = s.unit_id
                        where s.user_id = u.id and not a.demo)`.execute(trx);
    if (orphaned.length) {
      await trx
        .updateTable('app_user')
        .set({ disabled: true })
        .where(
          'id',
          'in',
          orphaned.map((u) => u.id),
        )
        .execute();
      await trx
        .updateTable('user_session')
        .set({ revoked_at: new Date() })
        .where(
          'user_id',
          'in',
          orphaned.map((u) => u.id),
        )
        .where('revoked_at', 'is', null)
        .execute();
    }

    const observations = Number(
      (await trx.deleteFrom('observation').where('demo', '=', true).executeTakeFirst()).numDeletedRows,
    );
    const hotspots = Number(
      (await trx.deleteFrom('hotspot').where('demo', '=', true).executeTakeFirst()).numDeletedRows,
    );
    await sql`delete from plan_item where unit_id in ${demoUnits}`.execute(trx);
    const units = Number(
      (await trx.deleteFrom('admin_unit').where('demo', '=', true).executeTakeFirst()).numDeletedRows,
    );
    const users = Number((await trx.deleteFrom('app_user').where('demo', '=', true).executeTakeFirst()).numDeletedRows);

    return {
      observations,
      hotspots,
      units,
      users,
      user_rows_on_demo_units: { observations: userObs, hotspots: userHotspots, plan_items: planItems },
      users_disabled: orphaned.map((u) => u.username),
      disabled_ids: orphaned.map((u) => u.id),
    };
  }
}
