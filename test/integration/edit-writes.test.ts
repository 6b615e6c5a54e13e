import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { dataChecksum } from '../helpers/upload.ts';

interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string;
  user_id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Hotspot designation and status changes, single-value and unit edits: roles, scope, audit. */
describe.each(BACKENDS)('editing on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;
  let admin: Client;
  let scoped: Client;
  let viewer: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    editor = await signIn(app, 'editor');
    admin = await signIn(app, 'admin');
    scoped = await signIn(app, 'editor', { wardCodes: ['14332'], at: '2017-12-31' });
    viewer = await signIn(app, 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const unitByCode = async (code: string) => {
    const { rows } = await sql<{ id: number; name: string }>`
      select id, name from admin_unit where code = ${code} order by valid_from limit 1`.execute(t.database.db);
    return rows[0]!;
  };
  /** A group of the ward that is not a hotspot yet. */
  const freeGroup = async (ward: string) => {
    const { rows } = await sql<{ id: number; code: string }>`
      select u.id, u.code from admin_unit u where u.code like ${ward + '-%'}
        and not exists (select 1 from hotspot h where h.unit_id = u.id) order by u.code limit 1`.execute(t.database.db);
    return rows[0]!;
  };
  const audit = async (entityType: string, entityId: string | number) =>
    (
      await admin.get(`/api/admin/audit?entity_type=${entityType}&entity_id=${encodeURIComponent(String(entityId))}`)
    ).json() as AuditRow[];

  it('hotspots: designate, change status, edit; rules, scope and audit', async () => {
    const g = await freeGroup('14332');
    const created = await scoped.send('POST', '/api/hotspots', {
      unit_id: g.id,
      categories: ['drugs', 'gambling'],
      designated_on: '2024-02-01',
      target_date: '2025-12-31',
      note: 'Điểm nóng mới',
    });
    expect(created.statusCode, created.body).toBe(201);
    const h = created.json() as { id: number; history: { status: string }[]; demo: boolean };
    expect(h.demo).toBe(false);
    expect(h.history.map((s) => s.status)).toEqual(['identified']);
    const list = (await editor.get('/api/hotspots?at=2024-03-01')).json().hotspots as { id: number; status: string }[];
    expect(list.find((x) => x.id === h.id)?.status).toBe('identified');

    // Twice the same group: conflict. Wards cannot be hotspots. Dates must make sense.
    const again = await editor.send('POST', '/api/hotspots', {
      unit_id: g.id,
      categories: ['drugs'],
      designated_on: '2024-02-01',
    });
    expect(again.statusCode).toBe(409);
    const ward = await unitByCode('14332');
    expect(
      (
        await editor.send('POST', '/api/hotspots', {
          unit_id: ward.id,
          categories: ['drugs'],
          designated_on: '2024-02-01',
        })
      ).statusCode,
    ).toBe(400);
    const g2 = await freeGroup('14335');
    expect(
      (
        await editor.send('POST', '/api/hotspots', {
          unit_id: g2.id,
          categories: ['drugs'],
          designated_on: '2024-02-01',
          target_date: '2024-01-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await editor.send('POST', '/api/hotspots', {
          unit_id: g2.id,
          categories: ['drugs'],
          designated_on: '2099-01-01',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await editor.send('POST', '/api/hotspots', {
          unit_id: g2.id,
          categories: ['nope'],
          designated_on: '2024-01-01',
        })
      ).statusCode,
    ).toBe(400);

    // Scope: the Bích Đào editor cannot designate a group of Phúc Thành; the viewer cannot write at all.
    const before = await dataChecksum(t.database.db);
    const out = await scoped.send('POST', '/api/hotspots', {
      unit_id: g2.id,
      categories: ['drugs'],
      designated_on: '2024-02-01',
    });
    // Outside the scope answers like a unit that does not exist: 404, naming no code (issue #12).
    expect(out.statusCode).toBe(404);
    expect(out.json().code).toBe('unit.not_found');
    expect(out.json().message).not.toContain(g2.code);
    expect(
      (
        await viewer.send('POST', '/api/hotspots', {
          unit_id: g2.id,
          categories: ['drugs'],
          designated_on: '2024-02-01',
        })
      ).statusCode,
    ).toBe(403);
    expect(await dataChecksum(t.database.db)).toEqual(before);

    // Status: not before designation, transitions that make sense.
    const early = await scoped.send('POST', `/api/hotspots/${h.id}/status`, {
      status: 'transforming',
      changed_on: '2024-01-15',
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().field).toBe('changed_on');
    const jump = await scoped.send('POST', `/api/hotspots/${h.id}/status`, {
      status: 'relapsed',
      changed_on: '2024-05-01',
    });
    expect(jump.statusCode).toBe(409);
    const moved = await scoped.send('POST', `/api/hotspots/${h.id}/status`, {
      status: 'transforming',
      changed_on: '2024-04-01',
      note: 'Có kế hoạch',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await scoped.send('POST', `/api/hotspots/${h.id}/status`, {
      status: 'transformed',
      changed_on: '2024-03-01',
    });
    expect(back.statusCode).toBe(400);
    const done = await scoped.send('POST', `/api/hotspots/${h.id}/status`, {
      status: 'transformed',
      changed_on: '2024-09-01',
    });
    expect(done.statusCode).toBe(200);
    const at = (await editor.get('/api/hotspots?at=2024-06-01')).json().hotspots as { id: number; status: string }[];
    expect(at.find((x) => x.id === h.id)?.status).toBe('transforming');

    // Edit attributes.
    const patched = await scoped.send('PATCH', `/api/hotspots/${h.id}`, { categories: ['sanitation'], note: 'Sửa' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ categories: ['sanitation'], note: 'Sửa', target_date: '2025-12-31' });
    expect((await scoped.send('PATCH', `/api/hotspots/${h.id}`, {})).statusCode).toBe(400);
    expect((await scoped.send('PATCH', `/api/hotspots/${h.id}`, { target_date: '2020-01-01' })).statusCode).toBe(400);
    expect((await scoped.send('PATCH', '/api/hotspots/99999999', { note: 'x' })).statusCode).toBe(404);
    // Another ward's (demo) hotspot is out of the scoped editor's reach.
    const { rows: others } = await sql<{ id: number }>`
      select h.id from hotspot h join admin_unit u on u.id = h.unit_id where u.code not like '14332-%' limit 1`.execute(
      t.database.db,
    );
    expect((await scoped.send('PATCH', `/api/hotspots/${others[0]!.id}`, { note: 'x' })).statusCode).toBe(404);
    expect(
      (
        await scoped.send('POST', `/api/hotspots/${others[0]!.id}/status`, {
          status: 'relapsed',
          changed_on: '2026-01-01',
        })
      ).statusCode,
    ).toBe(404);

    const trail = await audit('hotspot', h.id);
    expect(trail.map((a) => a.action).reverse()).toEqual([
      'hotspot.create',
      'hotspot.status',
      'hotspot.status',
      'hotspot.update',
    ]);
    expect(trail.every((a) => a.user_id === scoped.userId)).toBe(true);
    const upd = trail[0]!;
    expect(upd.before).toMatchObject({ categories: ['drugs', 'gambling'], note: 'Điểm nóng mới' });
    expect(upd.after).toMatchObject({ categories: ['sanitation'], note: 'Sửa' });
  });

  it('single values: PUT /api/observations is validated, scoped and audited before/after', async () => {
    const g = await unitByCode('14332-02');
    const put = (c: Client, body: Record<string, unknown>) => c.send('PUT', '/api/observations', body);
    const base = { indicator: 'drug_cases', unit_id: g.id, period: '2024-05' };
    const first = await put(scoped, { ...base, value: 17 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ value: 17, changed: true });
    const prior = first.json().before as number | null;
    const same = await put(scoped, { ...base, value: 17 });
    expect(same.json()).toMatchObject({ changed: false, before: 17 });
    const trail = await audit('observation', `drug_cases:${g.id}:2024-05`);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'observation.set', user_id: scoped.userId, after: { value: 17 } });
    expect(trail[0]!.before === null ? null : trail[0]!.before.value).toBe(prior);
    const { rows } = await sql<{ demo: boolean; entered_by: number }>`
      select demo, entered_by from observation where indicator_key = 'drug_cases' and unit_id = ${g.id}
        and period = '2024-05-01'`.execute(t.database.db);
    expect(rows[0]).toEqual({ demo: false, entered_by: scoped.userId });

    const before = await dataChecksum(t.database.db);
    const bad: [Client, Record<string, unknown>, number][] = [
      [scoped, { ...base, value: -1 }, 400],
      [scoped, { ...base, value: 1.5 }, 400],
      [scoped, { ...base, period: '1999-01', value: 1 }, 400],
      [scoped, { ...base, period: '2024-13', value: 1 }, 400],
      [scoped, { ...base, indicator: 'cases_solved_rate', value: 1 }, 400],
      [scoped, { ...base, indicator: 'nope', value: 1 }, 400],
      [scoped, { ...base, indicator: 'cases_total', value: 1 }, 400], // ward-level indicator on a group
      [scoped, { ...base, unit_id: 99999999, value: 1 }, 404],
      [scoped, { ...base, unit_id: (await unitByCode('14335-01')).id, value: 1 }, 404],
      [scoped, { ...base, value: 1, extra: true }, 400],
      [viewer, { ...base, value: 1 }, 403],
    ];
    for (const [c, body, status] of bad) {
      const res = await put(c, body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
    }
    // Numerator above the stored denominator of the same month.
    const { rows: hh } = await sql<{ value: number }>`
      select value from observation where indicator_key = 'households' and unit_id = ${g.id}
        and period = '2024-05-01'`.execute(t.database.db);
    if (hh[0]) {
      const over = await put(scoped, {
        indicator: 'households_registered_safe',
        unit_id: g.id,
        period: '2024-05',
        value: hh[0].value + 1,
      });
      expect(over.statusCode).toBe(400);
      expect(over.json().message).toMatch(/numerator exceeds/);
    }
    expect(await dataChecksum(t.database.db)).toEqual(before);
  });

  it('units: PATCH names and counts (never geometry or validity), scoped and audited', async () => {
    const g = await unitByCode('14332-03');
    const res = await scoped.send('PATCH', `/api/units/${g.id}`, { name: 'Tổ dân phố Ba', households: 321 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Tổ dân phố Ba', households: 321 });
    const { rows } = await sql<{ search_text: string }>`select search_text from admin_unit where id = ${g.id}`.execute(
      t.database.db,
    );
    expect(rows[0]!.search_text).toContain('to dan pho ba');
    const trail = await audit('unit', g.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]!.before).toMatchObject({ name: g.name });
    expect(trail[0]!.after).toMatchObject({ name: 'Tổ dân phố Ba', households: 321 });
    // Unchanged values: no audit entry.
    await scoped.send('PATCH', `/api/units/${g.id}`, { households: 321 });
    expect(await audit('unit', g.id)).toHaveLength(1);

    for (const body of [
      { geom: {} },
      { valid_from: '2020-01-01' },
      { code: 'x' },
      {},
      { name: '' },
      { name: '=CMD()' },
      { households: -1 },
    ]) {
      const r = await scoped.send('PATCH', `/api/units/${g.id}`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const other = await unitByCode('14335-01');
    expect((await scoped.send('PATCH', `/api/units/${other.id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await viewer.send('PATCH', `/api/units/${g.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await admin.send('PATCH', '/api/units/99999999', { name: 'x' })).statusCode).toBe(404);
  });
});
