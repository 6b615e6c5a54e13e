import { Migrator, type Kysely } from 'kysely';
import { migrations } from '../../migrations/index.ts';

export function migrator(db: Kysely<unknown>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, log: (m: string) => void = () => {}): Promise<string[]> {
  const { error, results } = await migrator(db).migrateToLatest();
  const applied: string[] = [];
  for (const r of results ?? []) {
    if (r.status === 'Success') {
      applied.push(r.migrationName);
      log(`  migration ${r.migrationName}: ok`);
    } else if (r.status === 'Error') {
      log(`  migration ${r.migrationName}: FAILED`);
    }
  }
  if (error) throw new Error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  return applied;
}
