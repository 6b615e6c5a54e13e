import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditLogTable } from './audit.table.ts';

/** One audit row as written: everything but the id and the database's own timestamp. */
export type AuditEntry = Omit<AuditLogTable, 'id' | 'at'>;

export interface AuditFilter {
  user_id?: number;
  entity_type?: string;
  entity_id?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const jsonb = (v: unknown) => (v === undefined || v === null ? null : sql`cast(${JSON.stringify(v)} as text)::jsonb`);

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
    if (f.entity_type) q = q.where('entity_type', '=', f.entity_type);
    if (f.entity_id) q = q.where('entity_id', '=', f.entity_id);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.from) q = q.where('at', '>=', sql<Date>`${f.from}::date`);
    if (f.to) q = q.where('at', '<', sql<Date>`${f.to}::date + 1`);
    return q.orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  }
}
