import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { lockDataDir, type DirLock } from './lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { openPGlite } from './pglite.ts';
import { RoutingPool } from './replicas.ts';
import { parsers } from './types.ts';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
  /** PostgreSQL with read replicas: the routing pool (its status for /api/health). */
  replicas?: RoutingPool;
  /** The embedded instance, when backend is 'pglite' (for dumps and direct COPY). */
  pglite?: PGlite;
  close(): Promise<void>;
}

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      const custom = parsers[oid];
      if (custom && format !== 'binary') return custom;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

function pgPool(url: string, poolSize: number): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes(),
    options: '-c TimeZone=Asia/Ho_Chi_Minh',
  });
  // An idle client whose server connection ends (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL idle client error: ${err.message}`));
  return pool;
}

export function connectPostgres(url: string, poolSize = 10): Database {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pgPool(url, poolSize) }) });
  return { db, backend: 'postgres', close: () => db.destroy() };
}

/** PostgreSQL with streaming replicas for reads (see replicas.ts); polls them before it returns. */
export async function connectPostgresWithReplicas(
  url: string,
  replicaUrls: readonly string[],
  opts: { poolSize?: number; maxLagMs: number },
): Promise<Database> {
  const poolSize = opts.poolSize ?? 10;
  const routing = new RoutingPool(
    pgPool(url, poolSize),
    replicaUrls.map((u, i) => ({ name: `replica ${i + 1}`, pool: pgPool(u, poolSize) })),
    opts.maxLagMs,
  );
  await routing.start();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: routing as unknown as pg.Pool }) });
  return { db, backend: 'postgres', replicas: routing, close: () => db.destroy() };
}

export async function connectPGlite(opts: { dataDir?: string; loadFrom?: string; log?: (m: string) => void }) {
  let lock: DirLock | undefined;
  if (opts.dataDir) lock = lockDataDir(opts.dataDir);
  try {
    const pglite = await openPGlite(opts);
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    const database: Database = {
      db,
      backend: 'pglite',
      pglite,
      close: async () => {
        try {
          await db.destroy();
        } finally {
          lock?.release();
        }
      },
    };
    return database;
  } catch (e) {
    lock?.release();
    throw e;
  }
}

/** The database the config asks for: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export async function openDatabase(config: Config, log?: (m: string) => void): Promise<Database> {
  const replicas = (config.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (config.DATABASE_URL && replicas.length)
    return connectPostgresWithReplicas(config.DATABASE_URL, replicas, {
      poolSize: config.DB_POOL_SIZE,
      maxLagMs: config.REPLICA_MAX_LAG_MS,
    });
  if (config.DATABASE_URL) return connectPostgres(config.DATABASE_URL, config.DB_POOL_SIZE);
  return connectPGlite({ dataDir: config.DATA_DIR, ...(log ? { log } : {}) });
}
