import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditLogTable } from './audit.table.ts';

/** One audit row as written: everything but the id and the database's own timestamp. */
export type AuditEntry = Omit<AuditLogTable, 'id' | 'at'>;

export interface AuditFilter {
  user_id?: number;
  /** Only entries made by these users (an administrator limited to some wards). */
  by_users?: readonly number[];
  entity_type?: string;
  entity_id?: string;
  action?: string;
  /** A unit id: entries about that unit, or about something of it (a value, a hotspot, a crosswalk row). */
  unit?: number;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const jsonb = (v: unknown) => (v === undefined || v === null ? null : sql`cast(${JSON.stringify(v)} as text)::jsonb`);

/**
 * Entries about unit `id`: the unit itself, a value of it (`indicator:unit:period`), a crosswalk row
 * from or to it (`from>to`), a boundary import that opened or closed it, or anything whose
 * before/after names it as `unit_id` (hotspots, plan items).
 */
function aboutUnit(id: number) {
  const text = String(id);
  const one = sql`cast(${JSON.stringify([id])} as text)::jsonb`;
  return sql<boolean>`(
    (entity_type = 'unit' and entity_id = ${text})
    or (entity_type = 'observation' and split_part(entity_id, ':', 2) = ${text})
    or (entity_type = 'crosswalk' and (split_part(entity_id, '>', 1) = ${text} or split_part(entity_id, '>', 2) = ${text}))
    or (entity_type = 'boundary_version' and (after -> 'opened_unit_ids' @> ${one} or before -> 'closed_unit_ids' @> ${one}))
    or after ->> 'unit_id' = ${text}
    or before ->> 'unit_id' = ${text}
  )`;
}

export class AuditRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async insert(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ ...e, before: jsonb(e.before), after: jsonb(e.after) })
      .execute();
  }

  async list(f: AuditFilter) {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (f.user_id !== undefined) q = q.where('user_id', '=', f.user_id);
    if (f.by_users) q = q.where('user_id', '=', sql<number>`any(${[...f.by_users]}::int[])`);
    if (f.entity_type) q = q.where('entity_type', '=', f.entity_type);
    if (f.entity_id) q = q.where('entity_id', '=', f.entity_id);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.unit !== undefined) q = q.where(aboutUnit(f.unit));
    if (f.from) q = q.where('at', '>=', sql<Date>`${f.from}::date`);
    if (f.to) q = q.where('at', '<', sql<Date>`${f.to}::date + 1`);
    return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  }
}
