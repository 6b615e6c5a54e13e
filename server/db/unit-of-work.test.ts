import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../audit/audit.repository.ts';
import { ALL } from '../auth/scope.ts';
import type { RequestContext } from '../auth/context.ts';
import { EventBus } from '../events/event-bus.ts';
import type { DomainEvent } from '../events/events.schemas.ts';
import { TransactionalUnitOfWork } from './unit-of-work.ts';

/**
 * A transaction runner over a list of rows: the work's writes are kept on commit and dropped on
 * throw, and the test can see where in the transaction's life an event was delivered.
 */
function harness() {
  const committed: AuditEntry[] = [];
  const log: string[] = [];
  const events = new EventBus();
  const delivered: DomainEvent[] = [];
  events.on('hotspotsChanged', (e) => {
    log.push(`event ${e.hotspotIds.join(',')} (${committed.length} rows committed)`);
    delivered.push(e);
  });
  const uow = new TransactionalUnitOfWork<{ counter: { n: number } }>({
    read: { counter: { n: 0 } },
    events,
    transaction: async (work) => {
      const pending: AuditEntry[] = [];
      log.push('begin');
      try {
        const result = await work({ counter: { n: 0 }, audit: { insert: async (e) => void pending.push(e) } });
        committed.push(...pending);
        log.push('commit');
        return result;
      } catch (e) {
        log.push('rollback');
        throw e;
      }
    },
  });
  return { uow, committed, log, delivered };
}

const ctx: RequestContext = {
  actor: { id: 5, username: 'bientap', display_name: 'B', role: 'editor', scope: ALL, via: 'session' },
  scope: ALL,
  ip: '10.0.0.1',
};

describe('unit of work: audit rows in the transaction, events after commit', () => {
  it('publishes the events of a write once it has committed, in the order emitted', async () => {
    const { uow, committed, log, delivered } = harness();
    const result = await uow.write(ctx, async (tx) => {
      tx.emit({ type: 'hotspotsChanged', hotspotIds: [1] });
      await tx.audit({ action: 'hotspot.create', entity_type: 'hotspot', entity_id: 1, after: { a: 1 } });
      tx.emit({ type: 'hotspotsChanged', hotspotIds: [2] });
      log.push('work done');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(log).toEqual(['begin', 'work done', 'commit', 'event 1 (1 rows committed)', 'event 2 (1 rows committed)']);
    expect(delivered.map((e) => e.type)).toEqual(['hotspotsChanged', 'hotspotsChanged']);
    // The audit row names who, from where, and what — from the context, not from HTTP.
    expect(committed).toEqual([
      {
        user_id: 5,
        username: 'bientap',
        ip: '10.0.0.1',
        action: 'hotspot.create',
        entity_type: 'hotspot',
        entity_id: '1',
        before: null,
        after: { a: 1 },
      },
    ]);
  });

  it('publishes nothing and keeps no audit row when the work throws (rollback)', async () => {
    const { uow, committed, log, delivered } = harness();
    await expect(
      uow.write(ctx, async (tx) => {
        await tx.audit({ action: 'hotspot.create', entity_type: 'hotspot' });
        tx.emit({ type: 'hotspotsChanged', hotspotIds: [1] });
        throw new Error('a rule refused it');
      }),
    ).rejects.toThrow('a rule refused it');
    expect(log).toEqual(['begin', 'rollback']);
    expect(delivered).toEqual([]);
    expect(committed).toEqual([]);
  });

  it('a write that emits nothing tells no one', async () => {
    const { uow, delivered } = harness();
    await uow.write(ctx, async () => undefined);
    expect(delivered).toEqual([]);
  });
});
