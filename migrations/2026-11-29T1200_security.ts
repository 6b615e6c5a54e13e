import { sql, type Kysely } from 'kysely';

// Security hardening (issue #12).
// - login_throttle: failed sign-ins per account name and per client address, shared by every server
//   process. Keyed by the name as typed, whether or not such a user exists, so that delays and locks
//   look the same for every name and tell nothing about which accounts exist.
// - API tokens always expire: the ones created without an expiry get created_at + 90 days (the
//   default maximum lifetime), and a new token cannot be stored without one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      key text primary key,
      failures integer not null default 0 check (failures >= 0),
      window_start timestamptz not null default now(),
      last_failed_at timestamptz,
      locked_at timestamptz
    )`.execute(db);
  await sql`update api_token set expires_at = created_at + interval '90 days' where expires_at is null`.execute(db);
  await sql`alter table api_token alter column expires_at set not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table api_token alter column expires_at drop not null`.execute(db);
  await sql`drop table if exists login_throttle`.execute(db);
}
