import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoIfEmpty } from '../../server/bootstrap.ts';
import { REMOVE_DEMO_CONFIRM } from '../../server/demo/demo.schemas.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

/** Leaving the demo: one admin action removes every demo row, health says demo:false, audited. */
describe.each(BACKENDS)('remove demo on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const demoRows = async () => {
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from admin_unit where demo) + (select count(*) from observation where demo)
           + (select count(*) from hotspot where demo) + (select count(*) from app_user where demo) as n`.execute(
      t.database.db,
    );
    return Number(rows[0]!.n);
  };

  it('needs the admin role and the confirmation phrase', async () => {
    const editor = await signIn(app, 'editor');
    expect((await editor.send('POST', '/api/admin/remove-demo', { confirm: REMOVE_DEMO_CONFIRM })).statusCode).toBe(
      403,
    );
    expect((await admin.send('POST', '/api/admin/remove-demo', {})).statusCode).toBe(400);
    expect((await admin.send('POST', '/api/admin/remove-demo', { confirm: 'yes' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().demo).toBe(true);
    expect(await demoRows()).toBeGreaterThan(1000);
  });

  it('removes every demo row in one go; health says demo:false; audited; not re-seeded', async () => {
    // A user scoped only to a demo ward would see everything once the scope rows go: it is disabled.
    const scoped = await signIn(app, 'viewer', { wardCodes: ['14332'], at: '2017-12-31' });
    const res = await admin.send('POST', '/api/admin/remove-demo', { confirm: REMOVE_DEMO_CONFIRM });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.demo).toBe(false);
    expect(body.units).toBeGreaterThan(100);
    expect(body.observations).toBeGreaterThan(1000);
    expect(body.hotspots).toBeGreaterThan(10);
    expect(body.users_disabled).toContain(scoped.username);
    expect(await demoRows()).toBe(0);
    const { rows } = await sql<{ n: number }>`
      select (select count(*) from admin_unit) + (select count(*) from unit_parent)
           + (select count(*) from boundary_crosswalk) + (select count(*) from hotspot_status) as n`.execute(
      t.database.db,
    );
    expect(Number(rows[0]!.n)).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).json().demo).toBe(false);
    expect((await scoped.get('/api/units?level=ward&at=2017-12-31')).statusCode).toBe(401);
    const trail = (await admin.get('/api/admin/audit?entity_type=dataset&entity_id=demo')).json() as {
      action: string;
      user_id: number;
    }[];
    expect(trail).toMatchObject([{ action: 'demo.remove', user_id: admin.userId }]);
    // The API keeps answering on an empty geography.
    const units = (await admin.get('/api/units?level=ward&at=2017-12-31')).json();
    expect(units).toMatchObject({ demo: false, features: [] });
    // A restart does not bring the demo back.
    expect(await seedDemoIfEmpty(t.database.db, () => {})).toBe(false);
    // Running it again is harmless.
    const again = await admin.send('POST', '/api/admin/remove-demo', { confirm: REMOVE_DEMO_CONFIRM });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ units: 0, observations: 0 });
  });
});
