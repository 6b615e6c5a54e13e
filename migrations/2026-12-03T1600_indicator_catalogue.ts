import { sql, type Kysely } from 'kysely';

// The indicator catalogue becomes the deployment's own (issue #14): administrators add, edit,
// retire and delete indicators. `retired_at` hides an indicator from pickers and refuses new values
// while its history stays readable; `description_en` completes the English side; `updated_at`
// says when an administrator last changed a row. The service checks the rules (geo/catalogue.ts);
// the two that are plain shape — the entry level is one of the levels, levels are known ones — are
// also constraints here, so no other writer can break them.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator
    add column description_en text not null default '',
    add column retired_at timestamptz,
    add column updated_at timestamptz not null default now()`.execute(db);
  await sql`alter table indicator add constraint indicator_entry_in_levels check (entry_level = any (levels))`.execute(
    db,
  );
  await sql`alter table indicator add constraint indicator_levels_known
    check (levels <@ array['group','ward','city']::text[] and cardinality(levels) > 0)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table indicator drop constraint if exists indicator_levels_known`.execute(db);
  await sql`alter table indicator drop constraint if exists indicator_entry_in_levels`.execute(db);
  await sql`alter table indicator drop column if exists updated_at, drop column if exists retired_at,
    drop column if exists description_en`.execute(db);
}
