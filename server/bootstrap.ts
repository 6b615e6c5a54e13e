import type { Kysely } from 'kysely';
import { INDICATORS } from '../geo/catalogue.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { DB } from './db/schema.ts';
import { IndicatorsRepository } from './indicators/indicators.repository.ts';
import { DEMO_SETTING, loadDemo } from './demo/demo.seed.ts';
import { SettingsRepository } from './settings/settings.repository.ts';
import { UnitsRepository } from './units/units.repository.ts';

/** Marks a database whose catalogue was seeded: from then on it is the administrators' alone. */
export const CATALOGUE_SEEDED = 'catalogue_seeded';

/** Schema and reference data every database needs: migrations, then (once) the seed catalogue. */
export async function prepareSchema(db: Kysely<DB>, log: (m: string) => void): Promise<void> {
  log('Đang cập nhật lược đồ CSDL / running migrations…');
  await migrateToLatest(db as Kysely<unknown>, log);
  await seedCatalogueOnce(db, log);
}

/**
 * Writes the seed catalogue (geo/catalogue.ts: the indicators of the 2017 yearly report) into a
 * database that never had it, as a starting point administrators edit. Only missing keys are
 * inserted and never again after the first time: an edited, retired or deleted indicator stays as
 * the administrators left it across restarts and upgrades.
 */
export async function seedCatalogueOnce(db: Kysely<DB>, log: (m: string) => void): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const settings = new SettingsRepository(trx);
    if (await settings.get(CATALOGUE_SEEDED)) return;
    const added = await new IndicatorsRepository(trx).insertMissing(INDICATORS);
    if (added.length) log(`Đã tạo danh mục chỉ tiêu mẫu (${added.length}) / seed indicator catalogue written`);
    await settings.set(CATALOGUE_SEEDED, { at: new Date().toISOString(), keys: added });
  });
}

/** Loads the demo dataset into a database that holds no units yet. Returns whether it did. */
export async function seedDemoIfEmpty(db: Kysely<DB>, log: (m: string) => void): Promise<boolean> {
  if ((await new UnitsRepository(db).count()) > 0) return false;
  // A deployment that removed the demo (npm run db:remove-demo) never gets it back on restart.
  if ((await new SettingsRepository(db).get<{ removed_at?: string }>(DEMO_SETTING))?.removed_at) return false;
  log('Đang tạo dữ liệu minh họa (tổng hợp, có hạt giống cố định) / generating synthetic demo data…');
  const started = performance.now();
  const { generateDemo } = await import('../geo/demo/index.ts');
  const data = generateDemo();
  await loadDemo(db, data, log);
  log(`Đã nạp dữ liệu minh họa sau ${((performance.now() - started) / 1000).toFixed(1)} giây / demo data loaded.`);
  return true;
}

/** Opens the configured database, migrates it and, if asked and empty, loads the demo. */
export async function bootstrapDatabase(config: Config, log: (m: string) => void): Promise<Database> {
  const database = await openDatabase(config, log);
  try {
    await prepareSchema(database.db, log);
    if (config.DEMO_DATA) await seedDemoIfEmpty(database.db, log);
    return database;
  } catch (e) {
    await database.close();
    throw e;
  }
}
