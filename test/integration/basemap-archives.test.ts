import fs, { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sqlite from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BasemapService } from '../../server/basemap/basemap.service.ts';
import { MbtilesArchive } from '../../server/basemap/mbtiles.archive.ts';
import { PmtilesArchive } from '../../server/basemap/pmtiles.archive.ts';
import { ConfigError } from '../../server/config.ts';
import {
  CITY_BBOX,
  mbtilesToPmtiles,
  testBasemaps,
  tilesOver,
  type TestBasemaps,
} from '../helpers/basemap-archives.ts';
import { Compression, writePmtiles } from '../helpers/pmtiles-writer.ts';

/**
 * The archive readers without HTTP: start-up checks (each refusal names the file and the problem)
 * and proof that tiles are read by range/row, never the whole archive.
 */
let dir: string;
let city: TestBasemaps;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-basemap-'));
  city = testBasemaps();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeMbtiles(
  path: string,
  metadata: Record<string, string>,
  tiles: { z: number; x: number; y: number; data: Uint8Array }[],
) {
  const db = new sqlite.Database(path);
  try {
    db.exec(
      'create table metadata (name text, value text, unique (name)); ' +
        'create table tiles (zoom_level integer, tile_column integer, tile_row integer, tile_data blob, unique (zoom_level, tile_column, tile_row));',
    );
    for (const [name, value] of Object.entries(metadata)) db.run('insert into metadata values (?, ?)', [name, value]);
    db.exec('begin');
    for (const t of tiles) db.run('insert into tiles values (?, ?, ?, ?)', [t.z, t.x, 2 ** t.z - 1 - t.y, t.data]);
    db.exec('commit');
  } finally {
    db.close();
  }
}

async function refusal(path: string | undefined): Promise<string> {
  try {
    const s = await BasemapService.open(path);
    await s.close();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).message;
  }
  throw new Error(`${path} was accepted`);
}

describe('BASEMAP_PATH checks at start', () => {
  it('opens nothing when unset', async () => {
    const s = await BasemapService.open(undefined);
    expect(s.list()).toEqual([]);
  });

  it('names a missing path', async () => {
    const missing = join(dir, 'nope', 'city.pmtiles');
    const m = await refusal(missing);
    expect(m).toContain('BASEMAP_PATH');
    expect(m).toContain(missing);
    expect(m).toContain('does not exist');
  });

  it('names a folder without archives and a file of another kind', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'x');
    expect(await refusal(empty)).toMatch(/folder holds no \.pmtiles or \.mbtiles/);
    expect(await refusal(join(empty, 'notes.txt'))).toMatch(/notes\.txt: .*expected a \.pmtiles or \.mbtiles file/);
  });

  it('names a file that is not what its extension says', async () => {
    const fakePm = join(dir, 'fake.pmtiles');
    writeFileSync(fakePm, 'this is not an archive '.repeat(100));
    expect(await refusal(fakePm)).toMatch(/fake\.pmtiles: .*not a PMTiles v3 archive/);
    const fakeMb = join(dir, 'fake.mbtiles');
    writeFileSync(fakeMb, 'this is not SQLite either '.repeat(100));
    expect(await refusal(fakeMb)).toMatch(/fake\.mbtiles: .*(cannot open as SQLite|not an MBTiles)/);
  });

  it('refuses raster archives and vector ones of a schema it has no style for', async () => {
    const raster = join(dir, 'photo.mbtiles');
    makeMbtiles(raster, { name: 'ortho', format: 'png' }, [{ z: 0, x: 0, y: 0, data: new Uint8Array([0x89, 0x50]) }]);
    expect(await refusal(raster)).toMatch(/photo\.mbtiles: .*"png", a vector \(pbf\) basemap is needed/);
    const other = join(dir, 'other.mbtiles');
    makeMbtiles(
      other,
      { format: 'pbf', json: JSON.stringify({ vector_layers: [{ id: 'roads_custom', fields: {} }] }) },
      [{ z: 0, x: 0, y: 0, data: gzipSync(Buffer.from('x')) }],
    );
    expect(await refusal(other)).toMatch(/other\.mbtiles: .*unknown tile schema \(layers: roads_custom\)/);
  });

  it('refuses two archives that would share an id', async () => {
    const twins = join(dir, 'twins');
    mkdirSync(twins);
    copyFileSync(city.mbtiles, join(twins, 'Ninh Bình.mbtiles'));
    copyFileSync(city.pmtiles, join(twins, 'ninh-binh.pmtiles'));
    expect(await refusal(twins)).toMatch(/same id "ninh-binh" as .*Ninh Bình\.mbtiles: rename one/);
  });

  it('detects the Protomaps schema from its layer names, and reads a PMTiles attribution as plain text', async () => {
    const path = join(dir, 'pm-schema.pmtiles');
    writePmtiles(path, [{ z: 0, x: 0, y: 0, data: gzipSync(Buffer.from('tile')) }], {
      tileCompression: Compression.Gzip,
      metadata: {
        attribution: '<a href="https://openstreetmap.org/copyright">&copy; OpenStreetMap</a> <script>x</script>',
        vector_layers: ['earth', 'water', 'roads', 'places', 'boundaries'].map((id) => ({ id, fields: {} })),
      },
      bounds: [102, 8, 110, 23.5],
      center: [106, 16, 5],
    });
    const s = await BasemapService.open(path);
    try {
      expect(s.list()).toMatchObject([
        { id: 'pm-schema', format: 'pmtiles', schema: 'protomaps', attribution: '© OpenStreetMap x' },
      ]);
      // The centre's zoom is kept within the archive's zooms (this one has z0 only).
      expect(s.tileJson('pm-schema')).toMatchObject({ center: [106, 16, 0], bounds: [102, 8, 110, 23.5] });
    } finally {
      await s.close();
    }
  });
});

describe('MBTiles locking', () => {
  it('reads without taking the SQLite library’s lock folder (read-only maps, several server processes)', async () => {
    // node-sqlite3-wasm locks by creating `<file>.lock/`. Here something else already holds that name,
    // as another server process reading the same file would, or as on read-only media where it cannot
    // be created: the library alone answers "database is locked"; the archive reads regardless.
    const folder = join(dir, 'locked');
    mkdirSync(folder);
    const path = join(folder, 'city.mbtiles');
    copyFileSync(city.mbtiles, path);
    writeFileSync(`${path}.lock`, 'held elsewhere');
    const plain = new sqlite.Database(path, { readOnly: true });
    expect(() => plain.get('select count(*) from tiles')).toThrow(/locked/);
    plain.close();
    const archive = await MbtilesArchive.open(path);
    try {
      const [t] = tilesOver(CITY_BBOX, 14);
      expect(archive.info.maxzoom).toBe(14);
      expect(await archive.tile(t!.z, t!.x, t!.y)).toBeDefined();
    } finally {
      await archive.close();
    }
  });
});

describe('tiles are read by range, not by loading the archive', () => {
  const FILLERS = 2500;
  const FILLER_BYTES = 16 * 1024;
  let big: { pmtiles: string; mbtiles: string };
  const cityTiles = tilesOver(CITY_BBOX, 14);

  beforeAll(() => {
    // The city's real tiles plus ~40 MB of incompressible filler tiles elsewhere at z14.
    const fillers = Array.from({ length: FILLERS }, (_, i) => {
      const data = new Uint8Array(FILLER_BYTES);
      for (let j = 0; j < data.length; j += 4)
        new DataView(data.buffer).setUint32(j, Math.imul(i + 1, 2654435761) ^ Math.imul(j, 40503));
      return { z: 14, x: 1000 + (i % 50), y: 1000 + Math.floor(i / 50), data };
    });
    big = { pmtiles: join(dir, 'big.pmtiles'), mbtiles: join(dir, 'big.mbtiles') };
    const db = new sqlite.Database(city.mbtiles, { readOnly: true });
    const meta = Object.fromEntries(
      db.all('select name, value from metadata').map((r) => [String(r.name), String(r.value)]),
    );
    const real = db
      .all('select zoom_level z, tile_column x, tile_row y, tile_data d from tiles')
      .map((r) => ({ z: Number(r.z), x: Number(r.x), y: 2 ** Number(r.z) - 1 - Number(r.y), data: r.d as Uint8Array }));
    db.close();
    makeMbtiles(big.mbtiles, meta, [...real, ...fillers]);
    mbtilesToPmtiles(big.mbtiles, big.pmtiles);
  }, 120_000);

  it('PMTiles: a city view reads the header, directories and those tiles only', async () => {
    const size = statSync(big.pmtiles).size;
    expect(size).toBeGreaterThan(FILLERS * FILLER_BYTES);
    const archive = await PmtilesArchive.open(big.pmtiles);
    try {
      let served = 0;
      for (const t of cityTiles) served += (await archive.tile(t.z, t.x, t.y))?.data.length ?? 0;
      for (let i = 0; i < 20; i++) served += (await archive.tile(14, 1000 + i, 1000))!.data.length;
      expect(served).toBeGreaterThan(20 * FILLER_BYTES);
      // Header + root directory (16 KiB), metadata, and the tiles themselves; nothing else.
      expect(archive.source.bytesRead).toBeLessThan(served + 64 * 1024);
      expect(archive.source.bytesRead).toBeLessThan(size / 40);
    } finally {
      await archive.close();
    }
  });

  it('MBTiles: SQLite reads the index and the rows asked for, not the file', async () => {
    const size = statSync(big.mbtiles).size;
    expect(size).toBeGreaterThan(FILLERS * FILLER_BYTES);
    // node-sqlite3-wasm's file layer reads with fs.readSync: count what it reads.
    const spy = vi.spyOn(fs, 'readSync');
    const archive = await MbtilesArchive.open(big.mbtiles);
    try {
      let served = 0;
      for (const t of cityTiles) served += (await archive.tile(t.z, t.x, t.y))?.data.length ?? 0;
      for (let i = 0; i < 20; i++) served += (await archive.tile(14, 1000 + i, 1000))!.data.length;
      // readSync(fd, buffer, offset, length, position): the length asked for.
      const read = spy.mock.calls.reduce((sum, call) => sum + Number((call as unknown[])[3] ?? 0), 0);
      expect(spy).toHaveBeenCalled();
      expect(read).toBeGreaterThan(served);
      // Each 16 KiB row spans overflow pages (4 KiB each) plus B-tree pages on the way down.
      expect(read).toBeLessThan(served * 2 + 256 * 1024);
      expect(read).toBeLessThan(size / 40);
    } finally {
      spy.mockRestore();
      await archive.close();
    }
  });
});
