import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
}

/** The audit log filtered by unit: the unit's own edits and those of its values and hotspot, nothing else. */
describe.each(BACKENDS)('audit filter by unit on %s', (backend) => {
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

  const unit = async (code: string) => {
    const { rows } = await sql<{ id: number }>`
      select id from admin_unit where code = ${code} order by valid_from limit 1`.execute(t.database.db);
    return rows[0]!.id;
  };

  it('lists entries about the unit, its values and its hotspot, and none about other units', async () => {
    const [g, other] = [await unit('14332-04'), await unit('14332-05')];
    const ok = (res: { statusCode: number; body: string }, status = 200) =>
      expect(res.statusCode, res.body).toBe(status);
    ok(await admin.send('PATCH', `/api/units/${g}`, { households: 777 }));
    ok(
      await admin.send('PUT', '/api/observations', {
        indicator: 'drug_cases',
        unit_id: g,
        period: '2024-07',
        value: 9,
      }),
    );
    ok(
      await admin.send('PUT', '/api/observations', {
        indicator: 'drug_cases',
        unit_id: other,
        period: '2024-07',
        value: 8,
      }),
    );
    await sql`delete from hotspot where unit_id = ${g}`.execute(t.database.db);
    const created = await admin.send('POST', '/api/hotspots', {
      unit_id: g,
      categories: ['drugs'],
      designated_on: '2024-02-01',
    });
    ok(created, 201);
    const hotspotId = created.json().id as number;
    ok(
      await admin.send('POST', `/api/hotspots/${hotspotId}/status`, {
        status: 'transforming',
        changed_on: '2024-06-01',
      }),
    );

    const res = await admin.get(`/api/admin/audit?unit=${g}`);
    ok(res);
    const rows = res.json() as AuditRow[];
    expect(rows.map((r) => r.action).sort()).toEqual([
      'hotspot.create',
      'hotspot.status',
      'observation.set',
      'unit.update',
    ]);
    expect(rows.find((r) => r.entity_type === 'observation')!.entity_id).toBe(`drug_cases:${g}:2024-07`);
    expect(rows.every((r) => !r.entity_id.includes(`:${other}:`))).toBe(true);
    // Combined with another filter; ids that are a prefix of another (g vs g*10+…) do not match.
    const values = (await admin.get(`/api/admin/audit?unit=${g}&entity_type=observation`)).json() as AuditRow[];
    expect(values).toHaveLength(1);
    const otherRows = (await admin.get(`/api/admin/audit?unit=${other}`)).json() as AuditRow[];
    expect(otherRows.map((r) => r.entity_id)).toEqual([`drug_cases:${other}:2024-07`]);
    expect((await admin.get(`/api/admin/audit?unit=2147483647`)).json()).toEqual([]);
  });

  it('refuses a unit that is not a positive id, and non-admins', async () => {
    expect((await admin.get('/api/admin/audit?unit=abc')).statusCode).toBe(400);
    expect((await admin.get('/api/admin/audit?unit=0')).statusCode).toBe(400);
    const editor = await signIn(app, 'editor');
    expect((await editor.get('/api/admin/audit?unit=1')).statusCode).toBe(403);
  });
});
