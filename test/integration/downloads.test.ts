import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const run = promisify(execFile);
const AT = '2017-12-31';
const Q = `level=group&at=${AT}&indicator=drug_cases&period=2017-11,2017-12`;

/** GDAL reads the file back: `ogrinfo -json`-free, by its SQL dialect, as a list of rows. */
async function rows(source: string, query: string): Promise<Record<string, string>[]> {
  const { stdout } = await run('ogrinfo', ['-ro', '-q', '-dialect', 'SQLITE', '-sql', query, source], {
    timeout: 60_000,
  });
  return stdout
    .split(/\n\s*\n/)
    .filter((b) => /OGRFeature/.test(b))
    .map((b) => Object.fromEntries([...b.matchAll(/^\s+(\w+) \(\w+\) = (.*)$/gm)].map((m) => [m[1]!, m[2]!.trim()])));
}

/**
 * "Tải dữ liệu" with GDAL as the judge: every format opens in GDAL with the caller's units (and only
 * those), the values the map shows, the asked system; refusals name the field; every file is audited.
 */
describe.each(BACKENDS)('map downloads on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let all: Client;
  let scoped: Client;
  let dir: string;
  let groups: { id: number; properties: { code: string; parent_code: string } }[];
  let values: Map<number, (number | null)[]>;

  async function download(c: Client, query: string, name: string): Promise<string> {
    const res = await c.get(`/api/downloads/units?${query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="antt-atlas-[\w.-]+"$/);
    const file = join(dir, name);
    await writeFile(file, res.rawPayload);
    return file;
  }

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    all = await signIn(app, 'commander');
    scoped = await signIn(app, 'viewer', { wardCodes: ['14332'], at: AT });
    dir = await mkdtemp(join(tmpdir(), 'atlas-dl-'));
    groups = (await all.get(`/api/units?level=group&at=${AT}`)).json().features;
    const v = (await all.get(`/api/values?indicator=drug_cases&level=group&from=2017-11&to=2017-12&at=${AT}`)).json();
    expect(v.periods).toEqual(['2017-11', '2017-12']);
    // values[period][unit] or values[unit][period]: whichever has the ids' length inside.
    const byUnit = v.values.length === v.ids.length && v.ids.length !== 2;
    values = new Map(
      (v.ids as number[]).map((id, i) => [id, byUnit ? v.values[i] : v.values.map((p: (number | null)[]) => p[i])]),
    );
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('GeoPackage: every group once, with the values the map shows', async () => {
    const file = await download(all, `format=gpkg&${Q}`, 'all.gpkg');
    const layer = `antt_atlas_to_dan_pho_${AT.replace(/-/g, '_')}`;
    const got = await rows(file, `select unit_id, code, drug_cases_2017_11, drug_cases_2017_12 from ${layer}`);
    expect(got.length).toBe(groups.length);
    expect(new Set(got.map((r) => r.unit_id)).size).toBe(groups.length);
    let compared = 0;
    for (const r of got) {
      const expected = values.get(Number(r.unit_id))!;
      const cell = (s: string | undefined) => (s === undefined || s === '(null)' ? null : Number(s));
      expect([cell(r.drug_cases_2017_11), cell(r.drug_cases_2017_12)], r.code).toEqual(expected);
      if (expected[1] !== null) compared++;
    }
    expect(compared).toBeGreaterThan(10);
    const info = (await run('ogrinfo', ['-ro', '-so', file, layer])).stdout;
    expect(info).toMatch(/Geometry: Multi Polygon/);
    expect(info).toMatch(/GEOGCRS\["WGS 84"|GEOGCS\["WGS 84"/);
  });

  it('a scoped user’s Shapefile holds only its groups, in VN-2000 with the datum shift', async () => {
    const file = await download(scoped, `format=shp&${Q}&crs=EPSG:9210`, 'scoped.zip');
    const expected = groups.filter((g) => g.properties.parent_code === '14332').map((g) => g.properties.code);
    expect(expected.length).toBeGreaterThan(3);
    const base = `antt-atlas-to-dan-pho-${AT}-epsg9210`;
    const got = await rows(`/vsizip/${file}/${base}.shp`, `select code, parent_cod from "${base}"`);
    expect(got.map((r) => r.code).sort()).toEqual(expected.sort());
    expect(new Set(got.map((r) => r.parent_cod))).toEqual(new Set(['14332']));
    const info = (await run('ogrinfo', ['-ro', '-so', `/vsizip/${file}/${base}.shp`, base])).stdout;
    // GDAL reads the .prj as VN-2000 / TM-3 105°45′ with the Decision 05/2007 shift to WGS 84.
    expect(info).toMatch(/VN-2000/);
    expect(info).toMatch(/-191\.90441429/);
    expect(info).toMatch(/[",]105\.75\b/);
    // Coordinates in metres within the province.
    const ext = /Extent: \((\d+)\.\d+, (\d+)\.\d+\)/.exec(info)!;
    expect(Number(ext[1])).toBeGreaterThan(400_000);
    expect(Number(ext[2])).toBeGreaterThan(2_000_000);
  });

  it('GeoJSON and CSV: the same groups, UTF-8 Vietnamese intact', async () => {
    const gj = await download(all, `format=geojson&${Q}`, 'all.geojson');
    const features = (await rows(gj, 'select code, display_name from "antt-atlas-to-dan-pho-2017-12-31"')).map(
      (r) => r.code,
    );
    expect(features.sort()).toEqual(groups.map((g) => g.properties.code).sort());
    const res = await all.get(`/api/downloads/units?format=csv&${Q}`);
    expect(res.statusCode).toBe(200);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^code,name,display_name,.*,drug_cases_2017_11,drug_cases_2017_12,lon,lat$/);
    expect(lines.length - 1).toBe(groups.length);
    expect(lines.join('\n')).toMatch(/Phường|Xã|Thôn|Tổ/);
  });

  it('refuses bad parameters with a 400 that names the field', async () => {
    const cases: [string, string][] = [
      [`format=kml&${Q}`, 'format'],
      [`format=gpkg&${Q}&crs=EPSG:3857`, 'crs'],
      [`format=gpkg&level=group&at=${AT}&indicator=drug_cases`, 'period'],
      [`format=gpkg&${Q}&bbox=106,20,105,21`, 'bbox'],
      [`format=gpkg&${Q}&bbox=1e400,20,106,21`, 'bbox'],
      [`format=gpkg&level=group&at=2017-02-30`, 'at'],
      [`format=gpkg&level=group&at=${AT}&indicator=no_such&period=2017-12`, 'indicator'],
      [`format=gpkg&level=group&at=${AT}&indicator=drug_cases&period=2017-13`, 'period'],
      [`format=gpkg&${Q}&x=1`, 'x'],
    ];
    for (const [query, field] of cases) {
      const res = await all.get(`/api/downloads/units?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().field ?? res.json().params?.field, `${query}: ${res.body}`).toBe(field);
      expect(res.json().code, query).toBeTruthy();
    }
  });

  it('every download is audited as an export with its scope', async () => {
    await download(scoped, `format=csv&level=ward&at=${AT}`, 'w.csv');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'entity_type', 'user_id', 'after'])
      .where('action', 'like', 'export.%')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'export.csv',
      entity_type: 'units',
      user_id: scoped.userId,
      after: { level: 'ward', at: AT, features: 1, scope: { unit_count: expect.any(Number) } },
    });
  });

  it('is rate-limited per user (DOWNLOAD_RATE_LIMIT a minute), not per address', async () => {
    const limited = await testApp(t.database, { DOWNLOAD_RATE_LIMIT: '2' });
    try {
      const [a, b] = [await signIn(limited, 'viewer'), await signIn(limited, 'viewer')];
      const url = `/api/downloads/units?format=csv&level=ward&at=${AT}`;
      expect((await a.get(url)).statusCode).toBe(200);
      expect((await a.get(url)).statusCode).toBe(200);
      const third = await a.get(url);
      expect(third.statusCode).toBe(429);
      expect(third.json().code).toBe('request.rate_limited');
      // Another officer behind the same address is not starved.
      expect((await b.get(url)).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('is refused without sign-in', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/downloads/units?format=csv&${Q}` })).statusCode).toBe(401);
  });
});
