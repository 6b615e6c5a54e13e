import { prepareSchema } from '../server/bootstrap.ts';
import { openDatabase } from '../server/db/database.ts';
import { configFromEnv, fail } from './env.ts';

// `npm run db:migrate`: bring the configured database (DATABASE_URL, else DATA_DIR) to the latest schema.
try {
  const config = configFromEnv();
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, console.log);
    console.log('Xong / done.');
  } finally {
    await database.close();
  }
} catch (e) {
  fail(e);
}
