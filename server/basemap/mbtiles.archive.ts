import fs from 'node:fs';
import { resolve } from 'node:path';
import type { Database as SqliteDatabase, Statement } from 'node-sqlite3-wasm';
import {
  ArchiveError,
  isGzip,
  parseBounds,
  parseCenter,
  parseVectorLayers,
  type ArchiveInfo,
  type StoredTile,
  type TileArchive,
} from './archive.ts';

/**
 * An MBTiles 1.3 archive (SQLite) read in place with `node-sqlite3-wasm`: SQLite compiled to
 * WebAssembly, so it installs with npm alone (no native build, no binary download), and its file
 * system layer reads the database page by page through `fs` — a tile costs one index lookup and
 * the pages of its row, never the whole file. Opened read-only.
 *
 * Rows are in TMS order (row 0 at the south), the portal asks in XYZ order: `y` is flipped.
 * SQLite here is synchronous; a lookup by the unique (zoom, column, row) index takes microseconds.
 *
 * Locking: the library's file layer locks a database by creating a `<file>.lock` folder beside it
 * and removing it after every statement. For a basemap that would need write access to the maps
 * folder (on read-only media every query fails), make server processes sharing the folder refuse
 * each other's reads now and then ("database is locked"), and cost two syscalls per tile. Archives are never written while
 * served (replace the file and restart), so every call into SQLite runs through `unlocked`, which
 * makes that folder's creation and removal no-ops for this file only — what SQLite's own
 * `immutable=1` open flag does, which this build cannot take (no URI filenames).
 */
export class MbtilesArchive implements TileArchive {
  private constructor(
    readonly info: ArchiveInfo,
    private readonly db: SqliteDatabase,
    private readonly select: Statement,
    private readonly path: string,
  ) {}

  static async open(path: string): Promise<MbtilesArchive> {
    // Loaded on first use: the WebAssembly module costs start-up time only where an MBTiles is set.
    const { default: sqlite } = await import('node-sqlite3-wasm');
    const full = resolve(path);
    let db: SqliteDatabase;
    try {
      db = new sqlite.Database(full, { readOnly: true });
    } catch (e) {
      throw new ArchiveError(`không mở được SQLite / cannot open as SQLite (${(e as Error).message})`);
    }
    return unlocked(full, () => MbtilesArchive.read(db, full));
  }

  private static read(db: SqliteDatabase, path: string): MbtilesArchive {
    try {
      // One read transaction for the archive's life: SQLite then trusts its page cache instead of
      // re-checking the file before every statement (~7,000 → ~150,000 lookups/s).
      db.exec('begin');
      const meta = new Map<string, string>();
      try {
        for (const row of db.all('select name, value from metadata')) {
          if (typeof row.name === 'string' && row.value !== null) meta.set(row.name, String(row.value));
        }
      } catch (e) {
        throw new ArchiveError(
          `không phải MBTiles (thiếu bảng metadata) / not an MBTiles file (no metadata table: ${(e as Error).message})`,
        );
      }
      const format = meta.get('format')?.toLowerCase();
      if (format && format !== 'pbf' && format !== 'mvt') {
        throw new ArchiveError(
          `ô dạng "${format}", cần vector (pbf) / tiles are "${format}", a vector (pbf) basemap is needed`,
        );
      }
      let select: Statement;
      try {
        select = db.prepare('select tile_data from tiles where zoom_level = ? and tile_column = ? and tile_row = ?');
      } catch (e) {
        throw new ArchiveError(
          `không phải MBTiles (thiếu bảng tiles) / not an MBTiles file (no tiles table: ${(e as Error).message})`,
        );
      }
      const json = parseJson(meta.get('json'));
      let minzoom = intOrUndefined(meta.get('minzoom'));
      let maxzoom = intOrUndefined(meta.get('maxzoom'));
      if (minzoom === undefined || maxzoom === undefined) {
        // Optional in the spec; the (zoom, column, row) index answers this at once.
        const r = db.get('select min(zoom_level) as lo, max(zoom_level) as hi from tiles');
        minzoom ??= Number(r?.lo ?? 0);
        maxzoom ??= Number(r?.hi ?? 14);
      }
      const bounds = parseBounds(meta.get('bounds'));
      const info: ArchiveInfo = {
        format: 'mbtiles',
        name: meta.get('name'),
        description: meta.get('description'),
        attribution: meta.get('attribution'),
        minzoom,
        maxzoom,
        bounds,
        center: parseCenter(meta.get('center'), bounds, minzoom, maxzoom),
        vectorLayers: parseVectorLayers(json?.vector_layers),
      };
      return new MbtilesArchive(info, db, select, path);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async tile(z: number, x: number, y: number): Promise<StoredTile | undefined> {
    if (z < this.info.minzoom || z > this.info.maxzoom) return undefined;
    const row = unlocked(this.path, () => this.select.get([z, x, 2 ** z - 1 - y]));
    const data = row?.tile_data;
    if (!(data instanceof Uint8Array) || data.length === 0) return undefined;
    return { data, gzip: isGzip(data) };
  }

  async close(): Promise<void> {
    unlocked(this.path, () => {
      this.select.finalize();
      this.db.exec('commit');
      this.db.close();
    });
  }
}

/** Runs a synchronous SQLite call with the library's lock folder for `path` turned off (see above). */
function unlocked<T>(path: string, run: () => T): T {
  const lock = `${path}.lock`;
  const { mkdirSync, rmdirSync } = fs;
  // Synchronous from swap to restore: no other code can run in between and see the stand-ins.
  fs.mkdirSync = ((p: fs.PathLike, ...rest: never[]) =>
    p === lock ? undefined : mkdirSync(p, ...rest)) as typeof fs.mkdirSync;
  fs.rmdirSync = ((p: fs.PathLike, ...rest: never[]) =>
    p === lock ? undefined : rmdirSync(p, ...rest)) as typeof fs.rmdirSync;
  try {
    return run();
  } finally {
    fs.mkdirSync = mkdirSync;
    fs.rmdirSync = rmdirSync;
  }
}

function intOrUndefined(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*\d+\s*$/.test(v)) return undefined;
  return Number(v);
}

function parseJson(v: string | undefined): Record<string, unknown> | undefined {
  if (!v) return undefined;
  try {
    const j: unknown = JSON.parse(v);
    return j && typeof j === 'object' ? (j as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
