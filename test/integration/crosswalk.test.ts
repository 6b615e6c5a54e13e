import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

type Row = {
  from_unit_id: number;
  from_code: string;
  to_unit_id: number;
  to_code: string;
  area_share: number;
  household_share: number | null;
};

describe.each(BACKENDS)('crosswalk review on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    editor = await signIn(app, 'editor');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('lists the 2025 merger both ways, and a corrected share changes the re-expressed series', async () => {
    const { rows } = (await editor.get('/api/crosswalk?at=2025-07-01')).json() as { rows: Row[] };
    expect(rows).toHaveLength(28);
    const forward = rows.filter((r) => r.area_share === 1);
    expect(forward.length).toBeGreaterThanOrEqual(14);
    // Split Nam Hoa Lư's 2026 cases back onto Ninh Sơn and Ninh Phong (2017 boundaries).
    const back = rows.filter(
      (r) => r.from_code === '14359' && ['14356', '14359'].includes(r.to_code) && r.area_share < 1,
    );
    expect(back).toHaveLength(2);
    const q = '/api/values?indicator=cases_total&level=ward&from=2026-01&to=2026-06&at=2017-12-31';
    const before = (await editor.get(q)).json();
    const target = back[0]!;
    const i = before.ids.indexOf(target.to_unit_id);
    const sumBefore = (before.values[i] as number[]).reduce((a, b) => a + b, 0);
    const put = await editor.send('PUT', '/api/crosswalk', {
      from_unit_id: target.from_unit_id,
      to_unit_id: target.to_unit_id,
      area_share: 1,
      household_share: 1,
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await editor.get(q)).json();
    const sumAfter = (after.values[i] as number[]).reduce((a, b) => a + b, 0);
    const share = target.household_share ?? target.area_share;
    expect(sumAfter).toBeCloseTo(sumBefore / share, 6);
    expect(after.reexpressed.some(([r]: [number]) => r === i)).toBe(true);
    const log = (await (await signIn(app, 'admin')).get('/api/admin/audit?action=crosswalk.update')).json();
    expect(log[0]).toMatchObject({
      entity_id: `${target.from_unit_id}>${target.to_unit_id}`,
      after: { area_share: 1 },
    });
  });

  it('refuses shares outside 0..1, unknown rows and non-editors', async () => {
    expect(
      (
        await editor.send('PUT', '/api/crosswalk', {
          from_unit_id: 1,
          to_unit_id: 2,
          area_share: 1.5,
          household_share: null,
        })
      ).statusCode,
    ).toBe(400);
    const missing = await editor.send('PUT', '/api/crosswalk', {
      from_unit_id: 1,
      to_unit_id: 1,
      area_share: 0.5,
      household_share: null,
    });
    expect(missing.statusCode).toBe(404);
    const viewer = await signIn(app, 'viewer');
    expect(
      (
        await viewer.send('PUT', '/api/crosswalk', {
          from_unit_id: 1,
          to_unit_id: 2,
          area_share: 0.5,
          household_share: null,
        })
      ).statusCode,
    ).toBe(403);
  });
});
