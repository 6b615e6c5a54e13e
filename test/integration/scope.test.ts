import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

type FC = FeatureCollection<null, { id: number; code: string; parent_code: string }>;

/** A ward-scoped user sees that ward and what lies inside it, through every data route, and nothing else. */
describe.each(BACKENDS)('unit scope on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let all: Client;
  let bichDao: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    all = await signIn(app, 'commander');
    bichDao = await signIn(app, 'viewer', { wardCodes: ['14332'], at: '2017-12-31' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('units: only Bích Đào and its groups', async () => {
    const wards = (await bichDao.get('/api/units?level=ward&at=2017-12-31')).json() as FC;
    expect(wards.features.map((f) => f.properties.code)).toEqual(['14332']);
    const everyGroup = (await all.get('/api/units?level=group&at=2017-12-31')).json() as FC;
    const expected = everyGroup.features.filter((f) => f.properties.parent_code === '14332').map((f) => f.id);
    expect(expected.length).toBeGreaterThan(3);
    const groups = (await bichDao.get('/api/units?level=group&at=2017-12-31')).json() as FC;
    expect(groups.features.map((f) => f.id).sort()).toEqual(expected.sort());
    // After the merger the ward is part of Hoa Lư, which the user may not see; its groups stay visible.
    expect(((await bichDao.get('/api/units?level=ward&at=2025-08-01')).json() as FC).features).toHaveLength(0);
    const later = (await bichDao.get('/api/units?level=group&at=2025-08-01')).json() as FC;
    expect(later.features.map((f) => f.id).sort()).toEqual(expected.sort());
  });

  it('values, hotspots and summaries: only inside the scope', async () => {
    const groups = (await bichDao.get('/api/units?level=group&at=2017-12-31')).json() as FC;
    const visible = new Set(groups.features.map((f) => f.id));
    const v = (await bichDao.get('/api/values?indicator=drug_cases&level=group&from=2017-01&to=2017-12')).json();
    expect(v.ids.length).toBe(visible.size);
    for (const id of v.ids) expect(visible.has(id)).toBe(true);
    const ward = (await bichDao.get('/api/values?indicator=cases_total&level=ward&from=2017-01&to=2017-12')).json();
    expect(ward.ids).toHaveLength(1);
    const merged = (
      await bichDao.get('/api/values?indicator=cases_total&level=ward&from=2017-01&to=2017-12&at=2025-08-01')
    ).json();
    expect(merged.ids).toHaveLength(0);

    const { hotspots } = (await bichDao.get('/api/hotspots?at=2026-10-31')).json() as {
      hotspots: { unit_id: number }[];
    };
    const allHotspots = (await all.get('/api/hotspots?at=2026-10-31')).json().hotspots as { unit_id: number }[];
    expect(hotspots.length).toBeLessThan(allHotspots.length);
    expect(hotspots).toEqual(allHotspots.filter((h) => visible.has(h.unit_id)));

    const mine = (await bichDao.get('/api/summary?year=2017')).json().indicators;
    const city = (await all.get('/api/summary?year=2017')).json().indicators;
    const bdWard = (await all.get('/api/values?indicator=cases_total&level=ward&from=2017-01&to=2017-12')).json();
    const bdIndex = bdWard.ids.indexOf(ward.ids[0]);
    const bdCases = (bdWard.values[bdIndex] as number[]).reduce((a, b) => a + b, 0);
    expect(mine.cases_total).toBe(bdCases);
    expect(mine.cases_total).toBeLessThan(city.cases_total);
    expect(mine.households).toBeLessThan(city.households);
  });

  it('search: only inside the scope', async () => {
    const res = (await bichDao.get('/api/search?q=phuong&at=2017-12-31&limit=50')).json().results as { code: string }[];
    expect(res.map((r) => r.code)).toEqual(['14332']);
    const all14 = (await all.get('/api/search?q=phuong&at=2017-12-31&limit=50')).json().results;
    expect(all14.length).toBeGreaterThan(5);
    expect((await bichDao.get('/api/search?q=ninh%20son&at=2017-12-31')).json().results).toEqual([]);
  });

  it('API tokens carry the same scope and need no CSRF token', async () => {
    const created = await bichDao.send('POST', '/api/auth/tokens', { name: 'QGIS' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^atlas_/);
    const stored = await t.database.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);
    const bearer = { authorization: `Bearer ${token}` };
    const res = await app.inject({ method: 'GET', url: '/api/units?level=ward&at=2017-12-31', headers: bearer });
    expect(res.statusCode).toBe(200);
    expect((res.json() as FC).features.map((f) => f.properties.code)).toEqual(['14332']);
    expect(res.headers['cache-control']).toContain('private');
    expect(String(res.headers.vary)).toContain('Authorization');
    // Tokens skip CSRF (no cookie involved) but still obey the role: a viewer cannot administer.
    const admin = await app.inject({ method: 'GET', url: '/api/admin/users', headers: bearer });
    expect(admin.statusCode).toBe(403);
    expect((await bichDao.send('DELETE', `/api/auth/tokens/${id}`)).statusCode).toBe(204);
    const revoked = await app.inject({ method: 'GET', url: '/api/units?level=ward', headers: bearer });
    expect(revoked.statusCode).toBe(401);
  });
});
