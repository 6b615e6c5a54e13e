import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { DB } from './schema.ts';
import { lockDataDir, type DirLock } from './lock.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { openPGlite } from './pglite.ts';
import { parsers } from './types.ts';

export type Backend = 'pglite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  backend: Backend;
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

export function connectPostgres(url: string, poolSize = 10): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: pgTypes(),
    options: '-c TimeZone=Asia/Ho_Chi_Minh',
  });
  // An idle client whose server connection ends (restart, failover) must not crash the process:
  // the pool drops it and opens a new one on the next query.
  pool.on('error', (err) => console.error(`PostgreSQL idle client error: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, backend: 'postgres', close: () => db.destroy() };
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
  if (config.DATABASE_URL) return connectPostgres(config.DATABASE_URL, config.DB_POOL_SIZE);
  return connectPGlite({ dataDir: config.DATA_DIR, ...(log ? { log } : {}) });
}
