import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../server/db/database.ts';
import { BACKENDS, openEmptyDatabase, type TestDatabase } from '../helpers/database.ts';

class Rollback extends Error {}

/**
 * PGlite is one session. Under concurrent requests an autocommit write must never land inside
 * another request's transaction (and vanish with its rollback), and a rolled-back transaction must
 * never leak rows. 240 mixed operations in flight at once, then every row is checked.
 */
describe.each(BACKENDS)('concurrent reads, writes and transactions on %s', (backend: Backend) => {
  let t: TestDatabase;
  let db: Kysely<unknown>;

  beforeAll(async () => {
    t = await openEmptyDatabase(backend);
    db = t.database.db as unknown as Kysely<unknown>;
    await sql`create table scratch (id integer primary key, kind text not null)`.execute(db);
  });
  afterAll(async () => t?.drop());

  it('loses and leaks nothing', async () => {
    const ops: Promise<unknown>[] = [];
    const committed = new Set<number>();
    const rolledBack = new Set<number>();
    const seenCounts: number[] = [];
    for (let n = 0; n < 240; n++) {
      const id = n * 10;
      switch (n % 6) {
        case 0:
        case 1: // autocommit insert
          committed.add(id);
          ops.push(sql`insert into scratch (id, kind) values (${id}, 'auto')`.execute(db));
          break;
        case 2: // committed transaction with two rows and a read in between
          committed.add(id).add(id + 1);
          ops.push(
            (db as Kysely<{ scratch: { id: number; kind: string } }>).transaction().execute(async (trx) => {
              await sql`insert into scratch (id, kind) values (${id}, 'tx')`.execute(trx);
              await new Promise((r) => setTimeout(r, n % 3));
              await sql`insert into scratch (id, kind) values (${id + 1}, 'tx')`.execute(trx);
            }),
          );
          break;
        case 3: // transaction that fails after writing: both rows must vanish
          rolledBack.add(id).add(id + 1);
          ops.push(
            db
              .transaction()
              .execute(async (trx) => {
                await sql`insert into scratch (id, kind) values (${id}, 'rolled back')`.execute(trx);
                await new Promise((r) => setTimeout(r, n % 4));
                await sql`insert into scratch (id, kind) values (${id + 1}, 'rolled back')`.execute(trx);
                throw new Rollback();
              })
              .catch((e: unknown) => {
                if (!(e instanceof Rollback)) throw e;
              }),
          );
          break;
        case 4: // transaction failing on a constraint (duplicate id inside it)
          rolledBack.add(id);
          ops.push(
            db
              .transaction()
              .execute(async (trx) => {
                await sql`insert into scratch (id, kind) values (${id}, 'dup')`.execute(trx);
                await sql`insert into scratch (id, kind) values (${id}, 'dup')`.execute(trx);
              })
              .then(
                () => {
                  throw new Error('duplicate insert should have failed');
                },
                () => undefined,
              ),
          );
          break;
        default: // read
          ops.push(
            sql<{ n: number }>`select count(*)::int as n from scratch`
              .execute(db)
              .then((r) => seenCounts.push(r.rows[0]!.n)),
          );
      }
    }
    await Promise.all(ops);
    const rows = await sql<{ id: number; kind: string }>`select id, kind from scratch order by id`.execute(db);
    const ids = new Set(rows.rows.map((r) => r.id));
    expect([...committed].filter((id) => !ids.has(id))).toEqual([]);
    expect([...rolledBack].filter((id) => ids.has(id))).toEqual([]);
    expect(ids.size).toBe(committed.size);
    expect(seenCounts).toHaveLength(40);
    // A reader never sees a half-done transaction: counts seen are consistent with whole operations.
    expect(seenCounts.every((c) => c <= committed.size)).toBe(true);
  });
});
