import { sql, type Kysely } from 'kysely';
import { AuditRepository } from '../audit/audit.repository.ts';
import type { DB } from '../db/schema.ts';
import { DEMO_SETTING } from './demo.seed.ts';
import { SettingsRepository } from '../settings/settings.repository.ts';

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

const count = async (db: Kysely<DB>, q: ReturnType<typeof sql<{ n: number }>>) =>
  Number((await q.execute(db)).rows[0]?.n ?? 0);

/**
 * Removes every demo-flagged row in one transaction — observations, hotspots (with their history),
 * units (with parent links and crosswalk rows) and demo accounts — and records that the deployment
 * left the demo, so the next start does not load it again. Audited as one entry.
 */
export async function removeDemo(
  db: Kysely<DB>,
  who: { user_id: number | null; username: string | null; ip: string | null },
): Promise<RemoveDemoResult> {
  return db.transaction().execute(async (trx) => {
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

    const settings = new SettingsRepository(trx);
    const previous = await settings.get<Record<string, unknown>>(DEMO_SETTING);
    const removed_at = new Date().toISOString();
    await settings.set(DEMO_SETTING, { demo: false, removed_at });
    const result: RemoveDemoResult = {
      observations,
      hotspots,
      units,
      users,
      user_rows_on_demo_units: { observations: userObs, hotspots: userHotspots, plan_items: planItems },
      users_disabled: orphaned.map((u) => u.username),
    };
    await new AuditRepository(trx).insert({
      ...who,
      action: 'demo.remove',
      entity_type: 'dataset',
      entity_id: 'demo',
      before: previous ?? null,
      after: { demo: false, removed_at, removed: result },
    });
    return result;
  });
}
