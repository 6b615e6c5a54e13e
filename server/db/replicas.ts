import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

/**
 * Read replicas: PostgreSQL streaming replicas take the read-only requests (tiles, values, units,
 * search, exports, OGC API…), the primary everything else. Nothing home-made is replicated: the
 * engine ships its WAL; this module only decides, per query, which server to ask.
 *
 * - A request marks itself as a read (`readRoute.run`) with the newest commit its client has seen
 *   (the `atlas_lsn` cookie set after each write). Its queries go to a replica that has replayed
 *   at least that far — a session reads its own writes — otherwise to the primary.
 * - A transaction always runs on the primary (its first statement is BEGIN), and so does anything
 *   outside a marked request (sign-in, session lookups, writes, migrations).
 * - Each replica is polled (every POLL_MS): a replica that fails, is not in recovery, or has been
 *   behind the primary for longer than the lag bound is skipped until it is healthy again. A query
 *   that fails on a replica for a connection reason (or because it tried to write) is run again on
 *   the primary, so a replica that dies between two polls costs a retry, not an error.
 */

/** What a request says about its reads. */
export interface ReadRoute {
  /** This request only reads (a GET on a data route). */
  replica: boolean;
  /** The newest commit the client saw (from its cookie); 0n: none. */
  minLsn: bigint;
}

export const readRoute = new AsyncLocalStorage<ReadRoute>();

/** A WAL position "16/B374D848" as a number (so positions compare). */
export function parseLsn(text: string | null | undefined): bigint {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text ?? '');
  if (!m) return 0n;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export type ReplicaState = 'ok' | 'lagging' | 'down';

export interface ReplicaStatus {
  name: string;
  state: ReplicaState;
  /** How long it has been behind the primary (0 = caught up at the last poll). */
  lag_ms: number;
  /** WAL bytes between the primary's position and the replica's replay at the last poll. */
  lag_bytes: number;
  /** Queries this process sent it. */
  queries: number;
}

export const POLL_MS = 200;

interface Replica {
  name: string;
  pool: pg.Pool;
  state: ReplicaState;
  replayed: bigint;
  behindSince: number | null;
  lagBytes: number;
  queries: number;
}

/** SQLSTATE classes after which a read is worth running again on the primary. */
function retryOnPrimary(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return (
    code === '25006' || // read_only_sql_transaction: a write reached a replica
    code.startsWith('08') || // connection exception
    code === '57P01' || // admin_shutdown
    code === '57P02' || // crash_shutdown
    code === '57P03' || // cannot_connect_now
    /ECONNREFUSED|ECONNRESET|EPIPE|terminat|Connection terminated/i.test((err as Error).message ?? '')
  );
}

type Query = (...args: unknown[]) => unknown;

/**
 * The pool Kysely's PostgresDialect is given: the primary's pool plus the replicas'. `connect()`
 * hands out a client that picks its server at its first statement.
 */
export class RoutingPool {
  readonly replicas: Replica[];
  #primaryLsn = 0n;
  #next = 0;
  #timer: NodeJS.Timeout | null = null;
  primaryQueries = 0;

  constructor(
    readonly primary: pg.Pool,
    replicaPools: { name: string; pool: pg.Pool }[],
    private readonly maxLagMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.replicas = replicaPools.map(({ name, pool }) => ({
      name,
      pool,
      state: 'down',
      replayed: 0n,
      behindSince: null,
      lagBytes: 0,
      queries: 0,
    }));
  }

  /** Starts polling the replicas (the first poll before any request is routed). */
  async start(): Promise<void> {
    await this.poll();
    this.#timer = setInterval(() => void this.poll(), POLL_MS);
    this.#timer.unref();
  }

  /** Reads the primary's WAL position and each replica's replay position and health. */
  async poll(): Promise<void> {
    try {
      const { rows } = await this.primary.query<{ l: string }>('select pg_current_wal_lsn()::text as l');
      this.#primaryLsn = parseLsn(rows[0]?.l);
    } catch {
      // The primary is down: nothing is routed anyway (writes fail on their own).
    }
    await Promise.all(
      this.replicas.map(async (r) => {
        try {
          const { rows } = await r.pool.query<{ rec: boolean; l: string | null }>(
            'select pg_is_in_recovery() as rec, pg_last_wal_replay_lsn()::text as l',
          );
          const row = rows[0];
          if (!row?.rec) {
            r.state = 'down'; // promoted or not a replica: not ours to read from as one
            return;
          }
          r.replayed = parseLsn(row.l);
          const behind = this.#primaryLsn > r.replayed;
          r.lagBytes = behind ? Number(this.#primaryLsn - r.replayed) : 0;
          if (!behind) r.behindSince = null;
          else r.behindSince ??= this.now();
          r.state = this.#lagMs(r) > this.maxLagMs ? 'lagging' : 'ok';
        } catch {
          r.state = 'down';
        }
      }),
    );
  }

  #lagMs(r: Replica): number {
    return r.behindSince === null ? 0 : this.now() - r.behindSince;
  }

  /** The primary's WAL position now (what a client has seen after its write). */
  async currentLsn(): Promise<bigint> {
    const { rows } = await this.primary.query<{ l: string }>('select pg_current_wal_lsn()::text as l');
    return parseLsn(rows[0]?.l);
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      state: r.state,
      lag_ms: this.#lagMs(r),
      lag_bytes: r.lagBytes,
      queries: r.queries,
    }));
  }

  /** A healthy replica that has replayed `minLsn`, round robin; null: ask the primary. */
  pick(minLsn: bigint): Replica | null {
    const n = this.replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.replicas[(this.#next + i) % n]!;
      if (r.state === 'ok' && r.replayed >= minLsn) {
        this.#next = (this.#next + i + 1) % n;
        return r;
      }
    }
    return null;
  }

  connect(): Promise<RoutedClient> {
    return Promise.resolve(new RoutedClient(this, readRoute.getStore()));
  }

  on(): this {
    return this;
  }

  async end(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    await Promise.all([this.primary.end(), ...this.replicas.map((r) => r.pool.end())]);
  }
}

/** A client that chooses its server at its first statement, and falls back to the primary. */
class RoutedClient {
  #client: pg.PoolClient | null = null;
  #replica: Replica | null = null;

  constructor(
    private readonly pools: RoutingPool,
    private readonly route: ReadRoute | undefined,
  ) {}

  async #acquire(first: unknown): Promise<pg.PoolClient> {
    if (this.#client) return this.#client;
    const text = typeof first === 'string' ? first : '';
    const replica = this.route?.replica && !/^\s*begin\b/i.test(text) ? this.pools.pick(this.route.minLsn) : null;
    if (replica) {
      try {
        this.#client = await replica.pool.connect();
        this.#replica = replica;
        return this.#client;
      } catch {
        replica.state = 'down';
      }
    }
    this.#client = await this.pools.primary.connect();
    return this.#client;
  }

  query = (async (...args: unknown[]) => {
    const client = await this.#acquire(args[0]);
    const onReplica = this.#replica;
    if (onReplica) onReplica.queries++;
    else this.pools.primaryQueries++;
    try {
      return await (client.query as Query)(...args);
    } catch (err) {
      if (!onReplica || !retryOnPrimary(err)) throw err;
      // The replica failed this read: drop its connection, mark it, run the read on the primary.
      if (!/25006/.test((err as { code?: string }).code ?? '')) onReplica.state = 'down';
      client.release(true);
      this.#replica = null;
      this.#client = await this.pools.primary.connect();
      this.pools.primaryQueries++;
      return (this.#client.query as Query)(...args);
    }
  }) as unknown as pg.PoolClient['query'];

  release(destroy?: boolean | Error): void {
    this.#client?.release(destroy);
    this.#client = null;
    this.#replica = null;
  }
}
