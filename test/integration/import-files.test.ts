/**
 * Imports of the files offices actually hold (issue #14): real boundaries written by GDAL as
 * Shapefiles (VN-2000, DBF names cut to 10 characters, legacy encodings with and without .cpg),
 * GeoPackages with several layers, CSV in every encoding, and the broken or hostile files that
 * showed each defect. Names must come back exactly, in Unicode NFC.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { iconvEncode, vniEncode } from '../helpers/legacy-text.ts';
import { geopackage, shapefileZip, wktCsv } from '../helpers/office-files.ts';
import { boundaryFile } from '../helpers/shared-data.ts';
import { postBoundaryFile, upload } from '../helpers/upload.ts';
import { zipOfZeros } from '../helpers/zip-files.ts';

type Props = { code: string; name: string; parent_code?: string };
type Feature = { properties: Props; geometry: unknown };
const WARDS = JSON.parse(boundaryFile('vn_ninh_binh_wards_2025.geojson').toString('utf8')) as GeoJSON.FeatureCollection<
  GeoJSON.Geometry,
  Props
>;
const NAME_BY_CODE = Object.fromEntries(WARDS.features.map((f) => [f.properties.code, f.properties.name]));
const FIRST_NAMES = WARDS.features.slice(0, 5).map((f) => f.properties.name);

/** The wards with their names as a VNI font showed them in a Western code page (what a VNI DBF holds). */
const VNI_WARDS: GeoJSON.FeatureCollection = {
  ...WARDS,
  features: WARDS.features.map((f) => ({
    ...f,
    properties: { ...f.properties, name: vniEncode(f.properties.name).toString('latin1') },
  })),
};

interface Report {
  format: string;
  crs: string;
  features: number;
  errors: number;
  warnings: number;
  committed: boolean;
  opened?: number;
  encoding: { name: string; source: string; samples: string[] } | null;
  mapping: Record<string, string | null>;
  issues: { row: number; code: string | null; field: string; severity: string; message: string }[];
  preview?: { features: { properties: { code: string; name: string }; geometry: { coordinates: number[][][] } }[] };
  layer?: string;
  layers?: { name: string; features: number }[];
}

const previewNames = (r: Report) =>
  Object.fromEntries(r.preview!.features.map((f) => [f.properties.code, f.properties.name]));

describe.each(BACKENDS)('imports of real office files on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;
  const post = (query: string, body: Buffer | string, type?: string) =>
    postBoundaryFile(app, editor, query, body, type);
  const units = async () =>
    (
      await sql<{ n: string }>`select count(*) || ':' || coalesce(max(id), 0) as n from admin_unit`.execute(
        t.database.db,
      )
    ).rows[0]!.n;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { IMPORT_RATE_LIMIT: '100000' });
    editor = await signIn(app, 'editor');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('the 129 real wards as a VN-2000 Shapefile keep their parent links with no mapping given', async () => {
    const province = await post(
      'valid_from=2026-01-01&dry_run=false',
      boundaryFile('vn_ninh_binh_province_2025.geojson'),
    );
    expect(province.statusCode, province.body.slice(0, 300)).toBe(200);
    // GDAL cuts parent_code to parent_cod (a DBF name holds 10 characters).
    const zip = shapefileZip('vn_ninh_binh_wards_2025.geojson', { srs: 'EPSG:3405' });
    const res = await post('valid_from=2026-01-01&dry_run=false', zip, 'application/zip');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const report = res.json() as Report;
    expect(report).toMatchObject({ format: 'shapefile', committed: true, opened: 129, errors: 0 });
    expect(report.crs).toContain('VN-2000');
    expect(report.mapping).toMatchObject({ code: 'code', name: 'name', kind: 'kind', parent_code: 'parent_cod' });
    expect(report.encoding).toMatchObject({ name: 'utf-8', source: 'cpg', samples: FIRST_NAMES });
    expect(report.issues.filter((i) => i.field === 'parent_code' || i.field === 'parent_cod')).toEqual([]);
    const fc = (await editor.get('/api/units?level=ward&at=2026-02-01')).json() as { features: Feature[] };
    expect(fc.features).toHaveLength(129);
    for (const f of fc.features) {
      expect(f.properties.parent_code, f.properties.code).toBe('37');
      expect(f.properties.name).toBe(NAME_BY_CODE[f.properties.code]);
    }
  });

  it('warns when wards have no parent column, instead of losing the links silently', async () => {
    const noParent: GeoJSON.FeatureCollection = {
      ...WARDS,
      features: WARDS.features.map((f) => ({ ...f, properties: { code: f.properties.code, name: f.properties.name } })),
    };
    const res = await post('valid_from=2027-01-01&dry_run=true', shapefileZip(noParent), 'application/zip');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const warning = (res.json() as Report).issues.find((i) => i.field === 'parent_code');
    expect(warning).toMatchObject({ row: 0, severity: 'warning' });
    expect(warning!.message).toMatch(/no parent column found.*phuong, xa.*without parent links/);
  });

  it.each([
    ['Windows-1258 with its .cpg', WARDS, { encoding: 'CP1258' }, 'windows-1258', 'cpg'],
    ['Windows-1258 without .cpg', WARDS, { encoding: 'CP1258', dropCpg: true }, 'windows-1258', 'detected'],
    ['TCVN3 without .cpg', WARDS, { encoding: 'TCVN5712-1', dropCpg: true }, 'tcvn3', 'detected'],
    ['VNI under a Latin-1 .cpg', VNI_WARDS, { encoding: 'ISO-8859-1' }, 'vni', 'detected'],
  ] as const)('reads a DBF in %s and gives back the exact names', async (_label, source, opts, encoding, how) => {
    const zip = shapefileZip(source, opts);
    const res = await post('valid_from=2027-01-01&dry_run=true', zip, 'application/zip');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const report = res.json() as Report;
    expect(report.encoding).toMatchObject({ name: encoding, source: how, samples: FIRST_NAMES });
    expect(previewNames(report)).toEqual(NAME_BY_CODE);
    expect(Object.values(previewNames(report)).every((n) => n === n.normalize('NFC'))).toBe(true);
  });

  it('lets the user override the encoding it detected', async () => {
    const zip = shapefileZip(WARDS, { encoding: 'TCVN5712-1', dropCpg: true });
    const res = await post('valid_from=2027-01-01&dry_run=true&encoding=windows-1258', zip, 'application/zip');
    expect(res.statusCode).toBe(200);
    const report = res.json() as Report;
    expect(report.encoding).toMatchObject({ name: 'windows-1258', source: 'chosen' });
    // Read the wrong way, "Phường Phủ Lý" is not itself: the samples show it at once.
    expect(report.encoding!.samples[0]).not.toBe(FIRST_NAMES[0]);
  });

  it('reads CSV with WKT in Windows-1258, TCVN3, VNI and UTF-16, names exact', async () => {
    const csv = wktCsv(WARDS);
    const files: [string, Buffer][] = [
      ['windows-1258', iconvEncode(csv, 'CP1258')],
      ['tcvn3', iconvEncode(csv, 'TCVN5712-1')],
      ['vni', vniEncode(csv)],
      ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')])],
    ];
    for (const [encoding, body] of files) {
      const res = await post('valid_from=2027-01-01&dry_run=true&repair=true', body, 'text/csv');
      expect(res.statusCode, `${encoding}: ${res.body.slice(0, 300)}`).toBe(200);
      const report = res.json() as Report;
      expect(report.encoding?.name, encoding).toBe(encoding);
      expect(previewNames(report), encoding).toEqual(NAME_BY_CODE);
    }
  });

  it('reads indicator sheets in Windows-1258, TCVN3 and VNI, matching units by their exact names', async () => {
    const tpl = await editor.get('/api/imports/indicators/template?indicators=cases_total&period=2024-03');
    const lines = tpl.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    // No code column: the units are found by name only, so every name must decode exactly.
    const rows = lines.map((r, i) => [r[1], r[2], i === 0 ? r[3] : String(i)].join(','));
    const text = `${rows.join('\r\n')}\r\n`;
    const names = lines.slice(1, 6).map((r) => r[1]!);
    expect(names.some((n) => /[^\x20-\x7e]/.test(n))).toBe(true);
    for (const [encoding, content] of [
      ['windows-1258', iconvEncode(text, 'CP1258')],
      ['tcvn3', iconvEncode(text, 'TCVN5712-1')],
      ['vni', vniEncode(text)],
    ] as const) {
      const res = await upload(app, editor, '/api/imports/indicators?dry_run=true', {
        filename: `${encoding}.csv`,
        content,
      });
      expect(res.statusCode, `${encoding}: ${res.body.slice(0, 400)}`).toBe(200);
      const report = res.json() as {
        rows_read: number;
        to_insert: number;
        to_update: number;
        unchanged: number;
        errors_total: number;
        encoding: Report['encoding'];
      };
      expect(report).toMatchObject({ rows_read: 14, errors_total: 0 });
      expect(report.to_insert + report.to_update + report.unchanged, encoding).toBe(14);
      expect(report.encoding).toMatchObject({ name: encoding, source: 'detected', samples: names });
    }
  });

  it('imports the chosen layer of a GeoPackage with two layers', async () => {
    const gpkg = geopackage([
      { source: 'vn_ninh_binh_province_2025.geojson', name: 'tinh' },
      { source: 'vn_ninh_binh_wards_2025.geojson', name: 'phuong_xa', srs: 'EPSG:3405' },
    ]);
    const type = 'application/geopackage+sqlite3';
    const none = await post('valid_from=2027-01-01&dry_run=true', gpkg, type);
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'layer', message: expect.stringMatching(/holds 2 layers: choose one/) });
    expect(none.json().details.layers).toEqual([
      { name: 'phuong_xa', features: 129, geometry_type: expect.any(String), srs_id: 3405 },
      { name: 'tinh', features: 1, geometry_type: expect.any(String), srs_id: 4326 },
    ]);
    const wards = await post('valid_from=2027-01-01&dry_run=true&layer=phuong_xa', gpkg, type);
    expect(wards.statusCode, wards.body.slice(0, 300)).toBe(200);
    const report = wards.json() as Report;
    expect(report).toMatchObject({ format: 'geopackage', layer: 'phuong_xa', features: 129, errors: 0 });
    expect(report.crs).toContain('VN-2000');
    expect(report.mapping.parent_code).toBe('parent_code');
    expect(previewNames(report)).toEqual(NAME_BY_CODE);
    const province = await post('valid_from=2027-01-01&dry_run=true&layer=tinh', gpkg, type);
    expect(province.json()).toMatchObject({ layer: 'tinh', features: 1, by_kind: { tinh: 1 } });
    const unknown = await post('valid_from=2027-01-01&dry_run=true&layer=huyen', gpkg, type);
    expect(unknown.json()).toMatchObject({
      statusCode: 400,
      field: 'layer',
      message: expect.stringMatching(/no layer "huyen"/),
    });
  });

  it('refuses an unclosed ring naming the feature and ring, and closes it on request with a preview', async () => {
    const before = await units();
    const square = [
      [105.9, 20.2],
      [106.0, 20.2],
      [106.0, 20.3],
      [105.9, 20.3],
    ];
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: '99010', name: 'Xã Hở', kind: 'xa', parent_code: '37' },
          geometry: { type: 'Polygon', coordinates: [square] },
        },
      ],
    });
    const refused = await post('valid_from=2028-01-01&dry_run=false', file, 'application/geo+json');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ field: 'geometry' });
    expect(refused.json().message).toMatch(/đối tượng 1 \(99010\).*ring not closed.*ring 1 \(outer\)/);
    // A CSV may start with "PK" (a PK_ID column) and still be a CSV, not a broken ZIP.
    const csv = `PK_ID,code,name,kind,wkt\n1,99011,Xã Hở,xa,"POLYGON((${square.map((p) => p.join(' ')).join(',')}))"\n`;
    const refusedCsv = await post('valid_from=2028-01-01&dry_run=true', csv, 'text/csv');
    expect(refusedCsv.json().message).toMatch(/đối tượng 2 \(99011\).*ring not closed/);
    expect(await units()).toBe(before);
    const repaired = await post('valid_from=2028-01-01&dry_run=true&repair=true', file, 'application/geo+json');
    expect(repaired.statusCode, repaired.body.slice(0, 300)).toBe(200);
    const report = repaired.json() as Report;
    expect(report.issues.filter((i) => /ring/.test(i.message))).toEqual([
      expect.objectContaining({
        row: 1,
        severity: 'warning',
        message: expect.stringMatching(/unclosed ring repaired/),
      }),
    ]);
    expect(report.preview!.features).toHaveLength(1);
    // The outer ring of the first polygon, whether the preview holds a Polygon or a MultiPolygon.
    let ring: unknown = report.preview!.features[0]!.geometry.coordinates;
    while (Array.isArray((ring as unknown[][])[0]?.[0])) ring = (ring as unknown[])[0];
    ring = ring as number[][];
    expect((ring as number[][]).length).toBe(5);
    expect((ring as number[][]).at(-1)).toEqual((ring as number[][])[0]);
  });

  it('says what is wrong with hostile and broken files, without echoing their bytes, writing nothing', async () => {
    const before = await units();
    const deep = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)},"geometry":null}]}`;
    const layer = {
      'wards.shp': new Uint8Array(100),
      'wards.dbf': new Uint8Array(100),
      'wards.prj': new Uint8Array(10),
    };
    const cases: [string, Buffer | string, string, RegExp][] = [
      [
        'PK but not a ZIP',
        Buffer.concat([Buffer.from('PK\x03\x04'), randomBytes(20_000)]),
        'application/zip',
        /not a ZIP archive/,
      ],
      ['50 MB of random bytes as GeoJSON', randomBytes(50 * 1024 * 1024), 'application/geo+json', /not a text file/],
      ['deeply nested JSON', deep, 'application/geo+json', /nesting too deep: more than 64 levels/],
      [
        'a ZIP entry named ../x',
        Buffer.from(zipSync({ ...layer, '../x': new Uint8Array(1) })),
        'application/zip',
        /unsafe path in archive: \.\.\/x/,
      ],
      [
        'a zip bomb declaring 600 MB',
        zipOfZeros('wards.shp', 600 * 1024 * 1024),
        'application/zip',
        /declares 629145600 bytes uncompressed.*refused before inflating/,
      ],
      [
        'a zip bomb that lies about its size',
        zipOfZeros('wards.shp', 100 * 1024 * 1024, 1000),
        'application/zip',
        /extracts to more than/,
      ],
    ];
    for (const [label, body, type, message] of cases) {
      const res = await post('valid_from=2028-01-01&dry_run=false', body, type);
      expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBe(400);
      const msg = res.json().message as string;
      expect(msg, label).toMatch(message);
      // Nothing of the file's bytes: no replacement characters, control characters or Latin-1 junk.
      expect(msg, label).not.toMatch(/[\uFFFD\p{Cc}]/u);
    }
    const binarySheet = await upload(app, editor, '/api/imports/indicators?dry_run=true', {
      filename: 'so-lieu.csv',
      content: randomBytes(100_000),
    });
    expect(binarySheet.statusCode).toBe(400);
    expect(binarySheet.json().message).toMatch(/not a text file/);
    // A workbook is a ZIP too: its directory is checked before exceljs inflates it.
    const bombSheet = await upload(app, editor, '/api/imports/indicators?dry_run=true', {
      filename: 'so-lieu.xlsx',
      content: zipOfZeros('xl/worksheets/sheet1.xml', 600 * 1024 * 1024),
    });
    expect(bombSheet.statusCode).toBe(400);
    expect(bombSheet.json().message).toMatch(/XLSX: .*declares 629145600 bytes uncompressed/);
    expect(await units()).toBe(before);
  });
});
