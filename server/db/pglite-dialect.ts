import type { PGlite, Transaction } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

/**
 * A Kysely dialect for PGlite.
 *
 * PGlite is one PostgreSQL backend with one session. If two requests share it naively, an
 * autocommit write from one can run inside another's open transaction and be rolled back with it
 * (kysely-pglite 0.6 did exactly that). So this driver hands out its single connection in FIFO
 * order, and runs each Kysely transaction inside PGlite's own `transaction()` so PGlite's
 * bookkeeping matches what Kysely believes.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

/** First-in, first-out mutex: waiting requests are served in arrival order. */
export class FifoMutex {
  #locked = false;
  #queue: (() => void)[] = [];

  async lock(): Promise<() => void> {
    if (this.#locked) await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#locked = true;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.#queue.shift();
      if (next) next();
      else this.#locked = false;
    };
  }

  get waiting(): number {
    return this.#queue.length;
  }
}

class PGliteDriver implements Driver {
  readonly #mutex = new FifoMutex();
  readonly #connections = new WeakMap<PGliteConnection, () => void>();

  constructor(private readonly pg: PGlite) {}

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    const conn = new PGliteConnection(this.pg);
    this.#connections.set(conn, release);
    return conn;
  }

  async beginTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).begin();
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(true);
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await (conn as PGliteConnection).end(false);
  }

  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    const c = conn as PGliteConnection;
    // A connection released mid-transaction (should not happen) must not leak its transaction.
    if (c.inTransaction) await c.end(false);
    this.#connections.get(c)?.();
    this.#connections.delete(c);
  }

  async destroy(): Promise<void> {
    const release = await this.#mutex.lock();
    try {
      if (!this.pg.closed) await this.pg.close();
    } finally {
      release();
    }
  }
}

const ROLLBACK = Symbol('rollback');

class PGliteConnection implements DatabaseConnection {
  #tx: Transaction | null = null;
  #finish: ((commit: boolean) => void) | null = null;
  #settled: Promise<void> | null = null;

  constructor(private readonly pg: PGlite) {}

  get inTransaction(): boolean {
    return this.#tx !== null;
  }

  async begin(): Promise<void> {
    if (this.#tx) throw new Error('Transaction already open on this connection');
    await new Promise<void>((ready, failed) => {
      this.#settled = this.pg
        .transaction(async (tx) => {
          this.#tx = tx;
          ready();
          await new Promise<void>((resolve, reject) => {
            this.#finish = (commit) => (commit ? resolve() : reject(ROLLBACK));
          });
        })
        .then(
          () => undefined,
          (e: unknown) => {
            if (e !== ROLLBACK) throw e;
          },
        );
      this.#settled.catch(failed);
    });
  }

  async end(commit: boolean): Promise<void> {
    const finish = this.#finish;
    const settled = this.#settled;
    this.#finish = null;
    this.#settled = null;
    try {
      finish?.(commit);
      await settled;
    } finally {
      this.#tx = null;
    }
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const target = this.#tx ?? this.pg;
    const result = await target.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: 'object' });
    const affected = result.affectedRows;
    const isWrite = /^\s*(insert|update|delete|merge)/i.test(compiled.sql);
    return {
      rows: result.rows,
      ...(isWrite && affected !== undefined ? { numAffectedRows: BigInt(affected) } : {}),
    };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on the embedded database');
  }
}
