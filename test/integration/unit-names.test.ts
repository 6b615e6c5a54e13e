/**
 * Unique names through the API (issue #14): after the 2025-07-01 merger Phường Hoa Lư holds several
 * groups called "Tổ dân phố 4", one from each former ward. Search, the units list, the plan
 * candidates, a plan's items and its spreadsheet name each of them with its former ward, by the rule
 * of geo/unit-names.ts — and the same unit gets the same name from every one of them.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';

const AFTER = '2025-08-01';
/** The demo's groups numbered 4 in two 2017 wards that the merger put into Phường Hoa Lư. */
const TAN_THANH_4 = { code: '14323-04', name: 'Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư' };
const DONG_THANH_4 = { code: '14320-04', name: 'Tổ dân phố 4 (Đông Thành cũ) · Phường Hoa Lư' };

interface Named {
  id?: number;
  unitId?: number;
  code: string;
  name: string;
  display_name?: string;
  displayName?: string;
}
const nameOf = (r: Named) => r.display_name ?? r.displayName;

describe.each(BACKENDS)('unique names on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let planner: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    planner = await signIn(app, 'planner');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("search tells the merged ward's same-named groups apart by their former ward", async () => {
    const res = await planner.get(`/api/search?q=${encodeURIComponent('tổ dân phố 4')}&at=${AFTER}&limit=50`);
    expect(res.statusCode).toBe(200);
    const hits = (res.json().results as Named[]).filter((h) => h.name === 'Tổ dân phố 4');
    // Every 2017 ward of Hoa Lư with a fourth group gives one hit, and no two hits read alike.
    expect(hits.length).toBeGreaterThanOrEqual(2);
    expect(new Set(hits.map(nameOf)).size).toBe(hits.length);
    const byCode = new Map(hits.map((h) => [h.code, nameOf(h)]));
    expect(byCode.get(TAN_THANH_4.code)).toBe(TAN_THANH_4.name);
    expect(byCode.get(DONG_THANH_4.code)).toBe(DONG_THANH_4.name);
    // Before the merger they belong to different wards: the ward alone tells them apart.
    const before = (await planner.get(`/api/search?q=${TAN_THANH_4.code}&at=2017-12-31`)).json().results as Named[];
    expect(before.map(nameOf)).toEqual(['Tổ dân phố 4 · Phường Tân Thành']);
  });

  it('the units list gives every group of a date a name of its own, the same as search', async () => {
    const res = await planner.get(`/api/units?level=group&at=${AFTER}&geometry=false`);
    expect(res.statusCode).toBe(200);
    const units = (res.json().features as { properties: Named }[]).map((f) => f.properties);
    expect(units.length).toBe(183);
    expect(new Set(units.map(nameOf)).size).toBe(units.length);
    const byCode = new Map(units.map((u) => [u.code, nameOf(u)]));
    expect(byCode.get(TAN_THANH_4.code)).toBe(TAN_THANH_4.name);
    expect(byCode.get(DONG_THANH_4.code)).toBe(DONG_THANH_4.name);
    // A ward keeps its plain name.
    const wards = (await planner.get(`/api/units?level=ward&at=${AFTER}&geometry=false`)).json().features as {
      properties: Named;
    }[];
    expect(wards.map((w) => nameOf(w.properties)).sort()).toEqual([
      'Phường Hoa Lư',
      'Phường Nam Hoa Lư',
      'Phường Đông Hoa Lư',
    ]);
  });

  it('plan candidates, plan items and the plan spreadsheet carry the same distinct names', async () => {
    const res = await planner.get(`/api/plans/candidates?from=2025-08&to=2025-12&weights=drug_cases:1&limit=200`);
    expect(res.statusCode, res.body).toBe(200);
    const candidates = res.json().candidates as (Named & { unitId: number })[];
    expect(new Set(candidates.map(nameOf)).size).toBe(candidates.length);
    const four = candidates.filter((c) => c.code === TAN_THANH_4.code || c.code === DONG_THANH_4.code);
    expect(four.map((c) => [c.code, nameOf(c)]).sort()).toEqual(
      [
        [DONG_THANH_4.code, DONG_THANH_4.name],
        [TAN_THANH_4.code, TAN_THANH_4.name],
      ].sort(),
    );

    const created = await planner.send('POST', '/api/plans', { name: 'Tên phân biệt', year: 2026 });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const put = await planner.send('PUT', `/api/plans/${id}/items`, {
      items: four.map((c, i) => ({
        unitId: c.unitId,
        priority: i + 1,
        rationale: 'Ma túy',
        responsibleUnit: 'Công an phường Hoa Lư',
        targetDate: '2026-12-31',
      })),
    });
    expect(put.statusCode, put.body).toBe(200);
    // Items are named on today's date: the 2025 boundaries, as the candidates above.
    const items = put.json().items as Named[];
    expect(items.map((i) => nameOf(i)).sort()).toEqual([DONG_THANH_4.name, TAN_THANH_4.name].sort());

    const csv = await planner.get(`/api/plans/${id}/export?format=csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body).toContain(TAN_THANH_4.name);
    expect(csv.body).toContain(DONG_THANH_4.name);
  });

  it('the hotspot list names its groups by the same rule', async () => {
    const res = await planner.get(`/api/hotspots?at=${AFTER}`);
    expect(res.statusCode).toBe(200);
    const hotspots = res.json().hotspots as (Named & { unit_id: number; ward_name: string })[];
    expect(hotspots.length).toBeGreaterThan(0);
    const units = new Map(
      (
        (await planner.get(`/api/units?level=group&at=${AFTER}&geometry=false`)).json().features as {
          properties: Named;
        }[]
      ).map((f) => [f.properties.id, nameOf(f.properties)]),
    );
    for (const h of hotspots) expect(nameOf(h), h.code).toBe(units.get(h.unit_id));
  });
});
