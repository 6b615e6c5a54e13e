import { prepareSchema } from '../server/bootstrap.ts';
import { BackupService } from '../server/backup/backup.service.ts';
import { openDatabase } from '../server/db/database.ts';
import { configFromEnv, fail } from './env.ts';

// `npm run db:export -- FILE`: everything in the configured database (DATABASE_URL, else the
// embedded one in DATA_DIR — stop the server first, it holds the folder) to a portable backup.
const out = process.argv[2];
if (!out) {
  console.error('Cách dùng / usage: npm run db:export -- backup.atlas.gz');
  process.exit(2);
}
try {
  const config = configFromEnv();
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, () => {});
    const header = await new BackupService(database.db as never).exportTo(out, console.log);
    const rows = header.tables.reduce((a, t) => a + t.rows, 0);
    console.log(`Đã sao lưu / backed up ${rows.toLocaleString('vi-VN')} rows from ${database.backend} to ${out}`);
  } finally {
    await database.close();
  }
} catch (e) {
  fail(e);
}
