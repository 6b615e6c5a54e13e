import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';

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

/** SQL for imports: candidate units, current values, the upsert and its audit trail. */
export class ImportsRepository {
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
}
