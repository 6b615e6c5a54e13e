import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface ThrottleRow {
  failures: number;
  window_start: Date;
  last_failed_at: Date | null;
  locked_at: Date | null;
}

/**
 * The only SQL of login throttling. Each attempt is admitted by one atomic statement that counts it
 * as a failure in advance, so parallel guesses cannot all pass a check made before any of them was
 * counted; a success then clears the account's count.
 */
export class LoginThrottleRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Admits an attempt on an account name unless it is locked or still waiting out its delay
   * (2^(failures − free + 1) s once `free` failures are reached). The attempt is counted; reaching
   * `lockAfter` failures locks the name. Returns the row after admission, or null when refused.
   */
  async admitAccount(key: string, free: number, lockAfter: number): Promise<ThrottleRow | null> {
    const { rows } = await sql<ThrottleRow>`
      insert into login_throttle as t (key, failures, last_failed_at, locked_at)
      values (${key}, 1, now(), case when 1 >= ${lockAfter}::int then now() end)
      on conflict (key) do update set
        failures = t.failures + 1,
        last_failed_at = now(),
        locked_at = case when t.failures + 1 >= ${lockAfter}::int then now() end
      where t.locked_at is null
        and (t.failures < ${free}::int
             or t.last_failed_at + make_interval(secs => power(2, t.failures - ${free}::int + 1)) <= now())
      returning failures, window_start, last_failed_at, locked_at`.execute(this.db);
    return rows[0] ?? null;
  }

  /** Admits an attempt from an address unless it made `max` attempts in the current minute. */
  async admitAddress(key: string, max: number): Promise<ThrottleRow | null> {
    const { rows } = await sql<ThrottleRow>`
      insert into login_throttle as t (key, failures, window_start, last_failed_at)
      values (${key}, 1, now(), now())
      on conflict (key) do update set
        failures = case when t.window_start <= now() - interval '1 minute' then 1 else t.failures + 1 end,
        window_start = case when t.window_start <= now() - interval '1 minute' then now() else t.window_start end,
        last_failed_at = now()
      where t.window_start <= now() - interval '1 minute' or t.failures < ${max}::int
      returning failures, window_start, last_failed_at, locked_at`.execute(this.db);
    return rows[0] ?? null;
  }

  async get(key: string): Promise<ThrottleRow | undefined> {
    return this.db
      .selectFrom('login_throttle')
      .select(['failures', 'window_start', 'last_failed_at', 'locked_at'])
      .where('key', '=', key)
      .executeTakeFirst();
  }

  /**
   * Takes back an admitted attempt: one that was not made (the other key refused it), or on an
   * address, one that succeeded. With `lockAfter`, a lock the attempt set is taken back too.
   */
  async refund(key: string, lockAfter?: number): Promise<void> {
    const unlock =
      lockAfter === undefined ? sql`locked_at` : sql`case when failures - 1 >= ${lockAfter}::int then locked_at end`;
    await sql`
      update login_throttle set failures = greatest(failures - 1, 0), locked_at = ${unlock}
      where key = ${key}`.execute(this.db);
  }

  /** Forgets a key: a successful sign-in, an administrator lifting a lock, a new user of that name. */
  async clear(key: string): Promise<boolean> {
    const r = await this.db.deleteFrom('login_throttle').where('key', '=', key).executeTakeFirst();
    return Number(r.numDeletedRows ?? 0) > 0;
  }

  /** Of these account keys, the locked ones. */
  async locked(keys: readonly string[]): Promise<Set<string>> {
    if (!keys.length) return new Set();
    const rows = await this.db
      .selectFrom('login_throttle')
      .select('key')
      .where('key', 'in', [...keys])
      .where('locked_at', 'is not', null)
      .execute();
    return new Set(rows.map((r) => r.key));
  }
}
