import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupService } from '../../server/backup/backup.service.ts';
import { prepareSchema } from '../../server/bootstrap.ts';
import type { Backend } from '../../server/db/database.ts';
import { testApp } from '../helpers/app.ts';
import { signIn } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, openEmptyDatabase, type TestDatabase } from '../helpers/database.ts';

/** The table sections of a backup file: everything but the header line (which has a timestamp). */
const body = (path: string) => gunzipSync(readFileSync(path)).toString('utf8').split('\n').slice(1).join('\n');

/**
 * Backup and restore, and moving house: a demo database with users, tokens and audit entries is
 * exported, restored into an empty database of every backend (PGlite → PostGIS is the move), and
 * exported again — the two exports must be identical row for row.
 */
describe('backup and restore', () => {
  let source: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
  const file = join(dir, 'source.atlas.gz');

  beforeAll(async () => {
    source = await openDemoDatabase('pglite');
    const app = await testApp(source.database);
    const admin = await signIn(app, 'admin');
    await admin.send('POST', '/api/auth/tokens', { name: 'QGIS' });
    await app.close();
    await new BackupService(source.database.db as unknown as Kysely<unknown>).exportTo(file);
  });
  afterAll(async () => source?.drop());

  it.each(BACKENDS)(
    'restores everything into an empty %s database',
    async (backend: Backend) => {
      const target = await openEmptyDatabase(backend);
      try {
        await prepareSchema(target.database.db, () => {});
        const svc = new BackupService(target.database.db as unknown as Kysely<unknown>);
        await svc.importFrom(file);
        const again = join(dir, `again-${backend}.atlas.gz`);
        await svc.exportTo(again);
        const a = body(file);
        expect(a.length).toBeGreaterThan(1_000_000);
        expect(body(again)).toBe(a);
        // The restored database works: its users sign in, ids continue after the restored ones.
        const app = await testApp(target.database);
        const viewer = await signIn(app, 'viewer');
        expect((await viewer.get('/api/summary?year=2017')).json().indicators.cases_total).toBe(109);
        expect((await viewer.get('/api/units?level=group&at=2017-12-31')).json().features).toHaveLength(183);
        await app.close();
        // A second restore into the now non-empty database is refused.
        await expect(svc.importFrom(file)).rejects.toThrow(/not empty/);
      } finally {
        await target.drop();
      }
    },
    // About 60 s for PGlite on a quiet 2-core machine (the 240,000 demo observations restored row
    // for row); 180 s was not enough while other jobs shared the cores.
    300_000,
  );
});
