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
 */
export class MbtilesArchive implements TileArchive {
  private constructor(
    readonly info: ArchiveInfo,
    private readonly db: SqliteDatabase,
    private readonly select: Statement,
  ) {}

  static async open(path: string): Promise<MbtilesArchive> {
    // Loaded on first use: the WebAssembly module costs start-up time only where an MBTiles is set.
    const { default: sqlite } = await import('node-sqlite3-wasm');
    let db: SqliteDatabase;
    try {
      db = new sqlite.Database(path, { readOnly: true });
    } catch (e) {
      throw new ArchiveError(`không mở được SQLite / cannot open as SQLite (${(e as Error).message})`);
    }
    try {
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
      return new MbtilesArchive(info, db, select);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  async tile(z: number, x: number, y: number): Promise<StoredTile | undefined> {
    if (z < this.info.minzoom || z > this.info.maxzoom) return undefined;
    const row = this.select.get([z, x, 2 ** z - 1 - y]);
    const data = row?.tile_data;
    if (!(data instanceof Uint8Array) || data.length === 0) return undefined;
    return { data, gzip: isGzip(data) };
  }

  async close(): Promise<void> {
    this.select.finalize();
    this.db.close();
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
