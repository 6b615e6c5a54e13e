import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { BasemapService } from './basemap/basemap.service.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { PgNotifyTransport } from './events/pg-notify.ts';
import { ensureAccounts } from './users/accounts.bootstrap.ts';

/** Opens the database, builds the app and listens. Returns a stop function for clean shutdown. */
export async function startServer(config: Config, log: (m: string) => void = console.log) {
  // Basemap archives first: a wrong BASEMAP_PATH fails in a second, not after opening the database.
  const basemap = await BasemapService.open(config.BASEMAP_PATH);
  let database: Database;
  try {
    database = await bootstrapDatabase(config, log);
  } catch (e) {
    await basemap.close();
    throw e;
  }
  let app: FastifyInstance;
  try {
    app = await buildApp({ config, database, basemap, logger: { level: config.LOG_LEVEL } });
    // Other server processes on the same PostgreSQL (cluster workers, other machines) hear this
    // one's domain events and it theirs; the embedded database has one process, nothing to carry.
    if (database.backend === 'postgres' && config.DATABASE_URL) {
      const events = app.services.events;
      await events.connect(
        new PgNotifyTransport(config.DATABASE_URL, {
          onResync: () => events.resync(),
          log,
        }),
      );
    }
    await ensureAccounts(app.services, config, log);
    await app.listen({ port: config.PORT, host: config.HOST });
    app.watchdog.reset();
    app.watchdog.startAbortThread(config.WATCHDOG_ABORT_S);
  } catch (e) {
    await basemap.close();
    await database.close();
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  log(
    `ANTT Atlas đang chạy tại / listening on http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port} ` +
      `(CSDL / database: ${database.backend})`,
  );
  for (const a of basemap.list())
    log(`Bản đồ nền / basemap "${a.id}": ${a.format}, ${a.schema}, z${a.minzoom}–${a.maxzoom}`);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await app.close();
      await app.services.events.close();
      await database.close();
    })());
  return { app, database, port, stop };
}
