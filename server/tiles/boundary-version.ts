import { createHash } from 'node:crypto';

/**
 * How long the boundary data version is trusted before it is read again: while other processes'
 * changes reach this one as events (coherent), a minute — only a safety net for writers outside
 * the server (e.g. psql); otherwise 5 s.
 */
export const VERSION_TTL_MS = 5_000;
export const COHERENT_VERSION_TTL_MS = 60_000;

/**
 * The version of everything a boundary tile draws (units, parent links, hotspots and their status
 * history), as a short hash of `TilesRepository.version()`. Tile ETags and the values matrices' ids
 * lists are keyed by it. Read at most once per `ttlMs`, and at once after a domain event (from this
 * process or, over LISTEN/NOTIFY, another) says the data changed.
 */
export class BoundaryVersion {
  #cached: { value: string; until: number; pending?: Promise<string> } = { value: '', until: 0 };

  constructor(
    private readonly read: () => Promise<string>,
    private readonly ttlMs: number | (() => number) = VERSION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async current(): Promise<string> {
    const c = this.#cached;
    if (this.now() < c.until) return c.value;
    if (c.pending) return c.pending;
    c.pending = this.read()
      .then((v) => {
        const ttl = typeof this.ttlMs === 'function' ? this.ttlMs() : this.ttlMs;
        this.#cached = { value: hash(v), until: this.now() + ttl };
        return this.#cached.value;
      })
      .finally(() => {
        c.pending = undefined;
      });
    return c.pending;
  }

  /** Forgets the version so the next request reads it again. */
  forget(): void {
    this.#cached = { value: '', until: 0 };
  }
}

export function hash(s: string): string {
  return createHash('sha256').update(s).digest('base64url').slice(0, 27);
}
