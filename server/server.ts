import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { ensureAccounts } from './users/accounts.bootstrap.ts';

/** Opens the database, builds the app and listens. Returns a stop function for clean shutdown. */
export async function startServer(config: Config, log: (m: string) => void = console.log) {
  const database: Database = await bootstrapDatabase(config, log);
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, logger: { level: config.LOG_LEVEL } });
    await ensureAccounts(app.services, config, log);
    await app.listen({ port: config.PORT, host: config.HOST });
    app.watchdog.reset();
    app.watchdog.startAbortThread(config.WATCHDOG_ABORT_S);
  } catch (e) {
    await database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log(
    `ANTT Atlas đang chạy tại / listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} ` +
      `(CSDL / database: ${database.backend})`,
  );
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await database.close();
    })());
  return { app, database, port, stop };
}
