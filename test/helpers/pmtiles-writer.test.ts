import { mkdtempSync, openSync, readSync, rmSync, statSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Compression as LibCompression, PMTiles, TileType, zxyToTileId, type Source } from 'pmtiles';
import { afterAll, describe, expect, it } from 'vitest';
import { Compression, HEADER_BYTES, tileId, writePmtiles, type WriterTile } from './pmtiles-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-pmtiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The simplest possible source: positioned reads of the file, as the spec's readers do. */
function fileSource(path: string): Source & { reads: number } {
  const fd = openSync(path, 'r');
  const src = {
    reads: 0,
    getKey: () => path,
    getBytes: async (offset: number, length: number) => {
      src.reads++;
      const buf = new Uint8Array(length);
      const n = readSync(fd, buf, 0, length, offset);
      return { data: buf.buffer.slice(0, n) };
    },
    close: () => closeSync(fd),
  };
  return src;
}

/** Deterministic bytes (xorshift), so archives and their hashes are the same every run. */
function bytes(seed: number, length: number): Uint8Array {
  let s = seed * 2654435761 + 1;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = s & 0xff;
  }
  return out;
}

const META = { name: 'test', vector_layers: [{ id: 'roads', fields: {} }], attribution: 'synthetic' };
const OPTS = {
  metadata: META,
  bounds: [105.9, 20.2, 106.0, 20.3] as [number, number, number, number],
  center: [105.95, 20.25, 12] as [number, number, number],
};

describe('Hilbert tile ids', () => {
  it('agree with the pmtiles library on every tile up to z6 and on deep tiles', () => {
    for (let z = 0; z <= 6; z++) {
      for (let x = 0; x < 2 ** z; x++)
        for (let y = 0; y < 2 ** z; y++) expect(tileId(z, x, y)).toBe(zxyToTileId(z, x, y));
    }
    for (const [z, x, y] of [
      [14, 13014, 7250],
      [15, 26029, 14500],
      [20, 833000, 464000],
    ] as const) {
      expect(tileId(z, x, y)).toBe(zxyToTileId(z, x, y));
    }
  });
});

describe('PMTiles v3 writer, read back with the pmtiles library', () => {
  it('writes header, root directory, metadata and tiles the library reads', async () => {
    const shared = bytes(1, 300);
    const tiles: WriterTile[] = [
      { z: 0, x: 0, y: 0, data: bytes(2, 50) },
      { z: 1, x: 1, y: 0, data: bytes(3, 70) },
      // A run: consecutive ids along the curve with identical bytes (sea tiles, typically).
      { z: 2, x: 0, y: 0, data: shared },
      { z: 2, x: 0, y: 1, data: shared },
      { z: 2, x: 1, y: 1, data: shared },
      // The same bytes again, not adjacent: stored once, addressed twice.
      { z: 2, x: 3, y: 3, data: shared },
      { z: 3, x: 5, y: 2, data: bytes(4, 1000) },
    ];
    const path = join(dir, 'small.pmtiles');
    const stats = writePmtiles(path, tiles, { ...OPTS, tileCompression: Compression.None });
    expect(stats).toMatchObject({ addressedTiles: 7, tileContents: 4, leafDirectories: 0 });
    expect(stats.tileEntries).toBeLessThan(7);
    expect(statSync(path).size).toBe(stats.bytes);

    const pm = new PMTiles(fileSource(path));
    const h = await pm.getHeader();
    expect(h).toMatchObject({
      specVersion: 3,
      rootDirectoryOffset: HEADER_BYTES,
      numAddressedTiles: 7,
      numTileContents: 4,
      numTileEntries: stats.tileEntries,
      clustered: true,
      internalCompression: LibCompression.Gzip,
      tileCompression: LibCompression.None,
      tileType: TileType.Mvt,
      minZoom: 0,
      maxZoom: 3,
      centerZoom: 12,
    });
    expect(h.minLon).toBeCloseTo(105.9, 6);
    expect(h.maxLat).toBeCloseTo(20.3, 6);
    expect(await pm.getMetadata()).toEqual(META);
    for (const t of tiles) {
      const got = await pm.getZxy(t.z, t.x, t.y);
      expect(new Uint8Array(got!.data), `${t.z}/${t.x}/${t.y}`).toEqual(t.data);
    }
    expect(await pm.getZxy(2, 2, 2)).toBeUndefined();
    expect(await pm.getZxy(3, 0, 0)).toBeUndefined();
  });

  it('records gzip tiles as gzip (the library then unzips them)', async () => {
    const raw = bytes(9, 400);
    const path = join(dir, 'gzip.pmtiles');
    writePmtiles(path, [{ z: 5, x: 25, y: 14, data: gzipSync(raw) }], { ...OPTS, tileCompression: Compression.Gzip });
    const pm = new PMTiles(fileSource(path));
    expect((await pm.getHeader()).tileCompression).toBe(LibCompression.Gzip);
    expect(new Uint8Array((await pm.getZxy(5, 25, 14))!.data)).toEqual(raw);
  });

  it('moves entries to leaf directories when the root would not fit in the first 16 KiB', async () => {
    // 40,000 distinct tiles at z9–z10 with scattered ids: far too many entries for a 16 KiB root.
    const tiles: WriterTile[] = [];
    const taken = new Set<string>();
    for (let i = 0; tiles.length < 40_000; i++) {
      const z = i % 7 === 0 ? 9 : 10;
      const n = 2 ** z;
      const x = (i * 7919) % n;
      const y = Math.floor((i * 104729) / n) % n;
      if (taken.has(`${z}/${x}/${y}`)) continue;
      taken.add(`${z}/${x}/${y}`);
      tiles.push({ z, x, y, data: bytes(i + 10, 1 + (i % 300)) });
    }
    const path = join(dir, 'leaves.pmtiles');
    const stats = writePmtiles(path, tiles, { ...OPTS, tileCompression: Compression.None });
    expect(stats.leafDirectories).toBeGreaterThan(1);

    const source = fileSource(path);
    const pm = new PMTiles(source);
    const h = await pm.getHeader();
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(16384);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    // A sample across the whole range, each through the root and one leaf.
    for (let i = 0; i < tiles.length; i += 997) {
      const t = tiles[i]!;
      expect(new Uint8Array((await pm.getZxy(t.z, t.x, t.y))!.data), `${t.z}/${t.x}/${t.y}`).toEqual(t.data);
    }
  }, 60_000);
});
