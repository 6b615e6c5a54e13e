import { sql, type Kysely } from 'kysely';
import type { Scope } from '../../auth/scope.ts';
import { inScope } from '../../auth/scope.sql.ts';
import type { DB } from '../../db/schema.ts';

export interface MatchUnit {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  valid_from: string;
  valid_to: string | null;
  /** Whether the importing user's scope includes this unit (others are reported, never written). */
  in_scope: boolean;
}

export interface ObservationKey {
  indicator_key: string;
  unit_id: number;
  period: string; // YYYY-MM
}

export interface ObservationChange extends ObservationKey {
  value: number;
  before: number | null;
}

/** Who made a bulk change, as the audit service records it for single writes. */
export interface AuditActor {
  user_id: number | null;
  username: string | null;
  ip: string | null;
}

export interface BulkAuditEntry {
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
}

/** One validated value of an import, as staged before it is compared and written. */
export interface StagedValue extends ObservationKey {
  value: number;
  row: number;
  column: string;
}

export interface StageProblem {
  row: number;
  column: string;
  message_vi: string;
  message_en: string;
}

/**
 * SQL for imports: candidate units, current values, the upsert and its audit trail. Large imports
 * are staged in a temporary table inside the import's transaction (call those methods on a
 * transaction), so the comparison, the upsert and the audit rows are set operations in the
 * database and the server holds no more than a batch in memory.
 */
export class IndicatorImportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Every unit of the given kinds (any version), flagged by whether the scope includes it. */
  async unitsForMatching(kinds: readonly string[], scope: Scope): Promise<MatchUnit[]> {
    if (!kinds.length) return [];
    return this.db
      .selectFrom('admin_unit as u')
      .select(['u.id', 'u.code', 'u.name', 'u.short_name', 'u.kind', 'u.valid_from', 'u.valid_to'])
      .select(inScope(scope, 'u.id').as('in_scope'))
      .where('u.kind', 'in', [...kinds])
      .orderBy('u.code')
      .orderBy('u.valid_from')
      .execute();
  }

  /** Current values of the given keys, keyed "indicator:unit:YYYY-MM". */
  async currentValues(keys: ObservationKey[], chunk = 20_000): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < keys.length; i += chunk) {
      const part = keys.slice(i, i + chunk);
      const { rows } = await sql<{ k: string; u: number; p: string; value: number }>`
        select o.indicator_key as k, o.unit_id as u, to_char(o.period, 'YYYY-MM') as p, o.value
        from unnest(${part.map((r) => r.indicator_key)}::text[], ${part.map((r) => r.unit_id)}::int[],
                    ${part.map((r) => r.period + '-01')}::date[]) as t(k, u, p)
        join observation o on o.indicator_key = t.k and o.unit_id = t.u and o.period = t.p
      `.execute(this.db);
      for (const r of rows) out.set(`${r.k}:${r.u}:${r.p}`, Number(r.value));
    }
    return out;
  }

  /** Inserts or updates observations as user-entered (not demo). Call inside a transaction. */
  async upsert(rows: ObservationChange[], userId: number | null, chunk = 20_000): Promise<void> {
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await sql`
        insert into observation (indicator_key, unit_id, period, value, entered_by, entered_at, demo)
        select k, u, p, v, ${userId}::int, now(), false
        from unnest(${part.map((r) => r.indicator_key)}::text[], ${part.map((r) => r.unit_id)}::int[],
                    ${part.map((r) => r.period + '-01')}::date[], ${part.map((r) => r.value)}::float8[]) as t(k, u, p, v)
        on conflict (indicator_key, unit_id, period) do update
          set value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at, demo = false
      `.execute(this.db);
    }
  }

  /** One audit row per entry, all by one actor, in a few statements (same columns as AuditService). */
  async insertAudit(who: AuditActor, rows: BulkAuditEntry[], chunk = 10_000): Promise<void> {
    const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
    for (let i = 0; i < rows.length; i += chunk) {
      const part = rows.slice(i, i + chunk);
      await sql`
        insert into audit_log (user_id, username, ip, action, entity_type, entity_id, before, after)
        select ${who.user_id}::int, ${who.username}::text, ${who.ip}::text, a, t, id, b::jsonb, af::jsonb
        from unnest(${part.map((r) => r.action)}::text[], ${part.map((r) => r.entity_type)}::text[],
                    ${part.map((r) => r.entity_id)}::text[], ${part.map((r) => json(r.before))}::text[],
                    ${part.map((r) => json(r.after))}::text[]) as x(a, t, id, b, af)
      `.execute(this.db);
    }
  }

  async createStage(): Promise<void> {
    await sql`create temporary table import_stage (
        row integer not null, col text not null, indicator_key text not null,
        unit_id integer not null, period date not null, value double precision not null
      ) on commit drop`.execute(this.db);
  }

  async stage(rows: StagedValue[]): Promise<void> {
    if (!rows.length) return;
    await sql`insert into import_stage (row, col, indicator_key, unit_id, period, value)
      select * from unnest(${rows.map((r) => r.row)}::int[], ${rows.map((r) => r.column)}::text[],
        ${rows.map((r) => r.indicator_key)}::text[], ${rows.map((r) => r.unit_id)}::int[],
        ${rows.map((r) => r.period + '-01')}::date[], ${rows.map((r) => r.value)}::float8[])`.execute(this.db);
  }

  /** Indexes the staged rows for the comparisons; returns how many there are. */
  async finishStage(): Promise<number> {
    await sql`create index on import_stage (indicator_key, unit_id, period)`.execute(this.db);
    await sql`analyze import_stage`.execute(this.db);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from import_stage`.execute(this.db);
    return rows[0]!.n;
  }

  /** Values given twice for the same unit, indicator and month: every later row, with the first. */
  async stagedDuplicates(limit: number): Promise<{ total: number; rows: StageProblem[] }> {
    const { rows } = await sql<{ row: number; col: string; first_row: number; code: string; p: string; total: number }>`
      select d.row, d.col, d.first_row, u.code, to_char(d.period, 'YYYY-MM') as p, count(*) over ()::int as total
      from (select row, col, unit_id, period,
                   min(row) over (partition by indicator_key, unit_id, period) as first_row
            from import_stage) d
      join admin_unit u on u.id = d.unit_id
      where d.row > d.first_row
      order by d.row limit ${limit}`.execute(this.db);
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.map((r) => ({
        row: r.row,
        column: r.col,
        message_vi: `Trùng với dòng ${r.first_row} (${r.code}, ${r.p})`,
        message_en: `duplicate of row ${r.first_row}`,
      })),
    };
  }

  /**
   * A ratio's part given without its counterpart for that unit and month is checked against the
   * stored counterpart: a numerator may not exceed the denominator.
   */
  async stagedRatioConflicts(
    ratio: { key: string; numerator: string; denominator: string },
    limit: number,
  ): Promise<StageProblem[]> {
    const { rows } = await sql<{ row: number; col: string; value: number; other: number; is_num: boolean }>`
      select s.row, s.col, s.value, o.value as other, s.indicator_key = ${ratio.numerator} as is_num
      from import_stage s
      join observation o on o.unit_id = s.unit_id and o.period = s.period
        and o.indicator_key = case when s.indicator_key = ${ratio.numerator} then ${ratio.denominator}::text
                                   else ${ratio.numerator}::text end
      where s.indicator_key in (${ratio.numerator}, ${ratio.denominator})
        and not exists (select 1 from import_stage t where t.unit_id = s.unit_id and t.period = s.period
                          and t.indicator_key = o.indicator_key)
        and case when s.indicator_key = ${ratio.numerator} then s.value > o.value else s.value < o.value end
      order by s.row limit ${limit}`.execute(this.db);
    return rows.map((r) => ({
      row: r.row,
      column: r.col,
      message_vi: `${r.value} ${r.is_num ? '>' : '<'} "${r.is_num ? ratio.denominator : ratio.numerator}" đã lưu (${r.other})`,
      message_en: `${r.is_num ? 'numerator exceeds the stored denominator' : 'denominator below the stored numerator'} of ${ratio.key}`,
    }));
  }

  /** What writing the staged values would do. */
  async stagedDiff(): Promise<{ inserts: number; updates: number; unchanged: number }> {
    const { rows } = await sql<{ inserts: number; updates: number; unchanged: number }>`
      select count(*) filter (where o.unit_id is null)::int as inserts,
             count(*) filter (where o.value <> s.value)::int as updates,
             count(*) filter (where o.value = s.value)::int as unchanged
      from import_stage s
      left join observation o on o.indicator_key = s.indicator_key and o.unit_id = s.unit_id and o.period = s.period`.execute(
      this.db,
    );
    return rows[0]!;
  }

  /** Writes the staged values that change something, each with its audit row (before and after). */
  async applyStage(who: AuditActor, source: string): Promise<void> {
    await sql`
      insert into audit_log (user_id, username, ip, action, entity_type, entity_id, before, after)
      select ${who.user_id}::int, ${who.username}::text, ${who.ip}::text, 'observation.import', 'observation',
             s.indicator_key || ':' || s.unit_id || ':' || to_char(s.period, 'YYYY-MM'),
             case when o.unit_id is null then null else jsonb_build_object('value', o.value) end,
             jsonb_build_object('value', s.value, 'source', ${source}::text)
      from import_stage s
      left join observation o on o.indicator_key = s.indicator_key and o.unit_id = s.unit_id and o.period = s.period
      where o.unit_id is null or o.value <> s.value
      order by s.row, s.col`.execute(this.db);
    await sql`
      insert into observation (indicator_key, unit_id, period, value, entered_by, entered_at, demo)
      select s.indicator_key, s.unit_id, s.period, s.value, ${who.user_id}::int, now(), false
      from import_stage s
      left join observation o on o.indicator_key = s.indicator_key and o.unit_id = s.unit_id and o.period = s.period
      where o.unit_id is null or o.value <> s.value
      on conflict (indicator_key, unit_id, period) do update
        set value = excluded.value, entered_by = excluded.entered_by, entered_at = excluded.entered_at, demo = false`.execute(
      this.db,
    );
  }
}
