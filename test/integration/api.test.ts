import * as turf from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_2017, REPORT_2017_AT_LEAST } from '../../geo/catalogue.ts';
import { openDemoDatabase, BACKENDS, type TestDatabase } from '../helpers/database.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';

const WARDS_2017: Record<string, string> = {
  '14320': 'Phường Đông Thành',
  '14323': 'Phường Tân Thành',
  '14326': 'Phường Thanh Bình',
  '14329': 'Phường Vân Giang',
  '14332': 'Phường Bích Đào',
  '14335': 'Phường Phúc Thành',
  '14338': 'Phường Nam Bình',
  '14341': 'Phường Nam Thành',
  '14344': 'Phường Ninh Khánh',
  '14347': 'Xã Ninh Nhất',
  '14350': 'Xã Ninh Tiến',
  '14353': 'Xã Ninh Phúc',
  '14356': 'Phường Ninh Sơn',
  '14359': 'Phường Ninh Phong',
};
const WARDS_2025: Record<string, string> = {
  '14329': 'Phường Hoa Lư',
  '14359': 'Phường Nam Hoa Lư',
  '14566': 'Phường Đông Hoa Lư',
};

type UnitFC = FeatureCollection<
  MultiPolygon,
  { id: number; code: string; name: string; parent_code: string | null }
> & {
  demo: boolean;
};

describe.each(BACKENDS)('API on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let client: Client;
  const get = async (url: string) => client.get(url);

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    client = await signIn(app, 'commander');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('reports health with the backend and PostGIS version', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: 'ok', database: backend, demo: true });
    expect(body.postgis).toMatch(/^3\.\d+/);
  });

  it('serves the 14 wards of 2017 as valid, non-overlapping polygons', async () => {
    const res = await get('/api/units?level=ward&at=2017-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json() as UnitFC;
    expect(fc.demo).toBe(true);
    expect(fc.features).toHaveLength(14);
    const byCode = Object.fromEntries(fc.features.map((f) => [f.properties.code, f.properties.name]));
    expect(byCode).toEqual(WARDS_2017);
    for (const f of fc.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.id).toBe(f.properties.id);
      expect(f.properties.parent_code).toBe('369');
      expect(turf.kinks(f as Feature<MultiPolygon>).features).toHaveLength(0);
    }
    // Pairwise overlap below 1 m² while every ward is at least 0.5 km².
    for (let i = 0; i < fc.features.length; i++) {
      expect(turf.area(fc.features[i]!)).toBeGreaterThan(500_000);
      for (let j = i + 1; j < fc.features.length; j++) {
        const x = turf.intersect(turf.featureCollection([fc.features[i]!, fc.features[j]!]));
        expect(x ? turf.area(x) : 0).toBeLessThan(1);
      }
    }
  });

  it('serves 183 residential groups in 2017, each inside a 2017 ward', async () => {
    const fc = (await get('/api/units?level=group&at=2017-12-31')).json() as UnitFC;
    expect(fc.features).toHaveLength(183);
    for (const f of fc.features) expect(Object.keys(WARDS_2017)).toContain(f.properties.parent_code);
    const ids = new Set(fc.features.map((f) => f.id));
    expect(ids.size).toBe(183);
  });

  it('serves units without geometry: the same properties, and each bbox enclosing its polygon', async () => {
    const full = (await get('/api/units?level=ward&at=2017-12-31')).json() as UnitFC;
    const res = await get('/api/units?level=ward&at=2017-12-31&geometry=false');
    expect(res.statusCode).toBe(200);
    const light = res.json() as FeatureCollection<null, UnitFC['features'][number]['properties']>;
    expect(light.features.map((f) => f.properties)).toEqual(full.features.map((f) => f.properties));
    expect(res.body.length).toBeLessThan(JSON.stringify(full).length / 2);
    for (const [i, f] of light.features.entries()) {
      expect(f.geometry).toBeNull();
      const [w, s, e, n] = turf.bbox(full.features[i]!);
      expect(f.bbox).toHaveLength(4);
      expect(f.bbox![0]).toBeCloseTo(w, 5);
      expect(f.bbox![1]).toBeCloseTo(s, 5);
      expect(f.bbox![2]).toBeCloseTo(e, 5);
      expect(f.bbox![3]).toBeCloseTo(n, 5);
    }
    expect((await get('/api/units?level=ward&at=2017-12-31&geometry=maybe')).statusCode).toBe(400);
  });

  it('serves the 3 successor wards after 2025-07-01, with the same groups re-parented', async () => {
    const wards = (await get('/api/units?level=ward&at=2025-08-01')).json() as UnitFC;
    expect(Object.fromEntries(wards.features.map((f) => [f.properties.code, f.properties.name]))).toEqual(WARDS_2025);
    const before = (await get('/api/units?level=group&at=2017-12-31')).json() as UnitFC;
    const after = (await get('/api/units?level=group&at=2025-08-01')).json() as UnitFC;
    expect(after.features.map((f) => f.id).sort()).toEqual(before.features.map((f) => f.id).sort());
    for (const f of after.features) expect(Object.keys(WARDS_2025)).toContain(f.properties.parent_code);
    // Codes are reused across versions: 14329 is Vân Giang in 2017 and Hoa Lư in 2025, as different units.
    const old = (await get('/api/units?level=ward&at=2017-12-31')).json() as UnitFC;
    const vanGiang = old.features.find((f) => f.properties.code === '14329')!;
    const hoaLu = wards.features.find((f) => f.properties.code === '14329')!;
    expect(vanGiang.id).not.toBe(hoaLu.id);
  });

  it('lists the 23 hotspot groups of 2017 with categories and status', async () => {
    const res = await get('/api/hotspots?at=2017-12-31');
    expect(res.statusCode).toBe(200);
    const { hotspots } = res.json() as { hotspots: { categories: string[]; status: string; history: unknown[] }[] };
    expect(hotspots).toHaveLength(23);
    const categories = new Set(hotspots.flatMap((h) => h.categories));
    expect([...categories].sort()).toEqual(['drugs', 'gambling', 'sanitation', 'urban_order']);
    for (const h of hotspots) expect(['identified', 'transforming', 'transformed', 'relapsed']).toContain(h.status);
    expect((await get('/api/hotspots?at=2016-06-30')).json().hotspots).toHaveLength(0);
  });

  it("reproduces the 2017 report's city totals exactly", async () => {
    const res = await get('/api/summary?year=2017');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { year: number; demo: boolean; indicators: Record<string, number> };
    expect(body.demo).toBe(true);
    for (const [key, figure] of Object.entries(REPORT_2017)) {
      if (REPORT_2017_AT_LEAST.has(key)) expect(body.indicators[key], key).toBeGreaterThanOrEqual(figure);
      else expect(body.indicators[key], key).toBe(figure);
    }
    const coverage = body.indicators.coverage_households_safe!;
    expect(coverage).toBeCloseTo(35000 / body.indicators.households!, 12);
    expect(body.indicators.cases_solved_rate).toBeCloseTo(102 / 109, 12);
  });

  it('returns the values matrix, wards summing their groups', async () => {
    const q = 'indicator=drug_cases&from=2017-01&to=2017-12&at=2017-12-31';
    const wards = (await get(`/api/values?level=ward&${q}`)).json();
    const groups = (await get(`/api/values?level=group&${q}`)).json();
    expect(wards.periods).toHaveLength(12);
    expect(wards.ids).toHaveLength(14);
    expect(groups.ids).toHaveLength(183);
    expect(wards.values).toHaveLength(14);
    const fc = (await get('/api/units?level=group&at=2017-12-31')).json() as UnitFC;
    const wardFc = (await get('/api/units?level=ward&at=2017-12-31')).json() as UnitFC;
    const wardOfGroup = new Map(fc.features.map((f) => [f.properties.id, f.properties.parent_code]));
    const wardIdByCode = new Map(wardFc.features.map((f) => [f.properties.code, f.properties.id]));
    const expected = new Map<number, number[]>();
    groups.ids.forEach((gid: number, i: number) => {
      const wid = wardIdByCode.get(wardOfGroup.get(gid)!)!;
      const acc = expected.get(wid) ?? new Array(12).fill(0);
      groups.values[i].forEach((v: number, j: number) => (acc[j] += v));
      expected.set(wid, acc);
    });
    wards.ids.forEach((wid: number, i: number) => expect(wards.values[i]).toEqual(expected.get(wid)));
  });

  it('re-expresses ward-level series on the 2025 boundaries and says so', async () => {
    const q = 'indicator=cases_total&level=ward&from=2017-01&to=2017-12';
    const old = (await get(`/api/values?${q}&at=2017-12-31`)).json();
    const now = (await get(`/api/values?${q}&at=2025-08-01`)).json();
    expect(now.ids).toHaveLength(3);
    expect(old.reexpressed).toHaveLength(0);
    expect(now.reexpressed).toHaveLength(3 * 12);
    const total = (m: { values: number[][] }) => m.values.flat().reduce((a, b) => a + b, 0);
    expect(total(now)).toBeCloseTo(total(old), 9);
    expect(total(old)).toBe(REPORT_2017.cases_total);
  });

  it('finds units with or without diacritics, wards first', async () => {
    for (const q of ['bich dao', 'Bích Đào', 'BICH DAO', 'bích  đào']) {
      const res = await get(`/api/search?q=${encodeURIComponent(q)}&at=2017-12-31`);
      expect(res.statusCode, q).toBe(200);
      const first = res.json().results[0];
      expect(first, q).toMatchObject({ name: 'Phường Bích Đào', code: '14332', level: 'ward' });
    }
    const byCode = (await get('/api/search?q=14332-0&at=2017-12-31&limit=50')).json().results as {
      level: string;
      parent_name: string;
    }[];
    expect(byCode.length).toBeGreaterThan(3);
    for (const r of byCode) expect(r).toMatchObject({ level: 'group', parent_name: 'Phường Bích Đào' });
    // After the merger the groups are in Phường Hoa Lư, and 2017's wards no longer exist.
    const later = (await get('/api/search?q=14332-01&at=2025-08-01')).json().results;
    expect(later[0].parent_name).toBe('Phường Hoa Lư');
    expect(
      (await get('/api/search?q=bich%20dao&at=2025-08-01'))
        .json()
        .results.every((r: { level: string }) => r.level === 'group'),
    ).toBe(true);
    // LIKE wildcards in the query are literal.
    expect((await get('/api/search?q=%25&at=2017-12-31')).json().results).toEqual([]);
    expect((await get('/api/search?q=_&at=2017-12-31')).json().results).toEqual([]);
  });

  it('says which months each indicator has data for', async () => {
    const { indicators } = (await get('/api/indicators')).json() as {
      indicators: { key: string; first_period: string | null; last_period: string | null }[];
    };
    const byKey = new Map(indicators.map((i) => [i.key, i]));
    expect(byKey.get('drug_cases')).toMatchObject({ first_period: '2016-01', last_period: '2026-10' });
    expect(byKey.get('coverage_households_safe')).toMatchObject({ first_period: '2016-01', last_period: '2026-10' });
  });

  it('rejects bad parameters with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/values?indicator=nope&level=ward&from=2017-01&to=2017-12', 'indicator'],
      ['/api/values?indicator=drug_cases&level=province&from=2017-01&to=2017-12', 'level'],
      ['/api/values?indicator=drug_cases&level=ward&from=2017-13&to=2017-12', 'from'],
      ['/api/values?indicator=drug_cases&level=ward&from=2017-06&to=2017-01', 'from'],
      ['/api/values?indicator=drug_cases&level=ward&from=2017-01&to=2017-12&at=2025-02-30', 'at'],
      ['/api/values?indicator=cases_total&level=group&from=2017-01&to=2017-12', 'level'],
      ['/api/units?level=ward&at=yesterday', 'at'],
      ['/api/units?level=ward&bbox=1,2,3,4', 'bbox'],
      ['/api/units', 'level'],
      ['/api/summary?year=abc', 'year'],
      ["/api/values?indicator=x'%3Bdrop%20table%20observation--&level=ward&from=2017-01&to=2017-12", 'indicator'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      const body = res.json();
      expect(body.field, url).toBe(field);
      expect(body.message, url).toContain(field);
      expect(body.message, url).not.toMatch(/at .*\.ts:\d+|select |from observation/i);
    }
    const level = (await get('/api/units?level=province')).json();
    expect(level.message).toContain('ward, group');
    // The injection attempt above changed nothing.
    expect((await get('/api/summary?year=2017')).json().indicators.cases_total).toBe(REPORT_2017.cases_total);
  });
});
