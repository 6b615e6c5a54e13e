import { gunzipSync } from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import * as turf from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL } from '../../server/auth/scope.ts';
import { epochOf } from '../../server/tiles/epochs.ts';
import { TILE_BUFFER, TILE_EXTENT, type TileLayer } from '../../server/tiles/mvt.ts';
import { TilesRepository, type TileQuery } from '../../server/tiles/tiles.repository.ts';
import { TileService } from '../../server/tiles/tiles.service.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const AT = '2017-12-31';
const CENTRE = { lon: 105.97, lat: 20.25 };
const TILE_AREA = TILE_EXTENT * TILE_EXTENT;

type UnitFC = FeatureCollection<
  MultiPolygon,
  { id: number; code: string; short_name: string; parent_code: string | null }
>;
interface Hotspot {
  unit_id: number;
  categories: string[];
  status: string;
}
interface Decoded {
  id: number | undefined;
  properties: Record<string, unknown>;
  /**
   * Area inside the tile proper (the buffer cut off), in tile units (extent² = the whole tile): the
   * shoelace formula over the decoded rings, each clipped to [0, extent]² first.
   */
  area: number;
}
type XY = { x: number; y: number };
type BBox = [number, number, number, number];

function tileOf(lon: number, lat: number, z: number): XY {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

/** The tile's bounds in lon/lat, widened (or narrowed, when negative) by `px` tile pixels. */
function tileBBox(z: number, { x, y }: XY, px = 0): BBox {
  const n = 2 ** z;
  const m = px / TILE_EXTENT;
  const lon = (tx: number) => (tx / n) * 360 - 180;
  const lat = (ty: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x - m), lat(y + 1 + m), lon(x + 1 + m), lat(y - m)];
}

function tilesCovering(bbox: BBox, z: number): XY[] {
  const a = tileOf(bbox[0], bbox[3], z);
  const b = tileOf(bbox[2], bbox[1], z);
  const out: XY[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ x, y });
  return out;
}

function decode(bytes: Uint8Array, layer: string): Decoded[] {
  const vt = new VectorTile(new PbfReader(bytes));
  expect(Object.keys(vt.layers)).toEqual([layer]);
  const l = vt.layers[layer]!;
  expect(l.extent).toBe(TILE_EXTENT);
  expect(l.version).toBe(2);
  const out: Decoded[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    expect(f.type).toBe(3); // polygon
    let area = 0;
    for (const ring of f.loadGeometry()) area += shoelace(clipToTile(ring.map((p) => [p.x, p.y] as Pt)));
    out.push({ id: f.id, properties: { ...f.properties }, area: Math.abs(area) });
  }
  return out;
}

type Pt = [number, number];

/** Signed ring area; exterior rings and holes of a valid tile have opposite signs. */
function shoelace(ring: Pt[]): number {
  let a = 0;
  for (let j = 0; j < ring.length; j++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[(j + 1) % ring.length]!;
    a += x1 * y2 - x2 * y1;
  }
  return a / 2;
}

/** Sutherland–Hodgman against the four edges of [0, extent]²: the part of a ring inside the tile proper. */
function clipToTile(ring: Pt[]): Pt[] {
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [0, 1].flatMap((axis) =>
    [0, TILE_EXTENT].map((bound): [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt] => [
      (p) => (bound === 0 ? p[axis]! >= 0 : p[axis]! <= bound),
      (a, b) => {
        const t = (bound - a[axis]!) / (b[axis]! - a[axis]!);
        return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
      },
    ]),
  );
  let out = ring;
  for (const [inside, cut] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
  }
  return out;
}

const ids = (features: { id: number | undefined }[]) => features.map((f) => f.id!).sort((a, b) => a - b);

/**
 * Units the tile must hold (they meet the tile shrunk by 4 px) and may hold (they meet the tile
 * widened by its buffer and 4 px): simplification moves edges by up to a pixel.
 */
function expectedIds(fc: UnitFC['features'], z: number, t: XY): { must: Set<number>; may: Set<number> } {
  const inner = turf.bboxPolygon(tileBBox(z, t, -4));
  const outer = turf.bboxPolygon(tileBBox(z, t, TILE_BUFFER + 4));
  const must = new Set(fc.filter((f) => turf.booleanIntersects(f, inner)).map((f) => f.id as number));
  const may = new Set(fc.filter((f) => turf.booleanIntersects(f, outer)).map((f) => f.id as number));
  return { must, may };
}

describe.each(BACKENDS)('vector tiles on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let all: Client;
  let bichDao: Client;
  let wards: UnitFC;
  let groups: UnitFC;
  let hotspots: Hotspot[];
  let cityBBox: BBox;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    all = await signIn(app, 'commander');
    bichDao = await signIn(app, 'viewer', { wardCodes: ['14332'] });
    wards = (await all.get(`/api/units?level=ward&at=${AT}`)).json() as UnitFC;
    groups = (await all.get(`/api/units?level=group&at=${AT}`)).json() as UnitFC;
    hotspots = (await all.get(`/api/hotspots?at=${AT}`)).json().hotspots as Hotspot[];
    cityBBox = turf.bbox(wards) as BBox;
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const fetchTile = async (c: Client, layer: TileLayer, z: number, { x, y }: XY, at = AT) =>
    c.get(`/tiles/${layer}/${z}/${x}/${y}.mvt?at=${at}`);

  it('uses ST_AsMVT on PostgreSQL and the Node builder on PGlite', () => {
    expect(app.services.tiles.activeBuilder).toBe(backend === 'postgres' ? 'postgis' : 'node');
  });

  it('serves the 14 wards of 2017 across the z12 tiles of the city, with their ids and names', async () => {
    const byId = new Map(wards.features.map((f) => [f.id as number, f.properties]));
    const tiles = tilesCovering(cityBBox, 12);
    const seen = new Set<number>();
    for (const xy of tiles) {
      const res = await fetchTile(all, 'ward', 12, xy);
      const { must, may } = expectedIds(wards.features, 12, xy);
      if (res.statusCode === 204) {
        expect(must.size, `z12 ${xy.x}/${xy.y}`).toBe(0);
        continue;
      }
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      const features = decode(res.rawPayload, 'ward');
      for (const id of must) expect(ids(features)).toContain(id);
      for (const f of features) {
        expect(may.has(f.id!), `ward ${f.id} in z12 ${xy.x}/${xy.y}`).toBe(true);
        const u = byId.get(f.id!)!;
        expect(f.properties).toEqual({ id: f.id, code: u.code, name: u.short_name });
        seen.add(f.id!);
      }
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(ids(wards.features as { id: number }[]));
    expect(seen.size).toBe(14);
  });

  it('serves groups and hotspots at z12, z14 and z15 as /api/units and /api/hotspots say', async () => {
    const groupById = new Map(groups.features.map((f) => [f.id as number, f.properties]));
    const hotspotById = new Map(hotspots.map((h) => [h.unit_id, h]));
    const hotspotFeatures = groups.features.filter((f) => hotspotById.has(f.id as number));
    expect(hotspotFeatures).toHaveLength(23);
    const seen = { group: new Set<number>(), hotspot: new Set<number>() };
    const cases: [number, XY][] = [
      ...tilesCovering(cityBBox, 12).map((xy): [number, XY] => [12, xy]),
      [14, tileOf(CENTRE.lon, CENTRE.lat, 14)],
      [15, tileOf(CENTRE.lon, CENTRE.lat, 15)],
    ];
    for (const [z, xy] of cases) {
      for (const layer of ['group', 'hotspot'] as const) {
        const res = await fetchTile(all, layer, z, xy);
        const { must, may } = expectedIds(layer === 'group' ? groups.features : hotspotFeatures, z, xy);
        const label = `${layer} z${z} ${xy.x}/${xy.y}`;
        if (z > 12) expect(must.size, label).toBeGreaterThan(0); // the centre tiles are not empty
        const features = res.statusCode === 204 ? [] : decode(res.rawPayload, layer);
        for (const id of must) expect(ids(features), label).toContain(id);
        for (const f of features) {
          expect(may.has(f.id!), `${label}: ${f.id}`).toBe(true);
          const g = groupById.get(f.id!)!;
          const expected: Record<string, unknown> = {
            id: f.id,
            code: g.code,
            name: g.short_name,
            parent_code: g.parent_code,
          };
          if (layer === 'hotspot') {
            const h = hotspotById.get(f.id!)!;
            expected.status = h.status;
            expected.categories = h.categories.join(',');
          }
          expect(f.properties, label).toEqual(expected);
          if (z === 12) seen[layer].add(f.id!);
        }
      }
    }
    expect(seen.group.size).toBe(183);
    expect([...seen.hotspot].sort((a, b) => a - b)).toEqual(ids(hotspotFeatures as { id: number }[]));
    // Before any designation there is no hotspot at all.
    const centre = tileOf(CENTRE.lon, CENTRE.lat, 12);
    expect((await fetchTile(all, 'hotspot', 12, centre, '2016-06-30')).statusCode).toBe(204);
  });

  it('builds the same tile with ST_AsMVT and with geojson-vt from the same database', async () => {
    // On PGlite only the Node builder exists (the test above decodes its tiles); see the fallback
    // test below. On PostgreSQL both builders run against the same data and must agree.
    if (backend !== 'postgres') return;
    const tiles = app.services.tiles;
    const cases: [number, XY][] = [
      [10, tileOf(CENTRE.lon, CENTRE.lat, 10)],
      ...tilesCovering(cityBBox, 12).map((xy): [number, XY] => [12, xy]),
      ...tilesCovering(cityBBox, 14).map((xy): [number, XY] => [14, xy]),
      [15, tileOf(CENTRE.lon, CENTRE.lat, 15)],
    ];
    let compared = 0;
    for (const [z, xy] of cases) {
      for (const layer of ['ward', 'group', 'hotspot'] as const) {
        const q: TileQuery = { layer, z, ...xy, at: AT, scope: ALL };
        const [pg, node] = await Promise.all([tiles.build(q, 'postgis'), tiles.build(q, 'node')]);
        const label = `${layer} z${z} ${xy.x}/${xy.y}`;
        expect(pg.byteLength === 0, label).toBe(node.byteLength === 0);
        if (!pg.byteLength) continue;
        const a = decode(pg, layer);
        const b = decode(node, layer);
        expect(ids(b), label).toEqual(ids(a));
        const byId = new Map(b.map((f) => [f.id, f]));
        for (const fa of a) {
          const fb = byId.get(fa.id)!;
          expect(fb.properties, `${label}: ${fa.id}`).toEqual(fa.properties);
          // Ignore features with under 0.1 % of the tile (≈ 130 × 130 px) inside it: slivers along an
          // edge or in a corner, where the two builders snap the points they create on the buffer
          // line to neighbouring grid cells (e.g. x 36 vs 37), and one cell is over 1 % of so little.
          if (fa.area < TILE_AREA * 0.001) continue;
          expect(Math.abs(fa.area - fb.area) / fa.area, `${label}: ${fa.id} ${fa.area} vs ${fb.area}`).toBeLessThan(
            0.01,
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('falls back to the Node builder when PostGIS has no ST_AsMVT', async () => {
    if (backend !== 'pglite') return;
    // Told it runs on PostgreSQL, the service tries ST_AsMVT, meets "compiled without protobuf-c"
    // and switches to the Node builder for good.
    const service = new TileService(new TilesRepository(t.database.db), 'postgres');
    expect(service.activeBuilder).toBe('postgis');
    const q: TileQuery = { layer: 'ward', z: 12, ...tileOf(CENTRE.lon, CENTRE.lat, 12), at: AT, scope: ALL };
    const bytes = await service.build(q);
    expect(service.activeBuilder).toBe('node');
    expect(Buffer.from(bytes)).toEqual(Buffer.from(await app.services.tiles.build(q)));
  });

  it('builds a tile once per boundary epoch: every date between two changes gets the same bytes', async () => {
    // Counts the statements that build tiles; the data and the SQL are the real ones.
    let builds = 0;
    class Counting extends TilesRepository {
      override mvt(q: TileQuery) {
        builds++;
        return super.mvt(q);
      }
      override rows(q: TileQuery) {
        builds++;
        return super.rows(q);
      }
    }
    const service = new TileService(new Counting(t.database.db), backend);
    const dates = await new TilesRepository(t.database.db).changeDates();
    expect(dates.length).toBeGreaterThan(1);
    const xy = tileOf(CENTRE.lon, CENTRE.lat, 12);
    // Month ends from 2016 to 2026: what the map asks for while it plays through the periods.
    const months = Array.from({ length: 11 * 12 }, (_, i) => {
      const d = new Date(Date.UTC(2016 + Math.floor(i / 12), (i % 12) + 1, 0));
      return d.toISOString().slice(0, 10);
    });
    for (const layer of ['ward', 'group', 'hotspot'] as const) {
      builds = 0;
      const etags = new Set<string>();
      for (const at of months) {
        const q: TileQuery = { layer, z: 12, ...xy, at, scope: ALL };
        const tile = await service.tile(q);
        etags.add(tile.etag);
        // The tile served for `at` is the tile the SQL draws for `at` itself.
        expect(Buffer.from(tile.bytes), `${layer} ${at}`).toEqual(Buffer.from(await service.build(q)));
      }
      const epochs = new Set(months.map((at) => epochOf(dates, at)));
      expect(etags.size, layer).toBe(epochs.size);
      // One build per epoch for the served tiles, plus the direct build of each month above.
      expect(builds, layer).toBe(epochs.size + months.length);
      expect(epochs.size).toBeLessThan(months.length / 2);
    }
  });

  it('revalidates with a strong ETag, answers 304 without a body, and gzips on request', async () => {
    const xy = tileOf(CENTRE.lon, CENTRE.lat, 14);
    const url = `/tiles/group/14/${xy.x}/${xy.y}.mvt?at=${AT}`;
    const first = await all.get(url);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
    expect(String(first.headers.vary)).toContain('Accept-Encoding');
    expect(String(first.headers.vary)).toContain('Cookie');
    expect(first.headers['content-encoding']).toBeUndefined();

    const again = await all.get(url, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.byteLength).toBe(0);
    expect(again.headers.etag).toBe(etag);
    // A miss still sends the tile, with the same validator.
    const miss = await all.get(url, { 'if-none-match': '"something-else"' });
    expect(miss.statusCode).toBe(200);
    expect(miss.headers.etag).toBe(etag);
    expect(Buffer.compare(miss.rawPayload, first.rawPayload)).toBe(0);

    const later = await all.get(`/tiles/group/14/${xy.x}/${xy.y}.mvt?at=2025-08-01`);
    expect(later.statusCode).toBe(200);
    expect(later.headers.etag).not.toBe(etag);
    const otherLayer = await all.get(`/tiles/hotspot/14/${xy.x}/${xy.y}.mvt?at=${AT}`);
    expect(otherLayer.headers.etag).not.toBe(etag);

    const gz = await all.get(url, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.etag).toBe(etag.replace(/"$/, '-gz"'));
    const plain = gunzipSync(gz.rawPayload);
    expect(Buffer.compare(plain, first.rawPayload)).toBe(0);
    expect(gz.rawPayload.byteLength).toBeLessThan(first.rawPayload.byteLength);
    expect(decode(plain, 'group').length).toBeGreaterThan(5);
    expect((await all.get(url, { 'if-none-match': gz.headers.etag as string })).statusCode).toBe(304);
    expect((await all.get(url, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();

    // An empty tile is a cheap 204 with a validator, and revalidates too.
    const empty = await all.get(`/tiles/ward/12/0/0.mvt?at=${AT}`);
    expect(empty.statusCode).toBe(204);
    expect(empty.rawPayload.byteLength).toBe(0);
    expect(empty.headers.etag).toBeDefined();
    const emptyAgain = await all.get(`/tiles/ward/12/0/0.mvt?at=${AT}`, {
      'if-none-match': String(empty.headers.etag),
    });
    expect(emptyAgain.statusCode).toBe(304);
  });

  it('gives a ward-scoped viewer only the units of their ward, and nothing elsewhere', async () => {
    const mine = groups.features.filter((f) => f.properties.parent_code === '14332');
    expect(mine.length).toBeGreaterThan(3);
    const mineIds = new Set(mine.map((f) => f.id as number));
    const seen = new Set<number>();
    for (const xy of tilesCovering(cityBBox, 12)) {
      const res = await fetchTile(bichDao, 'group', 12, xy);
      if (res.statusCode === 204) continue;
      for (const f of decode(res.rawPayload, 'group')) {
        expect(mineIds.has(f.id!), `group ${f.id}`).toBe(true);
        seen.add(f.id!);
      }
      const w = await fetchTile(bichDao, 'ward', 12, xy);
      if (w.statusCode === 200) expect(decode(w.rawPayload, 'ward').map((f) => f.properties.code)).toEqual(['14332']);
      const h = await fetchTile(bichDao, 'hotspot', 12, xy);
      if (h.statusCode === 200) for (const f of decode(h.rawPayload, 'hotspot')) expect(mineIds.has(f.id!)).toBe(true);
    }
    expect(seen).toEqual(mineIds);

    // A z14 tile of the city full of other wards' groups but away from Bích Đào's: nothing, as 204.
    const outer = (xy: XY) => turf.bboxPolygon(tileBBox(14, xy, TILE_BUFFER + 4));
    const far = tilesCovering(cityBBox, 14).find(
      (xy) =>
        groups.features.filter((f) => turf.booleanIntersects(f, outer(xy))).length > 5 &&
        !mine.some((f) => turf.booleanIntersects(f, outer(xy))),
    );
    expect(far).toBeDefined();
    expect((await fetchTile(all, 'group', 14, far!)).statusCode).toBe(200);
    expect((await fetchTile(bichDao, 'group', 14, far!)).statusCode).toBe(204);

    // The same URL is a different tile for a different scope, so it has a different validator.
    const centre = turf.centroid(mine[0]!).geometry.coordinates as [number, number];
    const xy = tileOf(centre[0], centre[1], 14);
    const a = await fetchTile(all, 'group', 14, xy);
    const b = await fetchTile(bichDao, 'group', 14, xy);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.headers.etag).not.toBe(a.headers.etag);
    // …and the unscoped user's validator does not revalidate the scoped user's copy.
    const cross = await bichDao.get(`/tiles/group/14/${xy.x}/${xy.y}.mvt?at=${AT}`, {
      'if-none-match': String(a.headers.etag),
    });
    expect(cross.statusCode).toBe(200);
  });

  it('answers bad tile addresses with 400 naming the field, and anonymous callers with 401', async () => {
    const cases: [string, string][] = [
      ['/tiles/city/12/3253/1812.mvt', 'layer'],
      ['/tiles/ward/23/0/0.mvt', 'z'],
      ['/tiles/ward/-1/0/0.mvt', 'z'],
      ['/tiles/ward/1.5/0/0.mvt', 'z'],
      ['/tiles/ward/12/4096/1812.mvt', 'x'],
      ['/tiles/ward/12/abc/1812.mvt', 'x'],
      ['/tiles/ward/12/3253/4096.mvt', 'y'],
      ['/tiles/ward/12/3253/-3.mvt', 'y'],
      ['/tiles/ward/0/0/1.mvt', 'y'],
      ['/tiles/ward/12/3253/1812.mvt?at=2017-02-30', 'at'],
      ['/tiles/ward/12/3253/1812.mvt?at=yesterday', 'at'],
      ['/tiles/ward/12/3253/1812.mvt?level=ward', 'level'],
    ];
    for (const [url, field] of cases) {
      const res = await all.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().field, url).toBe(field);
    }
    expect((await all.get('/tiles/ward/12/3253/1812.png')).statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: `/tiles/ward/12/3253/1812.mvt?at=${AT}` });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('json');
  });
});
