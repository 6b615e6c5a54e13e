/**
 * A first run without the demo (issue #14): an empty database, DEMO=false. The first start creates
 * the one `admin` account (no demo accounts), the admin signs in, and `GET /api/setup` — what the
 * first-run guide shows — follows the data: no boundaries, then the province's 129 real 2025 wards
 * (read in place from ../shared/data/boundaries/), then a first figure. Only administrators may ask.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSchema } from '../../server/bootstrap.ts';
import { loadConfig } from '../../server/config.ts';
import { ensureAccounts } from '../../server/users/accounts.bootstrap.ts';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openEmptyDatabase, type TestDatabase } from '../helpers/database.ts';
import { boundaryFile } from '../helpers/shared-data.ts';
import { postBoundaryFile } from '../helpers/upload.ts';

const ADMIN_PASSWORD = 'Lan-dau-khoi-dong-2026';

describe.each(BACKENDS)('first run without the demo on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;

  beforeAll(async () => {
    t = await openEmptyDatabase(backend);
    await prepareSchema(t.database.db, () => {});
    app = await testApp(t.database, { DEMO: 'false', ADMIN_PASSWORD });
    const printed: string[] = [];
    await ensureAccounts(app.services, loadConfig({ DEMO: 'false', ADMIN_PASSWORD }), (m) => printed.push(m));
    expect(printed.join('\n')).toContain('admin');
    admin = await loginAs(app, 'admin', ADMIN_PASSWORD);
  }, 240_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('creates the first admin only, who signs in with ADMIN_PASSWORD', async () => {
    const users = (await admin.get('/api/admin/users')).json() as { username: string; role: string }[];
    expect(users.map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    expect((await admin.get('/api/health')).json()).toMatchObject({ demo: false });
  });

  it('reports each setup step from the data, to administrators only', async () => {
    const empty = await admin.get('/api/setup');
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toMatchObject({ demo: false, wards: 0, groups: 0, indicators_with_data: 0 });
    // The catalogue is reference data every database gets.
    expect(empty.json().indicators).toBeGreaterThan(0);

    const editor = await signIn(app, 'editor');
    expect((await editor.get('/api/setup')).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/setup' })).statusCode).toBe(401);

    for (const file of ['vn_ninh_binh_province_2025.geojson', 'vn_ninh_binh_wards_2025.geojson']) {
      const res = await postBoundaryFile(app, admin, 'valid_from=2025-07-01&dry_run=false', boundaryFile(file));
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    }
    expect((await admin.get('/api/setup')).json()).toMatchObject({ wards: 129, groups: 0, indicators_with_data: 0 });

    const ward = (await admin.get('/api/search?q=14329&at=2025-08-01')).json().results[0] as { id: number };
    const put = await admin.send('PUT', '/api/observations', {
      indicator: 'conferences_thematic',
      unit_id: ward.id,
      period: '2025-08',
      value: 3,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect((await admin.get('/api/setup')).json()).toMatchObject({ wards: 129, indicators_with_data: 1 });
  });
});
