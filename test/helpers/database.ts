import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { connectPGlite, connectPostgres, type Backend, type Database } from '../../server/db/database.ts';

/** The backends this run tests: PGlite always, PostgreSQL + PostGIS when DATABASE_URL is set. */
export const BACKENDS: Backend[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase {
  database: Database;
  drop(): Promise<void>;
}

/** A private copy of the seeded demo database for one test file. */
export async function openDemoDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await connectPGlite({ loadFrom: inject('pgliteTemplate') });
    return { database, drop: () => database.close() };
  }
  const url = process.env.DATABASE_URL;
  const template = inject('postgresTemplate');
  if (!url || !template) throw new Error('DATABASE_URL is not set: no PostgreSQL backend for this run');
  const name = `atlas_t_${randomBytes(5).toString('hex')}`;
  const admin = connectPostgres(url, 1);
  await sql`create database ${sql.id(name)} template ${sql.id(template)}`.execute(admin.db);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = connectPostgres(dbUrl.toString(), 4);
  return {
    database,
    drop: async () => {
      await database.close();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

/** An empty database (schema only, no demo) for one test file. */
export async function openEmptyDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await connectPGlite({});
    return { database, drop: () => database.close() };
  }
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const name = `atlas_e_${randomBytes(5).toString('hex')}`;
  const admin = connectPostgres(url, 1);
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const database = connectPostgres(dbUrl.toString(), 4);
  return {
    database,
    drop: async () => {
      await database.close();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}
