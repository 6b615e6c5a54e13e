import { gzipSync } from 'node:zlib';
import type { Backend } from '../db/database.ts';
import { BoundaryVersion, hash } from './boundary-version.ts';
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

/**
 * Vector tiles for the map. PostgreSQL builds a tile with ST_AsMVT; PGlite cannot (PostGIS compiled
 * without protobuf-c), so there the same query's rows become a tile in Node (see `buildTileInNode`).
 * A PostgreSQL whose PostGIS lacks protobuf-c is detected on first use and falls back the same way.
 *
 * Tiles are keyed by (data version, scope, layer, date, z/x/y): the ETag is a hash of that key, so
 * a revalidation costs only the cached version lookup, and the bytes sit in an in-process LRU.
 * Domain events that change what tiles draw call `forget` (wired in server/services.ts).
 */
export class TileService {
  private builder: TileBuilder;
  private readonly cache: ByteLru<Tile>;
  private readonly inflight = new Map<string, Promise<Tile>>();
  private readonly version: BoundaryVersion;

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
    this.cache.clear();
  }

  /** The ETag the tile for `q` will have, without building it. */
  async etag(q: TileQuery): Promise<string> {
    return hash([await this.dataVersion(), q.scope.key, q.layer, q.at, q.z, q.x, q.y].join('/'));
  }

  /** The tile for `q`, from the cache or built (concurrent requests for one tile share one build). */
  async tile(q: TileQuery): Promise<Tile> {
    const etag = await this.etag(q);
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
