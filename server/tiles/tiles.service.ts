import { gzipSync } from 'node:zlib';
import type { Backend } from '../db/database.ts';
import { BoundaryVersion, hash } from './boundary-version.ts';
import { epochOf } from './epochs.ts';
import { ByteLru } from './lru.ts';
import { buildTileInNode } from './mvt.ts';
import type { TileQuery, TilesRepository } from './tiles.repository.ts';

/** Memory for cached tile bytes (plain and gzipped), per process. */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;

/** `postgis`: ST_AsMVT in one statement. `node`: the same rows built with geojson-vt + vt-pbf. */
export type TileBuilder = 'postgis' | 'node';

export interface Tile {
  /** Strong validator of the uncompressed bytes; the gzip representation appends `-gz`. */
  etag: string;
  /** Empty when no feature falls in the tile. */
  bytes: Uint8Array;
  /** The gzipped bytes, once someone asked for them. */
  gz?: Buffer;
}

export interface TileServiceOptions {
  /** Default: `postgis` on PostgreSQL, `node` on PGlite (its PostGIS has no ST_AsMVT). */
  builder?: TileBuilder;
  cacheBytes?: number;
  /** The boundary data version (shared with the values service); by default one of its own over `repo`. */
  version?: BoundaryVersion;
}

function keyOf(version: string, q: TileQuery): string {
  return hash([version, q.scope.key, q.layer, q.at, q.z, q.x, q.y].join('/'));
}

/**
 * Vector tiles for the map. PostgreSQL builds a tile with ST_AsMVT; PGlite cannot (PostGIS compiled
 * without protobuf-c), so there the same query's rows become a tile in Node (see `buildTileInNode`).
 * A PostgreSQL whose PostGIS lacks protobuf-c is detected on first use and falls back the same way.
 *
 * Tiles are keyed by (data version, scope, layer, epoch, z/x/y), the epoch being the last boundary
 * change on or before the asked date (epochs.ts): every date between two changes shares one tile,
 * built once per data version. The ETag is a hash of that key, so a revalidation costs only the
 * cached version lookup, and the bytes sit in an in-process LRU.
 * Domain events that change what tiles draw call `forget` (wired in server/services.ts).
 */
export class TileService {
  private builder: TileBuilder;
  private readonly cache: ByteLru<Tile>;
  private readonly inflight = new Map<string, Promise<Tile>>();
  private readonly version: BoundaryVersion;
  /** The change dates of one data version (read again when the version moves). */
  #epochs: { version: string; dates: Promise<string[]> } | null = null;

  constructor(
    private readonly repo: TilesRepository,
    backend: Backend,
    opts: TileServiceOptions = {},
  ) {
    this.builder = opts.builder ?? (backend === 'postgres' ? 'postgis' : 'node');
    this.cache = new ByteLru<Tile>(
      opts.cacheBytes ?? TILE_CACHE_BYTES,
      (t, key) => t.bytes.byteLength + (t.gz?.byteLength ?? 0) + key.length * 2 + 200,
    );
    this.version = opts.version ?? new BoundaryVersion(() => repo.version());
  }

  get activeBuilder(): TileBuilder {
    return this.builder;
  }

  get cacheStats(): { entries: number; bytes: number } {
    return { entries: this.cache.size, bytes: this.cache.bytes };
  }

  /** The boundary data version (see BoundaryVersion). */
  dataVersion(): Promise<string> {
    return this.version.current();
  }

  /**
   * Something a tile draws changed (a domain event): the version is read again and the cached
   * bytes go, so this process serves the change at once instead of within the version's TTL.
   */
  forget(): void {
    this.version.forget();
    this.#epochs = null;
    this.cache.clear();
  }

  /** `q` with its date replaced by its epoch (the tile drawn is the same), and the data version. */
  async canonical(q: TileQuery): Promise<{ version: string; q: TileQuery }> {
    const version = await this.dataVersion();
    if (this.#epochs?.version !== version) {
      const dates = this.repo.changeDates();
      this.#epochs = { version, dates };
      dates.catch(() => {
        if (this.#epochs?.dates === dates) this.#epochs = null;
      });
    }
    return { version, q: { ...q, at: epochOf(await this.#epochs.dates, q.at) } };
  }

  /** The ETag the tile for `q` will have, without building it. */
  async etag(q: TileQuery): Promise<string> {
    const c = await this.canonical(q);
    return keyOf(c.version, c.q);
  }

  /** The tile for `q`, from the cache or built (concurrent requests for one tile share one build). */
  async tile(asked: TileQuery): Promise<Tile> {
    const { version, q } = await this.canonical(asked);
    const etag = keyOf(version, q);
    const hit = this.cache.get(etag);
    if (hit) return hit;
    let pending = this.inflight.get(etag);
    if (!pending) {
      pending = this.build(q)
        .then((bytes) => {
          const t: Tile = { etag, bytes };
          this.cache.set(etag, t);
          return t;
        })
        .finally(() => this.inflight.delete(etag));
      this.inflight.set(etag, pending);
    }
    return pending;
  }

  /** The WGS 84 extent of a layer on a date within a scope (TileJSON `bounds`). */
  bounds(q: Omit<TileQuery, 'z' | 'x' | 'y'>): Promise<[number, number, number, number] | null> {
    return this.repo.bounds(q);
  }

  /** The gzipped bytes of a tile, compressed once and kept with it. */
  gzipped(t: Tile): Buffer {
    if (!t.gz) {
      t.gz = gzipSync(t.bytes);
      this.cache.set(t.etag, t); // re-account its size
    }
    return t.gz;
  }

  /** Builds a tile without the cache; `builder` overrides the service's (tests compare both). */
  async build(q: TileQuery, builder: TileBuilder = this.builder): Promise<Uint8Array> {
    if (builder === 'node') return buildTileInNode(await this.repo.rows(q), q.layer, q);
    try {
      return await this.repo.mvt(q);
    } catch (e) {
      if (!/protobuf/i.test((e as Error).message)) throw e;
      this.builder = 'node';
      return this.build(q, 'node');
    }
  }
}
