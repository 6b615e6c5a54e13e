import { prepareSchema, seedDemoIfEmpty } from '../server/bootstrap.ts';
import { openDatabase } from '../server/db/database.ts';
import { configFromEnv, fail } from './env.ts';

// `npm run db:seed`: load the synthetic demo dataset into an empty database.
try {
  const config = configFromEnv();
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, console.log);
    const loaded = await seedDemoIfEmpty(database.db, console.log);
    if (!loaded) console.log('CSDL đã có dữ liệu, bỏ qua / the database already holds units: nothing loaded.');
  } finally {
    await database.close();
  }
} catch (e) {
  fail(e);
}
