import { sql, type Kysely } from 'kysely';

// The indicator catalogue and monthly observations. Periods are months, stored as the first day of
// the month; quarters and years are aggregates computed by each indicator's time rule.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table indicator (
      key text primary key check (key ~ '^[a-z][a-z0-9_]{1,62}$'),
      name_vi text not null,
      name_en text not null,
      unit_vi text not null,
      unit_en text not null,
      kind text not null check (kind in ('count','ratio','percent','boolean','category')),
      time_rule text not null check (time_rule in ('sum','last')),
      spatial_rule text not null check (spatial_rule in ('sum','ratio')),
      polarity text not null check (polarity in ('higher_better','higher_worse','neutral')),
      levels text[] not null,
      entry_level text not null check (entry_level in ('group','ward')),
      theme text not null,
      description_vi text not null,
      source text not null,
      numerator_key text references indicator(key),
      denominator_key text references indicator(key),
      scale double precision,
      sort_order integer not null default 0,
      constraint indicator_ratio_parts check ((kind = 'ratio') = (numerator_key is not null and denominator_key is not null))
    )`.execute(db);

  await sql`
    create table observation (
      indicator_key text not null references indicator(key),
      unit_id integer not null references admin_unit(id) on delete cascade,
      period date not null check (extract(day from period) = 1),
      value double precision not null,
      numerator double precision,
      denominator double precision,
      entered_by integer,
      entered_at timestamptz not null default now(),
      demo boolean not null default false,
      primary key (indicator_key, unit_id, period)
    )`.execute(db);
  await sql`create index observation_unit_idx on observation (unit_id, period)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists observation`.execute(db);
  await sql`drop table if exists indicator`.execute(db);
}
