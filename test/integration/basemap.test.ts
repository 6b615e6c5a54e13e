import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import sqlite from 'node-sqlite3-wasm';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../server/auth/roles.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import {
  CITY_BBOX,
  LAKE,
  PLACES,
  RIVERS,
  STREETS,
  TEST_ATTRIBUTION,
  testBasemaps,
  tileAt,
  tilesOver,
  type TestBasemaps,
} from '../helpers/basemap-archives.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const IDS = { mbtiles: 'ninh-binh-omt', pmtiles: 'ninh-binh-pm' } as const;
const CENTRE = tileAt(105.975, 20.2505, 14);

type Features = Map<string, Record<string, unknown>[]>;

function decode(bytes: Uint8Array): Features {
  const vt = new VectorTile(new PbfReader(bytes));
  const out: Features = new Map();
  for (const [name, layer] of Object.entries(vt.layers)) {
    const list: Record<string, unknown>[] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      list.push({ ...f.properties, $type: f.type });
    }
    out.set(name, list);
  }
  return out;
}

/** The name the OpenMapTiles style would draw (see nameField in web/src/shared/map/basemap). */
const nameOf = (p: Record<string, unknown>) => (p['name:vi'] ?? p.name ?? p['name:latin']) as string | undefined;

/** The stored bytes of a tile, read straight from the MBTiles file (TMS rows). */
function storedTile(mbtiles: string, z: number, x: number, y: number): Uint8Array {
  const db = new sqlite.Database(mbtiles, { readOnly: true });
  try {
    const row = db.get('select tile_data from tiles where zoom_level = ? and tile_column = ? and tile_row = ?', [
      z,
      x,
      2 ** z - 1 - y,
    ]);
    return row!.tile_data as Uint8Array;
  } finally {
    db.close();
  }
}

describe.each(BACKENDS)('offline basemap on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let viewer: Client;
  let archives: TestBasemaps;
  const versions = new Map<string, string>();

  beforeAll(async () => {
    archives = testBasemaps();
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { BASEMAP_PATH: archives.dir });
    viewer = await signIn(app, 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const tileUrl = (id: string, z: number, x: number, y: number, ext = 'mvt') =>
    `/tiles/basemap/${id}/${z}/${x}/${y}.${ext}`;

  it('lists both archives of the folder, with their schema and TileJSON path', async () => {
    const res = await viewer.get('/tiles/basemap');
    expect(res.statusCode).toBe(200);
    const list = res.json().archives as Record<string, unknown>[];
    expect(list.map((a) => [a.id, a.format, a.schema, a.tilejson])).toEqual([
      [IDS.mbtiles, 'mbtiles', 'openmaptiles', `/tiles/basemap/${IDS.mbtiles}.json`],
      [IDS.pmtiles, 'pmtiles', 'openmaptiles', `/tiles/basemap/${IDS.pmtiles}.json`],
    ]);
  });

  it.each(Object.entries(IDS))('serves a TileJSON 3.0 for the %s archive from its metadata', async (format, id) => {
    const res = await viewer.get(`/tiles/basemap/${id}.json`);
    expect(res.statusCode).toBe(200);
    const tj = res.json();
    versions.set(id, tj.version);
    expect(tj).toMatchObject({
      tilejson: '3.0.0',
      scheme: 'xyz',
      minzoom: 0,
      maxzoom: 14,
      schema: 'openmaptiles',
      format,
    });
    expect(tj.tiles).toEqual([`/tiles/basemap/${id}/{z}/{x}/{y}.mvt?v=${tj.version}`]);
    expect(tj.version).toMatch(/^[0-9a-f]{16}$/);
    tj.bounds.forEach((v: number, i: number) => expect(v).toBeCloseTo(CITY_BBOX[i]!, 5));
    expect(tj.center[0]).toBeGreaterThan(CITY_BBOX[0]);
    expect(tj.center[0]).toBeLessThan(CITY_BBOX[2]);
    expect(tj.vector_layers.map((l: { id: string }) => l.id)).toEqual(
      expect.arrayContaining(['transportation', 'water', 'waterway', 'place']),
    );
    // The PMTiles metadata carries an attribution; tilemaker's MBTiles has none, so OSM's credit is given.
    expect(tj.attribution).toBe(format === 'pmtiles' ? TEST_ATTRIBUTION : '© OpenStreetMap contributors');
    expect(JSON.stringify(tj)).not.toMatch(/https?:/); // tilemaker's metadata names example.com: never passed on

    const again = await viewer.get(`/tiles/basemap/${id}.json`, { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it.each(Object.values(IDS))(
    '%s: z14 tiles over the city hold its streets, rivers, lake and places with Vietnamese names',
    async (id) => {
      const names = {
        transportation_name: new Set<string>(),
        waterway: new Set<string>(),
        water_name: new Set<string>(),
        place: new Set<string>(),
      };
      const classes = new Set<string>();
      let lakes = 0;
      for (const { z, x, y } of tilesOver(CITY_BBOX, 14)) {
        const res = await viewer.get(tileUrl(id, z, x, y));
        if (res.statusCode === 204) continue;
        expect(res.statusCode).toBe(200);
        const f = decode(res.rawPayload);
        for (const [layer, set] of Object.entries(names))
          for (const p of f.get(layer) ?? []) if (nameOf(p)) set.add(nameOf(p)!);
        for (const p of f.get('transportation') ?? []) classes.add(p.class as string);
        lakes += (f.get('water') ?? []).filter((p) => p.$type === 3 && p.class === 'lake').length;
      }
      expect([...names.transportation_name].sort()).toEqual(STREETS.map((s) => s.name).sort());
      expect([...names.waterway].sort()).toEqual(RIVERS.map((r) => r.name).sort());
      expect(names.water_name).toContain(LAKE.name);
      expect([...names.place].sort()).toEqual(PLACES.map((p) => p.name).sort());
      expect(classes).toEqual(new Set(['primary', 'secondary', 'tertiary', 'minor', 'trunk']));
      expect(lakes).toBeGreaterThan(0);
      // Every name arrives composed (NFC), as typed in the OSM file.
      for (const set of Object.values(names)) for (const n of set) expect(n).toBe(n.normalize('NFC'));
    },
  );

  it('serves the same tile bytes from the MBTiles and the PMTiles built from it', async () => {
    const a = await viewer.get(tileUrl(IDS.mbtiles, CENTRE.z, CENTRE.x, CENTRE.y), { 'accept-encoding': 'gzip' });
    const b = await viewer.get(tileUrl(IDS.pmtiles, CENTRE.z, CENTRE.x, CENTRE.y), { 'accept-encoding': 'gzip' });
    expect(a.statusCode).toBe(200);
    expect(Buffer.compare(a.rawPayload, b.rawPayload)).toBe(0);
    // Lower zooms: the city road shows at z10, in the right row (MBTiles rows are flipped from TMS).
    const z10 = tileAt(105.975, 20.25, 10);
    const low = decode((await viewer.get(tileUrl(IDS.mbtiles, 10, z10.x, z10.y))).rawPayload);
    expect((low.get('transportation') ?? []).map((p) => p.class)).toContain('primary');
    expect((await viewer.get(tileUrl(IDS.mbtiles, 10, z10.x, 2 ** 10 - 1 - z10.y))).statusCode).toBe(204);
  });

  it('passes stored gzip through when the client takes it, and unzips it when not', async () => {
    const stored = storedTile(archives.mbtiles, CENTRE.z, CENTRE.x, CENTRE.y);
    expect([stored[0], stored[1]]).toEqual([0x1f, 0x8b]);
    for (const id of Object.values(IDS)) {
      const gz = await viewer.get(tileUrl(id, CENTRE.z, CENTRE.x, CENTRE.y), {
        'accept-encoding': 'gzip, deflate, br',
      });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(gz.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(Buffer.compare(gz.rawPayload, Buffer.from(stored))).toBe(0);
      const plain = await viewer.get(tileUrl(id, CENTRE.z, CENTRE.x, CENTRE.y), { 'accept-encoding': 'gzip;q=0' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(Buffer.compare(plain.rawPayload, gunzipSync(stored))).toBe(0);
      expect(gz.headers.vary).toContain('Accept-Encoding');
      expect(gz.headers.etag).not.toBe(plain.headers.etag);
    }
  });

  it('answers If-None-Match with 304, and caches a versioned URL as immutable, an unversioned one briefly', async () => {
    for (const id of Object.values(IDS)) {
      const url = tileUrl(id, CENTRE.z, CENTRE.x, CENTRE.y);
      const v = versions.get(id)!;
      const first = await viewer.get(`${url}?v=${v}`, { 'accept-encoding': 'gzip' });
      expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"bm-[0-9a-f]{16}-14-\d+-\d+-gz"$/);
      const revalidated = await viewer.get(`${url}?v=${v}`, { 'accept-encoding': 'gzip', 'if-none-match': etag });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.rawPayload.length).toBe(0);
      // Either representation's tag revalidates (weak comparison, as for the boundary tiles).
      expect((await viewer.get(url, { 'if-none-match': `W/${etag}` })).statusCode).toBe(304);
      expect((await viewer.get(url)).headers['cache-control']).toBe('private, max-age=300');
      expect((await viewer.get(`${url}?v=0000000000000000`)).headers['cache-control']).toBe('private, max-age=300');
      expect((await viewer.get(url, { 'if-none-match': '"bm-other"' })).statusCode).toBe(200);
    }
  });

  it('serves .pbf like .mvt, and 204 where the archive has no tile (sea, outside, deeper than its zooms)', async () => {
    const mvt = await viewer.get(tileUrl(IDS.pmtiles, CENTRE.z, CENTRE.x, CENTRE.y));
    const pbf = await viewer.get(tileUrl(IDS.pmtiles, CENTRE.z, CENTRE.x, CENTRE.y, 'pbf'));
    expect(Buffer.compare(mvt.rawPayload, pbf.rawPayload)).toBe(0);
    for (const id of Object.values(IDS)) {
      expect((await viewer.get(tileUrl(id, 14, 0, 0))).statusCode).toBe(204);
      expect((await viewer.get(tileUrl(id, 15, CENTRE.x * 2, CENTRE.y * 2))).statusCode).toBe(204);
    }
  });

  it('refuses anonymous callers like every tile route, and serves every signed-in role whatever its scope', async () => {
    for (const url of [
      '/tiles/basemap',
      `/tiles/basemap/${IDS.pmtiles}.json`,
      tileUrl(IDS.pmtiles, CENTRE.z, CENTRE.x, CENTRE.y),
    ]) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(401);
      expect(
        (await app.inject({ method: 'GET', url, headers: { authorization: 'Bearer atlas_nope' } })).statusCode,
      ).toBe(401);
    }
    // Streets and rivers are public geography, not police data: a ward-scoped officer needs the whole
    // city's streets to find their way, so the basemap is not cut to the scope (the unit tiles are).
    const ward = await signIn(app, 'viewer', { wardCodes: ['14338'] });
    const res = await ward.get(tileUrl(IDS.mbtiles, CENTRE.z, CENTRE.x, CENTRE.y));
    expect(res.statusCode).toBe(200);
    for (const role of ROLES) {
      const c = await signIn(app, role);
      expect((await c.get(`/tiles/basemap/${IDS.mbtiles}.json`)).statusCode, role).toBe(200);
    }
  });

  it('never reaches a file by name: traversal, encoded segments and file names are unknown archives, NUL a bad request', async () => {
    const tries = [
      '/tiles/basemap/..%2F..%2Fetc%2Fpasswd/1/0/0.mvt',
      '/tiles/basemap/%2E%2E/1/0/0.mvt',
      '/tiles/basemap/../1/0/0.mvt',
      `/tiles/basemap/${IDS.mbtiles}.mbtiles/1/0/0.mvt`,
      `/tiles/basemap/${archives.mbtiles.replaceAll('/', '%2F')}/1/0/0.mvt`,
      '/tiles/basemap/..%2F..%2Fpackage.json',
      `/tiles/basemap/${IDS.pmtiles.toUpperCase()}.json`,
    ];
    for (const url of tries) {
      const res = await viewer.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain(archives.dir);
    }
    // A NUL byte anywhere is refused before routing reaches a reader (the app-wide rule).
    const nul = await viewer.get(`/tiles/basemap/${IDS.mbtiles}%00/1/0/0.mvt`);
    expect(nul.statusCode).toBe(400);
    expect(nul.body).not.toContain(archives.dir);
  });

  it('rejects malformed coordinates and unknown parameters with a 400 naming the field', async () => {
    const bad: [string, string][] = [
      [tileUrl(IDS.pmtiles, 2, 4, 0), 'x'],
      [tileUrl(IDS.pmtiles, 2, 0, 4), 'y'],
      [`/tiles/basemap/${IDS.pmtiles}/1e400/0/0.mvt`, 'z'],
      [`/tiles/basemap/${IDS.pmtiles}/99/0/0.mvt`, 'z'],
      [`/tiles/basemap/${IDS.pmtiles}/1/-1/0.mvt`, 'x'],
      [`${tileUrl(IDS.pmtiles, 1, 0, 0)}?v=not-hex`, 'v'],
      [`${tileUrl(IDS.pmtiles, 1, 0, 0)}?at=2017-12-31`, 'at'],
    ];
    for (const [url, field] of bad) {
      const res = await viewer.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.body, url).toContain(field);
    }
  });
});

describe('without BASEMAP_PATH', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openDemoDatabase('pglite');
    app = await testApp(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });
  it('lists no archive and knows none', async () => {
    const viewer = await signIn(app, 'viewer');
    expect((await viewer.get('/tiles/basemap')).json()).toEqual({ archives: [] });
    expect((await viewer.get('/tiles/basemap/city.json')).statusCode).toBe(404);
    expect((await viewer.get('/tiles/basemap/city/14/0/0.mvt')).statusCode).toBe(404);
  });
});
