import { prepareSchema } from '../server/bootstrap.ts';
import { BackupService } from '../server/backup/backup.service.ts';
import { openDatabase } from '../server/db/database.ts';
import { configFromEnv, fail } from './env.ts';

// `npm run db:import -- FILE`: restore a backup into the configured, empty database (migrated
// first). With DATABASE_URL this moves an embedded deployment onto a PostGIS server.
const input = process.argv[2];
if (!input) {
  console.error('Cách dùng / usage: npm run db:import -- backup.atlas.gz');
  process.exit(2);
}
try {
  const config = configFromEnv();
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, console.log);
    const header = await new BackupService(database.db as never).importFrom(input, console.log);
    console.log(`Đã khôi phục / restored the backup of ${header.created_at} into ${database.backend}`);
  } finally {
    await database.close();
  }
} catch (e) {
  fail(e);
}
