import { AuditService, type AuditInput, type AuditSink } from '../audit/audit.service.ts';
import type { RequestContext } from '../auth/context.ts';
import type { EventPublisher } from '../events/event-bus.ts';
import type { DomainEvent } from '../events/events.schemas.ts';

/** What a write sees inside its transaction. */
export interface Tx<R> {
  /** Repositories bound to the transaction. */
  readonly repos: R;
  /** Records the change in the audit log, in the same transaction. */
  audit(entry: AuditInput): Promise<void>;
  /** Says what changed; published once the transaction has committed, never on rollback. */
  emit(event: DomainEvent): void;
}

/**
 * How services reach storage: `read` for reads outside a transaction; `write` for changes — one
 * transaction with repositories bound to it, its audit rows, and its domain events published after
 * commit. `R` is the part of the repositories a service uses: production passes all of them
 * (server/repositories.ts), unit tests pass in-memory fakes.
 */
export interface UnitOfWork<R> {
  readonly read: R;
  write<T>(ctx: RequestContext, work: (tx: Tx<R>) => Promise<T>): Promise<T>;
}

export interface UnitOfWorkOptions<R> {
  /** The repositories over the database, outside any transaction. */
  read: R;
  /**
   * Runs `work` in one database transaction with the repositories (and the audit sink) bound to it:
   * it commits when `work` resolves and rolls back when it throws.
   */
  transaction<T>(work: (repos: R & { audit: AuditSink }) => Promise<T>): Promise<T>;
  events: EventPublisher;
}

/**
 * The unit of work over a transaction runner. Inside `write`, use only `tx.repos`: on the embedded
 * database (one connection) a read through `read` would wait for the transaction that waits for it.
 */
export class TransactionalUnitOfWork<R> implements UnitOfWork<R> {
  constructor(private readonly options: UnitOfWorkOptions<R>) {}

  get read(): R {
    return this.options.read;
  }

  async write<T>(ctx: RequestContext, work: (tx: Tx<R>) => Promise<T>): Promise<T> {
    const events: DomainEvent[] = [];
    const result = await this.options.transaction((repos) => {
      const audit = new AuditService(repos.audit);
      return work({ repos, audit: (entry) => audit.record(ctx, entry), emit: (event) => void events.push(event) });
    });
    for (const event of events) this.options.events.publish(event);
    return result;
  }
}
