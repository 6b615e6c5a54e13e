import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareSchema, seedDemoIfEmpty } from '../../server/bootstrap.ts';
import { connectPGlite, connectPostgres } from '../../server/db/database.ts';
import { ROOT, templateHash } from '../helpers/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string | null;
  }
}

const log = (m: string) => console.log(`[global-setup] ${m}`);

/**
 * Creating PGlite + PostGIS costs ~15 s and seeding the demo a few more, so it happens once per run
 * (and is reused across runs while migrations, geo/ and the seed are unchanged): every test file
 * then restores the dumped data folder (~5 s) instead. On PostgreSQL, a template database plays the
 * same role and each file gets `CREATE DATABASE … TEMPLATE`.
 */
export default async function setup(project: TestProject) {
  const hash = templateHash();
  const dir = join(ROOT, '.tmp', 'test-templates');
  mkdirSync(dir, { recursive: true });
  const tarball = join(dir, `pglite-demo-${hash}.tar.gz`);
  if (!existsSync(tarball)) {
    log('building the PGlite demo template…');
    const database = await connectPGlite({ log });
    await prepareSchema(database.db, log);
    await seedDemoIfEmpty(database.db, log);
    const blob = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(tarball, Buffer.from(await blob.arrayBuffer()));
    await database.close();
  } else {
    log(`reusing ${tarball}`);
  }
  project.provide('pgliteTemplate', tarball);

  const url = process.env.DATABASE_URL;
  if (!url) {
    project.provide('postgresTemplate', null);
    return;
  }
  const templateName = `atlas_tpl_${hash}`;
  const admin = connectPostgres(url, 1);
  const { sql } = await import('kysely');
  const exists = await sql<{
    n: number;
  }>`select count(*)::int as n from pg_database where datname = ${templateName}`.execute(admin.db);
  if ((exists.rows[0]?.n ?? 0) === 0) {
    log(`building the PostgreSQL template ${templateName}…`);
    await sql`create database ${sql.id(templateName)}`.execute(admin.db);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${templateName}`;
    const tpl = connectPostgres(tplUrl.toString(), 2);
    await prepareSchema(tpl.db, log);
    await seedDemoIfEmpty(tpl.db, log);
    await tpl.close();
  }
  await admin.close();
  project.provide('postgresTemplate', templateName);
}
