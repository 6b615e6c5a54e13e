import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * A small PMTiles v3 writer, following the specification
 * (github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md) rather than any library, so the server's
 * reader (the `pmtiles` library) is tested against an independent implementation:
 *
 * - a 127-byte header, little-endian;
 * - the root directory right after it, the whole of both within the first 16 KiB;
 * - the JSON metadata, then leaf directories (only when the root would not fit), then tile data;
 * - directories: entry count, then delta-encoded tile ids, run lengths, lengths and offsets as
 *   varints (an offset is written as 0 when the tile follows the previous one, else offset + 1),
 *   gzip-compressed;
 * - identical tiles stored once, consecutive ids with the same bytes as one entry with a run
 *   length, tile data in tile-id order (clustered).
 */

export const HEADER_BYTES = 127;
const ROOT_BUDGET = 16384 - HEADER_BYTES;

export enum Compression {
  None = 1,
  Gzip = 2,
}

export interface WriterTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

export interface WriteOptions {
  /** How the tile bytes given are compressed (they are written as given). */
  tileCompression: Compression;
  metadata: Record<string, unknown>;
  bounds: [number, number, number, number];
  center: [number, number, number];
}

export interface WriteStats {
  addressedTiles: number;
  tileEntries: number;
  tileContents: number;
  leafDirectories: number;
  bytes: number;
}

interface Entry {
  tileId: number;
  offset: number;
  length: number;
  runLength: number;
}

/** The Hilbert-curve tile id of the spec: tiles of lower zooms first, then along the curve. */
export function tileId(z: number, x: number, y: number): number {
  let acc = 0;
  for (let i = 0; i < z; i++) acc += 4 ** i;
  const n = 2 ** z;
  let d = 0;
  let tx = x;
  let ty = y;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (tx & s) > 0 ? 1 : 0;
    const ry = (ty & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // Rotate the quadrant so the curve stays continuous (the `xy2d` of the Hilbert curve).
    if (ry === 0) {
      if (rx === 1) {
        tx = n - 1 - tx;
        ty = n - 1 - ty;
      }
      [tx, ty] = [ty, tx];
    }
  }
  return acc + d;
}

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

function serializeDirectory(entries: Entry[]): Buffer {
  const out: number[] = [];
  varint(out, entries.length);
  let last = 0;
  for (const e of entries) {
    varint(out, e.tileId - last);
    last = e.tileId;
  }
  for (const e of entries) varint(out, e.runLength);
  for (const e of entries) varint(out, e.length);
  entries.forEach((e, i) => {
    const prev = entries[i - 1];
    varint(out, i > 0 && prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1);
  });
  return gzipSync(Buffer.from(out));
}

/** Root and leaves: the root alone when it fits in 16 KiB with the header, else leaves of growing size. */
function buildDirectories(entries: Entry[]): { root: Buffer; leaves: Buffer; leafCount: number } {
  const root = serializeDirectory(entries);
  if (root.length <= ROOT_BUDGET) return { root, leaves: Buffer.alloc(0), leafCount: 0 };
  for (let leafSize = 4096; ; leafSize *= 2) {
    const rootEntries: Entry[] = [];
    const leafBuffers: Buffer[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const leaf = serializeDirectory(entries.slice(i, i + leafSize));
      rootEntries.push({ tileId: entries[i]!.tileId, offset, length: leaf.length, runLength: 0 });
      leafBuffers.push(leaf);
      offset += leaf.length;
    }
    const r = serializeDirectory(rootEntries);
    if (r.length <= ROOT_BUDGET) return { root: r, leaves: Buffer.concat(leafBuffers), leafCount: leafBuffers.length };
  }
}

function writeHeader(h: {
  root: [number, number];
  metadata: [number, number];
  leaves: [number, number];
  data: [number, number];
  addressed: number;
  entries: number;
  contents: number;
  tileCompression: Compression;
  minZoom: number;
  maxZoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
}): Buffer {
  const b = Buffer.alloc(HEADER_BYTES);
  b.write('PMTiles', 0, 'ascii');
  b.writeUInt8(3, 7);
  const u64 = (v: number, at: number) => b.writeBigUInt64LE(BigInt(v), at);
  u64(h.root[0], 8);
  u64(h.root[1], 16);
  u64(h.metadata[0], 24);
  u64(h.metadata[1], 32);
  u64(h.leaves[0], 40);
  u64(h.leaves[1], 48);
  u64(h.data[0], 56);
  u64(h.data[1], 64);
  u64(h.addressed, 72);
  u64(h.entries, 80);
  u64(h.contents, 88);
  b.writeUInt8(1, 96); // clustered
  b.writeUInt8(Compression.Gzip, 97); // internal compression
  b.writeUInt8(h.tileCompression, 98);
  b.writeUInt8(1, 99); // tile type: MVT
  b.writeUInt8(h.minZoom, 100);
  b.writeUInt8(h.maxZoom, 101);
  const e7 = (v: number, at: number) => b.writeInt32LE(Math.round(v * 1e7), at);
  e7(h.bounds[0], 102);
  e7(h.bounds[1], 106);
  e7(h.bounds[2], 110);
  e7(h.bounds[3], 114);
  b.writeUInt8(h.center[2], 118);
  e7(h.center[0], 119);
  e7(h.center[1], 123);
  return b;
}

/** Writes the archive to `path` (test-sized: everything is assembled in memory). */
export function writePmtiles(path: string, tiles: readonly WriterTile[], opts: WriteOptions): WriteStats {
  if (tiles.length === 0) throw new Error('no tiles to write');
  const sorted = tiles.map((t) => ({ id: tileId(t.z, t.x, t.y), t })).sort((a, b) => a.id - b.id);
  const seen = new Map<string, { offset: number; length: number }>();
  const chunks: Uint8Array[] = [];
  const entries: Entry[] = [];
  let dataLength = 0;
  let minZoom = 255;
  let maxZoom = 0;
  for (const { id, t } of sorted) {
    if (entries.at(-1)?.tileId === id) throw new Error(`tile ${t.z}/${t.x}/${t.y} given twice`);
    minZoom = Math.min(minZoom, t.z);
    maxZoom = Math.max(maxZoom, t.z);
    const hash = createHash('sha256').update(t.data).digest('hex');
    let at = seen.get(hash);
    if (!at) {
      at = { offset: dataLength, length: t.data.length };
      seen.set(hash, at);
      chunks.push(t.data);
      dataLength += t.data.length;
    }
    const last = entries.at(-1);
    if (last && last.offset === at.offset && last.tileId + last.runLength === id) last.runLength++;
    else entries.push({ tileId: id, offset: at.offset, length: at.length, runLength: 1 });
  }
  const { root, leaves, leafCount } = buildDirectories(entries);
  const metadata = gzipSync(Buffer.from(JSON.stringify(opts.metadata)));
  const rootStart = HEADER_BYTES;
  const metaStart = rootStart + root.length;
  const leavesStart = metaStart + metadata.length;
  const dataStart = leavesStart + leaves.length;
  const header = writeHeader({
    root: [rootStart, root.length],
    metadata: [metaStart, metadata.length],
    leaves: [leavesStart, leaves.length],
    data: [dataStart, dataLength],
    addressed: tiles.length,
    entries: entries.length,
    contents: seen.size,
    tileCompression: opts.tileCompression,
    minZoom,
    maxZoom,
    bounds: opts.bounds,
    center: opts.center,
  });
  const file = Buffer.concat([header, root, metadata, leaves, ...chunks]);
  writeFileSync(path, file);
  return {
    addressedTiles: tiles.length,
    tileEntries: entries.length,
    tileContents: seen.size,
    leafDirectories: leafCount,
    bytes: file.length,
  };
}
