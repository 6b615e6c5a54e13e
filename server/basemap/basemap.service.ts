import { createHash } from 'node:crypto';
import { open, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { ConfigError } from '../config.ts';
import { detectSchema, plainAttribution, type ArchiveFormat, type BasemapSchema, type TileArchive } from './archive.ts';
import type { BasemapArchive, TileJson } from './basemap.schemas.ts';
import { MbtilesArchive } from './mbtiles.archive.ts';
import { PmtilesArchive } from './pmtiles.archive.ts';

const gunzipAsync = promisify(gunzip);
const EXTENSIONS: Record<string, ArchiveFormat> = { '.pmtiles': 'pmtiles', '.mbtiles': 'mbtiles' };

/** The URL prefix of everything the basemap serves. */
export const BASEMAP_PREFIX = '/tiles/basemap';

interface Entry {
  id: string;
  path: string;
  schema: BasemapSchema;
  /** Changes whenever the file does: part of tile URLs (so they may be cached as immutable) and ETags. */
  version: string;
  archive: TileArchive;
}

export interface BasemapTile {
  /** Bytes in the encoding asked for; empty = no tile there (204). */
  body: Uint8Array;
  /** Whether `body` is gzip. */
  gzip: boolean;
  etag: string;
}

/**
 * The basemap archives named by `BASEMAP_PATH`, opened once at start. Archive ids come from file
 * names and are only ever looked up in this list, so no request can name a file: `..%2F` and the
 * like simply match no id.
 */
export class BasemapService {
  private constructor(private readonly entries: Map<string, Entry>) {}

  static empty(): BasemapService {
    return new BasemapService(new Map());
  }

  /**
   * Opens a `.pmtiles`/`.mbtiles` file, or every such file in a folder. Any problem — missing path,
   * unreadable or non-vector archive, unknown schema, two files with the same id — stops the start
   * with a ConfigError naming the file and the problem, before the database is even opened.
   */
  static async open(path: string | undefined): Promise<BasemapService> {
    if (!path) return BasemapService.empty();
    const full = resolve(path);
    const problem = (file: string, what: string) =>
      new ConfigError([`BASEMAP_PATH=${JSON.stringify(path)}: ${file}: ${what}`]);
    let files: string[];
    try {
      const s = await stat(full);
      if (s.isDirectory()) {
        files = (await readdir(full))
          .filter((f) => EXTENSIONS[extname(f).toLowerCase()])
          .sort()
          .map((f) => join(full, f));
        if (files.length === 0)
          throw problem(full, 'thư mục không có tệp .pmtiles/.mbtiles / folder holds no .pmtiles or .mbtiles file');
      } else {
        if (!EXTENSIONS[extname(full).toLowerCase()])
          throw problem(full, 'cần tệp .pmtiles hoặc .mbtiles / expected a .pmtiles or .mbtiles file');
        files = [full];
      }
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw problem(
        full,
        code === 'ENOENT'
          ? 'không tồn tại / does not exist'
          : `không đọc được / cannot be read (${code ?? (e as Error).message})`,
      );
    }

    const entries = new Map<string, Entry>();
    try {
      for (const file of files) {
        const id = archiveId(file);
        const same = entries.get(id);
        if (same) throw problem(file, `trùng mã "${id}" với / same id "${id}" as ${same.path}: rename one`);
        const format = EXTENSIONS[extname(file).toLowerCase()]!;
        let archive: TileArchive;
        try {
          archive = format === 'pmtiles' ? await PmtilesArchive.open(file) : await MbtilesArchive.open(file);
        } catch (e) {
          throw problem(file, (e as Error).message);
        }
        const schema = detectSchema(archive.info.vectorLayers);
        if (!schema) {
          await archive.close();
          const layers = archive.info.vectorLayers.map((l) => l.id).join(', ') || 'none';
          throw problem(
            file,
            `không nhận ra lược đồ (lớp: ${layers}) / unknown tile schema (layers: ${layers}); ` +
              'expected the Protomaps basemap or OpenMapTiles schema',
          );
        }
        entries.set(id, { id, path: file, schema, version: await fileVersion(file), archive });
      }
    } catch (e) {
      await Promise.all([...entries.values()].map((x) => x.archive.close()));
      throw e;
    }
    return new BasemapService(entries);
  }

  list(): BasemapArchive[] {
    return [...this.entries.values()].map((e) => this.describe(e));
  }

  /** TileJSON 3.0.0 for one archive; tile URLs are same-origin paths carrying the archive version. */
  tileJson(id: string): TileJson | undefined {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const { info } = e.archive;
    return {
      tilejson: '3.0.0',
      name: info.name ?? e.id,
      ...(info.description ? { description: info.description } : {}),
      attribution: plainAttribution(info.attribution),
      scheme: 'xyz',
      tiles: [`${BASEMAP_PREFIX}/${e.id}/{z}/{x}/{y}.mvt?v=${e.version}`],
      minzoom: info.minzoom,
      maxzoom: info.maxzoom,
      bounds: info.bounds,
      center: info.center,
      vector_layers: info.vectorLayers,
      schema: e.schema,
      format: info.format,
      version: e.version,
    };
  }

  /** The version of an archive, or undefined when there is no such archive. */
  version(id: string): string | undefined {
    return this.entries.get(id)?.version;
  }

  /** ETag of a tile without reading it: archives never change while open (see `fileVersion`). */
  etag(id: string, z: number, x: number, y: number): string | undefined {
    const e = this.entries.get(id);
    return e && `bm-${e.version}-${z}-${x}-${y}`;
  }

  /**
   * A tile in the encoding the client takes: stored gzip passes through untouched when accepted and
   * is unzipped otherwise. Undefined for an unknown archive; an empty body where the archive has no
   * tile (outside its area, or sea it leaves empty).
   */
  async tile(id: string, z: number, x: number, y: number, acceptGzip: boolean): Promise<BasemapTile | undefined> {
    const e = this.entries.get(id);
    if (!e) return undefined;
    const etag = this.etag(id, z, x, y)!;
    const stored = await e.archive.tile(z, x, y);
    if (!stored) return { body: new Uint8Array(0), gzip: false, etag };
    if (stored.gzip && !acceptGzip) return { body: new Uint8Array(await gunzipAsync(stored.data)), gzip: false, etag };
    return { body: stored.data, gzip: stored.gzip, etag };
  }

  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.archive.close()));
  }

  private describe(e: Entry): BasemapArchive {
    return {
      id: e.id,
      name: e.archive.info.name ?? e.id,
      format: e.archive.info.format,
      schema: e.schema,
      attribution: plainAttribution(e.archive.info.attribution),
      minzoom: e.archive.info.minzoom,
      maxzoom: e.archive.info.maxzoom,
      bounds: e.archive.info.bounds,
      tilejson: `${BASEMAP_PREFIX}/${e.id}.json`,
    };
  }
}

/**
 * An archive's id in URLs: its file name without extension, folded to lower-case ASCII letters,
 * digits and dashes ("Ninh Bình.pmtiles" → "ninh-binh"), so it never needs escaping.
 */
export function archiveId(file: string): string {
  const stem = basename(file, extname(file));
  const id = stem
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  return id || 'basemap';
}

/**
 * A short hash of the file's size, modification time and first 16 KiB (header, root directory or
 * first SQLite pages): replacing the archive gives new tile URLs, so browsers may keep tiles for a
 * year, and hashing the whole file (gigabytes for a country) is never needed at start.
 */
async function fileVersion(path: string): Promise<string> {
  const s = await stat(path);
  const h = createHash('sha256').update(`${s.size}:${s.mtimeMs}:`);
  const fh = await open(path, 'r');
  try {
    const head = new Uint8Array(16384);
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    h.update(head.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
  return h.digest('hex').slice(0, 16);
}
