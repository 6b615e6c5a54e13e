import type { RequestContext } from '../auth/context.ts';
import type { AuditEntry, AuditFilter, AuditRepository } from './audit.repository.ts';

export type AuditInput = Omit<AuditEntry, 'user_id' | 'username' | 'ip' | 'before' | 'after' | 'entity_id'> & {
  entity_id?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Where audit rows go: the audit repository (bound to the writer's transaction), or a fake in unit tests. */
export interface AuditSink {
  insert(entry: AuditEntry): Promise<void>;
}

/**
 * The one audited-write helper: who (the context's user), when (the database clock), from where,
 * what, before and after. Services reach it through their unit of work (`tx.audit(…)`), so the row
 * commits or rolls back with the change it records.
 */
export class AuditService {
  constructor(private readonly sink: AuditSink) {}

  async record(ctx: RequestContext, entry: AuditInput): Promise<void> {
    await this.sink.insert({
      user_id: ctx.actor?.id ?? null,
      username: ctx.actor?.username ?? ctx.label ?? null,
      ip: ctx.ip,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }
}

/**
 * Reading the audit log, newest first. An administrator of the whole area reads everything; one
 * limited to some wards reads what they and the accounts they manage did.
 */
export class AuditLogService {
  constructor(
    private readonly repo: Pick<AuditRepository, 'list'>,
    private readonly users: { managedIds(ctx: RequestContext): Promise<number[] | null> },
  ) {}

  async list(ctx: RequestContext, filter: Omit<AuditFilter, 'by_users'>) {
    const byUsers = await this.users.managedIds(ctx);
    const rows = await this.repo.list({ ...filter, ...(byUsers ? { by_users: byUsers } : {}) });
    return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  }
}
