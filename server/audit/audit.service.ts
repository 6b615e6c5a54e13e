import type { FastifyRequest } from 'fastify';
import type { AuditEntry, AuditRepository } from './audit.repository.ts';

export type AuditInput = Omit<AuditEntry, 'user_id' | 'username' | 'ip' | 'before' | 'after' | 'entity_id'> & {
  entity_id?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** Every write goes through here: who, when (database clock), from where, what, before and after. */
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  async record(request: Pick<FastifyRequest, 'ip' | 'actor'> | null, entry: AuditInput): Promise<void> {
    await this.repo.insert({
      user_id: request?.actor?.id ?? null,
      username: request?.actor?.username ?? null,
      ip: request?.ip ?? null,
      action: entry.action,
      entity_type: entry.entity_type,
      entity_id: entry.entity_id === undefined || entry.entity_id === null ? null : String(entry.entity_id),
      before: entry.before ?? null,
      after: entry.after ?? null,
    });
  }
}
