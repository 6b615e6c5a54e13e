import { open, type FileHandle } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import {
  Compression,
  findTile,
  PMTiles,
  SharedPromiseCache,
  TileType,
  zxyToTileId,
  type RangeResponse,
  type Source,
} from 'pmtiles';
import {
  ArchiveError,
  isGzip,
  parseBounds,
  parseVectorLayers,
  type ArchiveInfo,
  type StoredTile,
  type TileArchive,
} from './archive.ts';

const gunzipAsync = promisify(gunzip);

/** Parsed directories kept per archive (a leaf holds up to a few thousand entries, ~100–300 KB). */
const DIRECTORY_CACHE_ENTRIES = 64;

/**
 * A PMTiles source over a local file: each read is one positioned `read` on an open file handle,
 * so only the header, the directories touched and the tiles asked for are ever in memory.
 * `bytesRead` counts what was read, which is how the tests prove the archive is read by range.
 */
export class NodeFileSource implements Source {
  bytesRead = 0;
  constructor(
    private readonly handle: FileHandle,
    private readonly key: string,
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buf = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.handle.read(buf, done, length - done, offset + done);
      if (bytesRead === 0) break; // end of file: the header read asks for 16 KiB of smaller files
      done += bytesRead;
    }
    this.bytesRead += done;
    return { data: done === length ? buf.buffer : buf.buffer.slice(0, done) };
  }
}

/** Internal (directory, metadata) decompression with Node's zlib rather than the library's fallback. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression === Compression.Gzip) {
    const out = await gunzipAsync(new Uint8Array(buf));
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  }
  throw new ArchiveError(
    `nén ${Compression[compression]} không hỗ trợ / ${Compression[compression]} compression is not supported`,
  );
}

/**
 * A PMTiles v3 archive read with the `pmtiles` library (header, directories, their cache). Tiles are
 * looked up with the library's own `findTile` but read raw rather than through `getZxy`, which
 * would gunzip them: stored gzip is sent to the browser as it is.
 */
export class PmtilesArchive implements TileArchive {
  private constructor(
    readonly info: ArchiveInfo,
    private readonly pm: PMTiles,
    readonly source: NodeFileSource,
    private readonly handle: FileHandle,
    private readonly gzip: boolean,
  ) {}

  static async open(path: string): Promise<PmtilesArchive> {
    const handle = await open(path, 'r');
    try {
      const source = new NodeFileSource(handle, path);
      const pm = new PMTiles(source, new SharedPromiseCache(DIRECTORY_CACHE_ENTRIES, false, decompress), decompress);
      let header;
      try {
        header = await pm.getHeader();
      } catch (e) {
        throw new ArchiveError(`không phải PMTiles v3 / not a PMTiles v3 archive (${(e as Error).message})`);
      }
      if (header.specVersion !== 3) {
        throw new ArchiveError(
          `PMTiles v${header.specVersion} không hỗ trợ / PMTiles v${header.specVersion} is not supported (v3 only)`,
        );
      }
      if (header.tileType !== TileType.Mvt) {
        throw new ArchiveError(
          `ô ảnh ${TileType[header.tileType] ?? header.tileType}, cần vector (MVT) / tiles are ${TileType[header.tileType] ?? header.tileType}, a vector (MVT) basemap is needed`,
        );
      }
      if (![Compression.Gzip, Compression.None, Compression.Unknown].includes(header.tileCompression)) {
        throw new ArchiveError(
          `ô nén ${Compression[header.tileCompression]} không hỗ trợ / tiles compressed with ${Compression[header.tileCompression]} are not supported (gzip or none)`,
        );
      }
      const meta = ((await pm.getMetadata()) ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : undefined);
      const headerBounds = [header.minLon, header.minLat, header.maxLon, header.maxLat];
      const bounds = parseBounds(headerBounds);
      const info: ArchiveInfo = {
        format: 'pmtiles',
        name: str('name'),
        description: str('description'),
        attribution: str('attribution'),
        minzoom: header.minZoom,
        maxzoom: header.maxZoom,
        bounds,
        center: [
          header.centerLon,
          header.centerLat,
          Math.min(Math.max(header.centerZoom, header.minZoom), header.maxZoom),
        ],
        vectorLayers: parseVectorLayers(meta.vector_layers),
      };
      return new PmtilesArchive(info, pm, source, handle, header.tileCompression === Compression.Gzip);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async tile(z: number, x: number, y: number): Promise<StoredTile | undefined> {
    const header = await this.pm.cache.getHeader(this.source);
    if (z < header.minZoom || z > header.maxZoom) return undefined;
    const id = zxyToTileId(z, x, y);
    let offset = header.rootDirectoryOffset;
    let length = header.rootDirectoryLength;
    // The spec allows at most three levels of leaf directories under the root.
    for (let depth = 0; depth <= 3; depth++) {
      const directory = await this.pm.cache.getDirectory(this.source, offset, length, header);
      const entry = findTile(directory, id);
      if (!entry) return undefined;
      if (entry.runLength > 0) {
        const { data } = await this.source.getBytes(header.tileDataOffset + entry.offset, entry.length);
        const bytes = new Uint8Array(data);
        return { data: bytes, gzip: this.gzip || (header.tileCompression === Compression.Unknown && isGzip(bytes)) };
      }
      offset = header.leafDirectoryOffset + entry.offset;
      length = entry.length;
    }
    throw new ArchiveError('thư mục PMTiles lồng quá sâu / PMTiles directories nested too deep');
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
