import type { FastifyInstance } from 'fastify';
import { unzipSync, zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSchema } from '../../server/bootstrap.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openEmptyDatabase, type TestDatabase } from '../helpers/database.ts';
import { shapefileZip } from '../helpers/office-files.ts';
import { postBoundaryFile } from '../helpers/upload.ts';
import { boundaryFile } from '../helpers/shared-data.ts';

async function checksum(t: TestDatabase): Promise<string> {
  const { rows } = await sql<{ c: string }>`
    select md5(coalesce((select string_agg(id || code || valid_from || coalesce(valid_to::text, '') || md5(ST_AsBinary(geom)::text), ',' order by id) from admin_unit), '')
      || coalesce((select string_agg(child_id || '>' || parent_id || valid_from, ',' order by child_id, valid_from) from unit_parent), '')
      || coalesce((select string_agg(from_unit_id || '>' || to_unit_id, ',' order by 1) from boundary_crosswalk), '')) as c`.execute(
    t.database.db,
  );
  return rows[0]!.c;
}

/** A zipped Shapefile in VN-2000 / UTM 48N made by GDAL from a GeoJSON, with the .prj GDAL writes. */
const vn2000Shapefile = (geojson: string): Buffer => shapefileZip(geojson, { srs: 'EPSG:3405' });

describe.each(BACKENDS)('boundary import on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;
  const post = (query: string, body: Buffer | string, type?: string) =>
    postBoundaryFile(app, editor, query, body, type);

  beforeAll(async () => {
    t = await openEmptyDatabase(backend);
    await prepareSchema(t.database.db, () => {});
    app = await testApp(t.database);
    editor = await signIn(app, 'editor');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('imports the province, then its 129 wards, as the version valid from 2025-07-01', async () => {
    const dry = await post('valid_from=2025-07-01&dry_run=true', boundaryFile('vn_ninh_binh_province_2025.geojson'));
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dry_run: true, committed: false, features: 1, errors: 0 });
    expect(dry.json().preview.features).toHaveLength(1);
    expect(await checksum(t)).toBe(await checksum(t));
    const before = await checksum(t);
    expect(before).toBeTruthy();
    const province = await post(
      'valid_from=2025-07-01&dry_run=false',
      boundaryFile('vn_ninh_binh_province_2025.geojson'),
    );
    expect(province.json()).toMatchObject({ committed: true, opened: 1 });
    const wards = await post('valid_from=2025-07-01&dry_run=false', boundaryFile('vn_ninh_binh_wards_2025.geojson'));
    expect(wards.statusCode, wards.body.slice(0, 500)).toBe(200);
    const report = wards.json();
    expect(report).toMatchObject({
      committed: true,
      opened: 129,
      closed: 0,
      errors: 0,
      by_kind: { phuong: 32, xa: 97 },
    });
    expect(report.issues.filter((i: { field: string }) => i.field === 'parent_code')).toEqual([]);
    const fc = (await editor.get('/api/units?level=ward&at=2025-08-01')).json();
    expect(fc.features).toHaveLength(129);
    expect(fc.features.every((f: { properties: { parent_code: string } }) => f.properties.parent_code === '37')).toBe(
      true,
    );
    const hoaLu = fc.features.find((f: { properties: { code: string } }) => f.properties.code === '14329');
    expect(hoaLu.properties).toMatchObject({ name: 'Phường Hoa Lư', short_name: 'Hoa Lư', kind: 'phuong' });
    const found = (await editor.get('/api/search?q=hoa%20lu&at=2025-08-01')).json().results;
    expect(found.map((r: { name: string }) => r.name)).toContain('Phường Hoa Lư');
    const audit = await sql<{
      n: number;
    }>`select count(*)::int as n from audit_log where action = 'boundary.import'`.execute(t.database.db);
    expect(audit.rows[0]!.n).toBe(2);
  });

  it('a new version for a later date closes the units it replaces and writes the crosswalk', async () => {
    const res = await post(
      'valid_from=2026-01-01&dry_run=false',
      boundaryFile('vn_ninh_binh_city_successor_wards_2025.geojson'),
    );
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, opened: 3, closed: 3 });
    expect((await editor.get('/api/units?level=ward&at=2025-12-31')).json().features).toHaveLength(129);
    const after = (await editor.get('/api/units?level=ward&at=2026-02-01')).json();
    expect(after.features).toHaveLength(129);
    const xw = await sql<{ from_code: string; to_code: string; area_share: number }>`
      select f.code as from_code, t.code as to_code, c.area_share from boundary_crosswalk c
      join admin_unit f on f.id = c.from_unit_id join admin_unit t on t.id = c.to_unit_id
      where f.valid_to = '2026-01-01' and f.code = t.code`.execute(t.database.db);
    expect(xw.rows).toHaveLength(3);
    for (const r of xw.rows) expect(r.area_share).toBeGreaterThan(0.99);
  });

  // Builds a database of its own (15–30 s on PGlite, more on a loaded machine).
  it('a VN-2000 Shapefile whose .prj has no datum shift lands where its GeoJSON lands, within 1 m', async () => {
    const other = await openEmptyDatabase(backend);
    try {
      await prepareSchema(other.database.db, () => {});
      const app2 = await testApp(other.database);
      const ed = await signIn(app2, 'editor');
      const zip = vn2000Shapefile('vn_ninh_binh_city_successor_wards_2025.geojson');
      const res = await app2.inject({
        method: 'POST',
        url: '/api/imports/boundaries?valid_from=2025-07-01&dry_run=false',
        headers: { cookie: ed.cookie, 'x-csrf-token': ed.csrf, 'content-type': 'application/zip' },
        payload: zip,
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      expect(res.json()).toMatchObject({ format: 'shapefile', committed: true, opened: 3 });
      expect(res.json().crs).toContain('VN-2000');
      const source = JSON.parse(boundaryFile('vn_ninh_binh_city_successor_wards_2025.geojson').toString('utf8'));
      for (const f of source.features as { properties: { code: string; name: string }; geometry: unknown }[]) {
        const { rows } = await sql<{ d: number; name: string }>`
          select u.name, ST_HausdorffDistance(ST_Transform(u.geom, 3405),
                   ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(f.geometry)}), 4326), 3405)) as d
          from admin_unit u where u.code = ${f.properties.code}`.execute(other.database.db);
        expect(rows[0]!.name).toBe(f.properties.name);
        expect(rows[0]!.d, f.properties.code).toBeLessThan(1);
      }
      await app2.close();
    } finally {
      await other.drop();
    }
  }, 180_000);

  it('rejects bad files with a 4xx naming the feature and field, changing nothing', async () => {
    const before = await checksum(t);
    const point = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '99001', name: 'Xã Điểm', kind: 'xa' },
          geometry: { type: 'Point', coordinates: [106, 20] },
        },
      ],
    });
    const bowtie = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '99002', name: 'Xã Nơ', kind: 'xa', parent_code: '37' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [106.0, 20.0],
                [106.1, 20.1],
                [106.1, 20.0],
                [106.0, 20.1],
                [106.0, 20.0],
              ],
            ],
          },
        },
      ],
    });
    const dup = JSON.stringify({
      type: 'FeatureCollection',
      features: [1, 2].map(() => ({
        type: 'Feature',
        properties: { code: '99003', name: 'Xã Trùng', kind: 'xa' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [106.0, 20.0],
              [106.1, 20.0],
              [106.1, 20.1],
              [106.0, 20.0],
            ],
          ],
        },
      })),
    });
    const projected = bowtie.replace(/106\.(\d)/g, '5060$1').replace(/20\.(\d)/g, '22400$1');
    const noPrj = (() => {
      const z = vn2000Shapefile('vn_ninh_binh_city_successor_wards_2025.geojson');
      const files = unzipSync(new Uint8Array(z));
      delete files['wards.prj'];
      return Buffer.from(zipSync(files));
    })();
    const cases: [string, Buffer | string, string, RegExp][] = [
      ['broken JSON', '{"type":"FeatureCollection","features":[', 'file', /malformed JSON/],
      ['not a FeatureCollection', '{"type":"Feature"}', 'file', /FeatureCollection/],
      ['wrong geometry type', point, 'geometry', /đối tượng 1.*Polygon/],
      ['self-intersection without repair', bowtie, 'geometry', /đối tượng 1 \(99002\).*invalid geometry/],
      ['duplicate codes', dup, 'code', /đối tượng 2 \(99003\).*duplicate/],
      ['projected coordinates without a CRS', projected, 'geometry', /outside Viet Nam/],
      [
        'unknown CRS',
        bowtie.replace('"features"', '"crs":{"type":"name","properties":{"name":"urn:x:local"}},"features"'),
        'crs',
        /unsupported/,
      ],
      ['Shapefile without .prj', noPrj, 'crs', /\.prj is missing/],
      [
        'ZIP without .shp',
        Buffer.from(zipSync({ 'readme.txt': new TextEncoder().encode('x') })),
        'file',
        /exactly one \.shp/,
      ],
      ['ragged CSV', 'code,name,wkt\n1,"Xã A,POLYGON((0 0,1 0,1 1,0 0))\n', 'file', /malformed CSV/],
      [
        // Neither UTF-8 nor anything that reads as Vietnamese in Windows-1258, TCVN3 or VNI.
        'bytes of no known encoding',
        Buffer.from('code,name,wkt\n1,X\xe3 \xc1,"POLYGON((0 0,1 0,1 1,0 0))"\n', 'latin1'),
        'encoding',
        /not UTF-8 \(line 2\).*choose the encoding/,
      ],
      [
        'formula injection',
        'code,name,wkt\n99004,"=HYPERLINK(""http://x"")","POLYGON((106 20,106.1 20,106.1 20.1,106 20))"\n',
        'name',
        /formula/,
      ],
      ['junk', Buffer.alloc(5 * 1024 * 1024, 0x41), 'file', /no data rows/],
      ['CSV without a WKT column', 'code,name\n1,Xã A\n', 'wkt', /WKT column/],
      ['empty', Buffer.alloc(0), 'file', /empty|send the file/],
    ];
    for (const [label, body, field, message] of cases) {
      const res = await post('valid_from=2027-01-01&dry_run=false', body);
      expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(400);
      expect(res.json().field, label).toBe(field);
      expect(res.json().message, label).toMatch(message);
    }
    expect(await checksum(t)).toBe(before);
    // With repair accepted, the self-intersecting polygon is made valid and imported, with a warning.
    const repaired = await post('valid_from=2027-01-01&dry_run=true&repair=true', bowtie);
    expect(repaired.statusCode, repaired.body).toBe(200);
    expect(repaired.json().warnings).toBeGreaterThan(0);
    expect(repaired.json().issues[0].message).toMatch(/repaired/);
  });

  it('warns, by row, about overlapping siblings, gaps and children outside their parent', async () => {
    const sq = (x0: number, y0: number, x1: number, y1: number) => ({
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    });
    const f = (code: string, name: string, kind: string, parent: string | null, geometry: unknown) => ({
      type: 'Feature',
      properties: { code, name, kind, parent_code: parent },
      geometry,
    });
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        f('98000', 'Phường Mẹ', 'phuong', null, sq(106.0, 20.0, 106.1, 20.1)),
        f('98000-01', 'Tổ dân phố 1', 'to_dan_pho', '98000', sq(106.0, 20.0, 106.06, 20.05)),
        f('98000-02', 'Tổ dân phố 2', 'to_dan_pho', '98000', sq(106.05, 20.0, 106.1, 20.05)),
        f('98000-03', 'Tổ dân phố 3', 'to_dan_pho', '98000', sq(106.0, 20.08, 106.1, 20.12)),
      ],
    });
    const res = await post('valid_from=2028-01-01&dry_run=true', file);
    expect(res.statusCode, res.body).toBe(200);
    const issues = res.json().issues as { row: number; code: string; severity: string; message: string }[];
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
    expect(issues.find((i) => i.code === '98000-01' && /overlaps sibling 98000-02/.test(i.message))).toBeDefined();
    expect(issues.find((i) => i.code === '98000-03' && /outside its parent/.test(i.message))).toBeDefined();
    expect(issues.find((i) => i.code === '98000' && /gap/.test(i.message))).toBeDefined();
    expect(issues.find((i) => i.code === '98000-02' && /outside/.test(i.message))).toBeUndefined();
  });

  it('streams progress lines and the outcome when asked for NDJSON', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/boundaries?valid_from=2029-01-01&dry_run=true',
      headers: {
        cookie: editor.cookie,
        'x-csrf-token': editor.csrf,
        'content-type': 'application/geo+json',
        accept: 'application/x-ndjson',
      },
      payload: boundaryFile('vn_ninh_binh_wards_2025.geojson'),
    });
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    expect(res.headers['content-security-policy']).toBeDefined();
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ stage: 'read', features: 129 });
    expect(lines.map((l) => l.stage)).toEqual(['read', 'check', 'done']);
    expect(lines.at(-1)).toMatchObject({ statusCode: 200, report: { dry_run: true, features: 129 } });
    const bad = await app.inject({
      method: 'POST',
      url: '/api/imports/boundaries?valid_from=2029-01-01&dry_run=true',
      headers: {
        cookie: editor.cookie,
        'x-csrf-token': editor.csrf,
        'content-type': 'text/csv',
        accept: 'application/x-ndjson',
      },
      payload: 'code,name\n1,Xã A\n',
    });
    expect(JSON.parse(bad.body.trim().split('\n').at(-1)!)).toMatchObject({
      stage: 'done',
      statusCode: 400,
      field: 'wkt',
    });
  });

  it('refuses a file larger than IMPORT_MAX_BYTES with 413, writing nothing', async () => {
    const small = await testApp(t.database, { IMPORT_MAX_BYTES: '4096' });
    const ed = await signIn(small, 'editor');
    const before = await checksum(t);
    const res = await small.inject({
      method: 'POST',
      url: '/api/imports/boundaries?valid_from=2029-01-01&dry_run=false',
      headers: { cookie: ed.cookie, 'x-csrf-token': ed.csrf, 'content-type': 'application/geo+json' },
      payload: boundaryFile('vn_ninh_binh_province_2025.geojson'),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ field: 'file', message: expect.stringContaining('IMPORT_MAX_BYTES') });
    expect(await checksum(t)).toBe(before);
    await small.close();
  });

  it('is for editors only', async () => {
    const viewer = await signIn(app, 'viewer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports/boundaries?valid_from=2027-01-01',
      headers: { cookie: viewer.cookie, 'x-csrf-token': viewer.csrf, 'content-type': 'application/geo+json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe.each(BACKENDS)('importing all 3,321 wards of Viet Nam on %s', (backend) => {
  it('imports wards whose provinces are not known yet, with a warning each, dac_khu included', async () => {
    const t = await openEmptyDatabase(backend);
    try {
      await prepareSchema(t.database.db, () => {});
      const app = await testApp(t.database);
      const editor = await signIn(app, 'editor');
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports/boundaries?valid_from=2025-07-01&dry_run=false&repair=true',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': 'application/geo+json' },
        payload: boundaryFile('vn_wards_2025_simplified.geojson'),
      });
      expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ committed: true, opened: 3321, by_kind: { phuong: 687, xa: 2621, dac_khu: 13 } });
      expect(report.issues.filter((i: { field: string }) => i.field === 'parent_code')).toHaveLength(
        Math.min(3321, 1000),
      );
      const n = await sql<{
        n: number;
      }>`select count(*)::int as n from admin_unit where valid_from = '2025-07-01'`.execute(t.database.db);
      expect(n.rows[0]!.n).toBe(3321);
      await app.close();
    } finally {
      await t.drop();
    }
  }, 300_000);
});
