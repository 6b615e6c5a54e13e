import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const run = promisify(execFile);
const AT = '2017-12-31';

/** A GDAL tool with the caller's API token in every request, as the README tells QGIS/GDAL users to do. */
async function gdal(tool: 'ogrinfo' | 'ogr2ogr' | 'gdaltransform', token: string, args: string[], input?: string) {
  const env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`, CPL_DEBUG: 'OFF' };
  if (input === undefined) return (await run(tool, args, { env, timeout: 120_000 })).stdout;
  return new Promise<string>((resolve, reject) => {
    const child = execFile(tool, args, { env, timeout: 60_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin!.end(input);
  });
}

async function tokenOf(c: Client): Promise<string> {
  const res = await c.send('POST', '/api/auth/tokens', { name: 'gdal' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token as string;
}

/** `ogrinfo -so -al file`: feature count and the codes, read back by GDAL from the file it wrote. */
async function gpkgCodes(file: string, layer: string): Promise<string[]> {
  const out = await gdal('ogrinfo', '', ['-ro', '-q', '-sql', `select code from "${layer}"`, file]);
  return [...out.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1]!.trim());
}

/**
 * The done-when of #17 with the real tools: GDAL's OAPIF driver lists and copies the collections,
 * a scoped token gets its scope only, GDAL's paging returns every group once, and a VN-2000
 * answer matches PROJ's EPSG definition (through GDAL and PostGIS) within a metre.
 */
describe.each(BACKENDS)('OGC API – Features through GDAL on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let all: Client;
  let scoped: Client;
  let allToken: string;
  let scopedToken: string;
  let dir: string;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/ogc`;
    all = await signIn(app, 'commander');
    scoped = await signIn(app, 'viewer', { wardCodes: ['14332'], at: AT });
    [allToken, scopedToken] = await Promise.all([tokenOf(all), tokenOf(scoped)]);
    dir = await mkdtemp(join(tmpdir(), 'atlas-ogc-'));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ogrinfo lists the four collections', async () => {
    const out = await gdal('ogrinfo', allToken, ['-ro', '-q', `OAPIF:${base}`]);
    const layers = [...out.matchAll(/^\d+: (\S+)/gm)].map((m) => m[1]);
    expect(layers.sort()).toEqual(['groups', 'hotspots', 'plan-items', 'wards']);
  });

  it('without a token GDAL is refused, not given data', async () => {
    await expect(
      gdal('ogr2ogr', 'atlas_wrong', ['-f', 'GPKG', join(dir, 'no.gpkg'), `OAPIF:${base}`, 'wards']),
    ).rejects.toThrow();
  });

  it('ogr2ogr copies the 14 wards of 2017 with the values /api/values gives', async () => {
    const expected = (await all.get(`/api/units?level=ward&at=${AT}`))
      .json()
      .features.map((f: { id: number; properties: { code: string } }) => [f.properties.code, f.id]) as [
      string,
      number,
    ][];
    expect(expected).toHaveLength(14);
    const file = join(dir, 'wards.gpkg');
    const url = `OAPIF:${base}/collections/wards?datetime=${AT}&indicator=cases_total&period=2017-12`;
    await gdal('ogr2ogr', allToken, ['-f', 'GPKG', file, url]);
    const got = await gdal('ogrinfo', '', ['-ro', '-q', '-sql', 'select code, cases_total_2017_12 from wards', file]);
    const byCode = new Map(
      [...got.matchAll(/code \(String\) = (\S+)\s+cases_total_2017_12 \(\w+\) = (\S+)/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect([...byCode.keys()].sort()).toEqual(expected.map(([c]) => c).sort());
    const v = (await all.get(`/api/values?indicator=cases_total&level=ward&from=2017-12&to=2017-12&at=${AT}`)).json();
    const cell = (id: number) => {
      const i = (v.ids as number[]).indexOf(id);
      return v.values.length === v.ids.length ? v.values[i][0] : v.values[0][i];
    };
    let nonNull = 0;
    for (const [code, id] of expected) {
      const want = cell(id) as number | null;
      expect(byCode.get(code) === '(null)' ? null : Number(byCode.get(code)), code).toBe(want);
      if (want !== null) nonNull++;
    }
    expect(nonNull).toBeGreaterThan(10);
  }, 180_000);

  it('a ward-scoped token gets its ward and its groups only', async () => {
    // The scoped token: Bích Đào and nothing else, by the same tool.
    const own = join(dir, 'scoped.gpkg');
    await gdal('ogr2ogr', scopedToken, ['-f', 'GPKG', own, `OAPIF:${base}/collections/wards?datetime=${AT}`]);
    expect(await gpkgCodes(own, 'wards')).toEqual(['14332']);
    const groups = join(dir, 'scoped-groups.gpkg');
    await gdal('ogr2ogr', scopedToken, ['-f', 'GPKG', groups, `OAPIF:${base}/collections/groups?datetime=${AT}`]);
    const scopedGroups = (await scoped.get(`/api/units?level=group&at=${AT}`)).json().features.length as number;
    const parents = await gdal('ogrinfo', '', ['-ro', '-q', '-sql', 'select distinct parent_code from groups', groups]);
    expect([...parents.matchAll(/parent_code \(String\) = (\S+)/g)].map((m) => m[1])).toEqual(['14332']);
    expect((await gpkgCodes(groups, 'groups')).length).toBe(scopedGroups);
  }, 180_000);

  it('GDAL’s paging returns every group exactly once', async () => {
    const everyGroup = (await all.get(`/api/units?level=group&at=${AT}`)).json().features as { id: number }[];
    expect(everyGroup.length).toBe(183);
    const file = join(dir, 'groups.gpkg');
    // 37 a page: many pages, the last one partly filled.
    await gdal('ogr2ogr', allToken, [
      '-f',
      'GPKG',
      file,
      '-oo',
      'PAGE_SIZE=37',
      `OAPIF:${base}/collections/groups?datetime=${AT}`,
    ]);
    const codes = await gpkgCodes(file, 'groups');
    expect(codes.length).toBe(everyGroup.length);
    expect(new Set(codes).size).toBe(codes.length);

    // The same by following the next links by hand, checking numberMatched on every page.
    const seen: number[] = [];
    let url: string | undefined = `/ogc/collections/groups/items?limit=50&datetime=${AT}`;
    while (url) {
      const page: { numberMatched: number; features: { id: number }[]; links: { rel: string; href: string }[] } = (
        await all.get(url.replace(/^https?:\/\/[^/]+/, ''))
      ).json();
      expect(page.numberMatched).toBe(everyGroup.length);
      seen.push(...page.features.map((f: { id: number }) => f.id));
      url = page.links.find((l: { rel: string }) => l.rel === 'next')?.href;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(everyGroup.map((f) => f.id).sort((a, b) => a - b));
  }, 180_000);

  it('a VN-2000 (EPSG:9210) answer matches PROJ’s EPSG definition within 1 m', async () => {
    const crs = 'http://www.opengis.net/def/crs/EPSG/0/9210';
    const res = await all.get(`/ogc/collections/wards/items?datetime=${AT}&limit=3&crs=${encodeURIComponent(crs)}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-crs']).toBe(`<${crs}>`);
    const wgs = (await all.get(`/ogc/collections/wards/items?datetime=${AT}&limit=3`)).json();
    const projected = res.json();
    const first = (g: { coordinates: number[][][][] | number[][][] }) =>
      (g.coordinates.flat(Infinity as 2) as number[]).slice(0, 2);
    const lonLat = wgs.features.map((f: { geometry: never }) => first(f.geometry));
    const xy = projected.features.map((f: { geometry: never }) => first(f.geometry));
    expect(xy[0][0]).toBeGreaterThan(400_000); // metres, easting first
    // GDAL/PROJ with EPSG:9210 from PROJ's database (not the portal's PROJ string).
    const out = await gdal(
      'gdaltransform',
      '',
      ['-s_srs', 'OGC:CRS84', '-t_srs', 'EPSG:9210', '-output_xy'],
      lonLat.map((p: number[]) => `${p[0]} ${p[1]}`).join('\n') + '\n',
    );
    const proj = out
      .trim()
      .split('\n')
      .map((l) => l.trim().split(/\s+/).map(Number));
    proj.forEach((p, i) => expect(Math.hypot(p[0]! - xy[i][0], p[1]! - xy[i][1])).toBeLessThan(1));
    if (backend === 'postgres') {
      // PostGIS with the EPSG code (its PROJ database), not the SRID the migration registered.
      for (const [i, p] of lonLat.entries()) {
        const { rows } = await sql<{ x: number; y: number }>`
          select ST_X(g) as x, ST_Y(g) as y
          from (select ST_Transform(ST_SetSRID(ST_Point(${p[0]}::float8, ${p[1]}::float8), 4326), 'EPSG:9210') as g) s`.execute(
          t.database.db,
        );
        expect(Math.hypot(rows[0]!.x - xy[i][0], rows[0]!.y - xy[i][1])).toBeLessThan(1);
      }
    }
  });

  it('the OpenAPI document is a valid OpenAPI 3.0 description of the OGC paths', async () => {
    const doc = (await all.get('/ogc/api')).json();
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    for (const p of [
      '/',
      '/conformance',
      '/collections',
      '/collections/{collectionId}',
      '/collections/{collectionId}/items',
      '/collections/{collectionId}/items/{featureId}',
    ]) {
      expect(doc.paths[p]?.get, p).toBeTruthy();
    }
    // Every $ref resolves; every operation has responses; every {param} in a path is declared.
    const refs: string[] = [];
    const walk = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object')
        for (const [k, x] of Object.entries(v)) {
          if (k === '$ref') refs.push(x as string);
          else walk(x);
        }
    };
    walk(doc);
    expect(refs.length).toBeGreaterThan(5);
    for (const r of refs) {
      expect(r.startsWith('#/'), r).toBe(true);
      const target = r
        .slice(2)
        .split('/')
        .reduce((o: Record<string, unknown> | undefined, k) => o?.[k] as never, doc);
      expect(target, r).toBeTruthy();
    }
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
      for (const op of Object.values(item)) {
        expect(Object.keys(op.responses as object).length, path).toBeGreaterThan(0);
        expect(ids.has(op.operationId as string), `${op.operationId}`).toBe(false);
        ids.add(op.operationId as string);
        const params = (op.parameters ?? []) as { name: string; in: string; schema?: unknown; $ref?: string }[];
        for (const prm of params) if (!prm.$ref) expect(['query', 'path', 'header', 'cookie']).toContain(prm.in);
        for (const m of path.matchAll(/\{(\w+)\}/g)) {
          expect(
            params.some((p) => p.name === m[1] && p.in === 'path'),
            `${path} ${m[1]}`,
          ).toBe(true);
        }
      }
    }
    // Every schema compiles as JSON Schema (OpenAPI 3.0's keywords such as nullable are tolerated).
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    ajv.addSchema(doc, 'oapi');
    for (const name of Object.keys(doc.components.schemas)) {
      expect(() => ajv.compile({ $ref: `oapi#/components/schemas/${name}` }), name).not.toThrow();
    }
    // And a real answer validates against the schema it claims.
    const page = (
      await all.get(`/ogc/collections/groups/items?datetime=${AT}&limit=2&indicator=drug_cases&period=2017-12`)
    ).json();
    const samples: [string, unknown][] = [
      ['LandingPage', (await all.get('/ogc')).json()],
      ['Conformance', (await all.get('/ogc/conformance')).json()],
      ['Collections', (await all.get('/ogc/collections')).json()],
      ['Collection', (await all.get('/ogc/collections/hotspots')).json()],
      ['FeatureCollection', page],
      ['FeatureCollection', (await all.get('/ogc/collections/plan-items/items?limit=3')).json()],
      ['Feature', (await all.get(`/ogc/collections/groups/items/${page.features[0].id}?datetime=${AT}`)).json()],
      ['Error', (await all.get('/ogc/collections/groups/items?limit=0')).json()],
    ];
    for (const [name, body] of samples) {
      const validate = ajv.compile({ $ref: `oapi#/components/schemas/${name}` });
      expect(validate(body), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
