/**
 * Issue #14, "boundary versions come from the data" and "the deployment's own place", on the demo
 * database: the 129 real 2025 wards of Ninh Bình province (../shared/data/boundaries, read in place)
 * imported through the boundary import as a new ward version valid from 2026-01-01 become the third
 * version the versions API lists, are what units and tiles serve at 2026-02, and move the place
 * (name and extent) from the demo city to the province; the same wards as a VN-2000 Shapefile ZIP
 * made by ogr2ogr keep their parent links with no mapping given.
 */
import { VectorTile } from '@mapbox/vector-tile';
import * as turf from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { shapefileZip } from '../helpers/office-files.ts';
import { boundaryFile } from '../helpers/shared-data.ts';
import { postBoundaryFile } from '../helpers/upload.ts';

const WARDS_FILE = 'vn_ninh_binh_wards_2025.geojson';
const wards = JSON.parse(boundaryFile(WARDS_FILE).toString('utf8')) as FeatureCollection;
const fileBbox = turf.bbox(wards);

interface Version {
  valid_from: string;
  valid_to: string | null;
  units: number;
  changed_from_previous: Record<string, number> | null;
}

/** The web Mercator tile holding a point. */
function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

describe.each(BACKENDS)('boundary versions and the place on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;
  let scoped: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    editor = await signIn(app, 'editor');
    // Phường Bích Đào (2017): a user who may see one ward and its groups.
    scoped = await signIn(app, 'viewer', { wardCodes: ['14332'], at: '2017-12-31' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const versions = async (client: Client, level: string): Promise<Version[]> => {
    const res = await client.get(`/api/boundaries/versions?level=${level}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('lists the demo’s two ward versions, with what the 2025 merger changed', async () => {
    const list = await versions(editor, 'ward');
    expect(list.map((v) => [v.valid_from, v.valid_to, v.units])).toEqual([
      ['2015-01-01', '2025-07-01', 14],
      ['2025-07-01', null, 3],
    ]);
    expect(list[0]!.changed_from_previous).toBeNull();
    // 14 wards closed, 3 opened. Within the demo city Hoa Lư takes 11 wards and Nam Hoa Lư two (Ninh
    // Sơn, Ninh Phong): two mergers of 13; Đông Hoa Lư takes only Ninh Phúc here (its other
    // predecessors lay outside the city), so it is one ward redrawn.
    expect(list[1]!.changed_from_previous).toMatchObject({
      opened: 3,
      closed: 14,
      merged: 2,
      merged_from: 13,
      redrawn: 1,
      new: 0,
      retired: 0,
    });
    // Groups stay, but from the merger they belong to the new wards: a version of the group level too.
    const groups = await versions(editor, 'group');
    expect(groups.map((v) => v.valid_from)).toEqual(['2015-01-01', '2025-07-01']);
    expect(groups[0]!.units).toBe(183);
    expect(groups[1]!.changed_from_previous).toMatchObject({ opened: 0, closed: 0, relinked: 183 });
  });

  it('counts only inside a scoped user’s wards, and names the place with its extent', async () => {
    const list = await versions(scoped, 'ward');
    expect(list).toEqual([{ valid_from: '2015-01-01', valid_to: '2025-07-01', units: 1, changed_from_previous: null }]);
    const groups = await versions(scoped, 'group');
    expect(groups[0]!.units).toBeGreaterThan(0);
    expect(groups[0]!.units).toBeLessThan(183);

    const city = (await editor.get('/api/place?at=2017-12-31')).json();
    expect(city).toMatchObject({
      name_vi: 'Thành phố Ninh Bình',
      name_en: 'Ninh Binh city',
      source: 'data',
      unit: { code: '369', kind: 'thanh_pho' },
      wards: 14,
    });
    const mine = (await scoped.get('/api/place?at=2017-12-31')).json();
    expect(mine).toMatchObject({ name_vi: 'Thành phố Ninh Bình', wards: 1 });
    // The scoped extent is its ward's, inside the city's.
    expect(mine.bbox[0]).toBeGreaterThanOrEqual(city.bbox[0]);
    expect(mine.bbox[2]).toBeLessThanOrEqual(city.bbox[2]);
    expect(mine.bbox[2] - mine.bbox[0]).toBeLessThan(city.bbox[2] - city.bbox[0]);
  });

  it('imports the 129 real wards as the version from 2026-01-01: listed, served at 2026-02, the place follows', async () => {
    const res = await postBoundaryFile(app, editor, 'valid_from=2026-01-01&dry_run=false', boundaryFile(WARDS_FILE));
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    expect(res.json()).toMatchObject({ committed: true, opened: 129, closed: 3, by_kind: { phuong: 32, xa: 97 } });

    const list = await versions(editor, 'ward');
    expect(list.map((v) => [v.valid_from, v.valid_to, v.units])).toEqual([
      ['2015-01-01', '2025-07-01', 14],
      ['2025-07-01', '2026-01-01', 3],
      ['2026-01-01', null, 129],
    ]);
    const change = list[2]!.changed_from_previous!;
    expect(change).toMatchObject({ opened: 129, closed: 3, retired: 0 });
    // New: the real wards no part of the three demo wards went into, as the crosswalk review lists it.
    const xw = (await editor.get('/api/crosswalk?at=2026-01-01')).json().rows as {
      from_code: string;
      to_code: string;
      to_valid_from: string;
    }[];
    const successors = new Set(xw.filter((r) => r.to_valid_from === '2026-01-01').map((r) => r.to_code));
    for (const code of ['14329', '14359', '14566']) expect(successors).toContain(code);
    expect(change.new).toBe(129 - successors.size);
    // The scoped user's ward ended in 2025: the new version is none of their business.
    expect(await versions(scoped, 'ward')).toHaveLength(1);

    const fc = (await editor.get('/api/units?level=ward&at=2026-02-01')).json();
    expect(fc.features).toHaveLength(129);
    expect(new Set(fc.features.map((f: { properties: { code: string } }) => f.properties.code))).toEqual(
      new Set(wards.features.map((f) => f.properties!.code)),
    );
    expect(fc.features.every((f: { properties: { parent_code: string } }) => f.properties.parent_code === '37')).toBe(
      true,
    );

    // One z7 tile holds the whole province: its features are the 129 wards.
    const { x, y } = tileOf((fileBbox[0] + fileBbox[2]) / 2, (fileBbox[1] + fileBbox[3]) / 2, 7);
    expect(tileOf(fileBbox[0], fileBbox[3], 7)).toEqual({ x, y });
    expect(tileOf(fileBbox[2], fileBbox[1], 7)).toEqual({ x, y });
    const tile = await editor.get(`/tiles/ward/7/${x}/${y}.mvt?at=2026-02-01`);
    expect(tile.statusCode).toBe(200);
    const layer = Object.values(new VectorTile(new PbfReader(new Uint8Array(tile.rawPayload))).layers)[0]!;
    const codes = new Set<string>();
    for (let i = 0; i < layer.length; i++) codes.add(String(layer.feature(i).properties.code));
    expect(codes.size).toBe(129);
    expect(codes.has('14329')).toBe(true);

    const place = (await editor.get('/api/place?at=2026-02-01')).json();
    expect(place).toMatchObject({
      name_vi: 'Tỉnh Ninh Bình',
      name_en: 'Ninh Binh province',
      source: 'data',
      unit: { code: '37', kind: 'tinh' },
      wards: 129,
    });
    place.bbox.forEach((v: number, i: number) => expect(v).toBeCloseTo(fileBbox[i]!, 4));
    // Before the new version the place is still the demo city.
    expect((await editor.get('/api/place?at=2025-12-31')).json().wards).toBe(3);
  });

  it('an administrator’s name wins over the data’s, audited; empty gives the data back', async () => {
    const admin = await signIn(app, 'admin');
    expect((await editor.send('PUT', '/api/settings/place', { name_vi: 'X', name_en: '' })).statusCode).toBe(403);
    const put = await admin.send('PUT', '/api/settings/place', { name_vi: '  Công an   tỉnh Ninh Bình ', name_en: '' });
    expect(put.statusCode, put.body).toBe(200);
    const place = (await editor.get('/api/place?at=2026-02-01')).json();
    expect(place).toMatchObject({
      name_vi: 'Công an tỉnh Ninh Bình',
      name_en: 'Ninh Binh province',
      source: 'setting',
    });
    const log = (await admin.get('/api/admin/audit?action=settings.place')).json();
    expect(log[0]).toMatchObject({ entity_id: 'place', after: { name_vi: 'Công an tỉnh Ninh Bình' } });
    await admin.send('PUT', '/api/settings/place', { name_vi: '', name_en: '' });
    expect((await editor.get('/api/place?at=2026-02-01')).json()).toMatchObject({
      name_vi: 'Tỉnh Ninh Bình',
      source: 'data',
    });
  });

  it('the same wards as a VN-2000 Shapefile ZIP keep their parent links with no mapping given', async () => {
    const zip = shapefileZip(WARDS_FILE, { srs: 'EPSG:3405' });
    const res = await postBoundaryFile(app, editor, 'valid_from=2026-03-01&dry_run=false', zip, 'application/zip');
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ format: 'shapefile', committed: true, opened: 129, closed: 129, errors: 0 });
    expect(report.crs).toContain('VN-2000');
    expect(report.mapping.parent_code).toBe('parent_cod');
    expect(report.issues.filter((i: { field: string }) => /parent/.test(i.field))).toEqual([]);
    const fc = (await editor.get('/api/units?level=ward&at=2026-04-01')).json();
    expect(fc.features).toHaveLength(129);
    expect(fc.features.every((f: { properties: { parent_code: string } }) => f.properties.parent_code === '37')).toBe(
      true,
    );
    // A fourth version: every ward redrawn onto itself, nothing merged, split, new or retired.
    const list = await versions(editor, 'ward');
    expect(list.map((v) => v.valid_from)).toEqual(['2015-01-01', '2025-07-01', '2026-01-01', '2026-03-01']);
    expect(list[3]!.changed_from_previous).toMatchObject({
      opened: 129,
      closed: 129,
      merged: 0,
      redrawn: 129,
      split: 0,
      new: 0,
      retired: 0,
    });
  }, 120_000);
});
