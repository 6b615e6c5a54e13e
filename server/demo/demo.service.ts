import { assertWholeArea, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { SettingsRepository } from '../settings/settings.repository.ts';
import type { DemoRepository, RemoveDemoResult } from './demo.repository.ts';
import { DEMO_SETTING } from './demo.seed.ts';

export interface DemoStore {
  demo: Pick<DemoRepository, 'removeAll'>;
  settings: Pick<SettingsRepository, 'get' | 'set'>;
}

/**
 * The synthetic demo dataset (geo/demo/ makes it, demo.seed.ts loads it): whether the data served
 * are the demo (labelled as such in every response), and leaving it — every demo row removed in one
 * transaction, recorded so the next start does not load it again, audited as one entry.
 */
export class DemoService {
  constructor(private readonly uow: UnitOfWork<DemoStore>) {}

  async isDemo(): Promise<boolean> {
    const s = await this.uow.read.settings.get<{ demo?: boolean }>(DEMO_SETTING);
    return s?.demo === true;
  }

  /** Removes the demo (an administrator of the whole area, or the CLI as SYSTEM). */
  async remove(ctx: RequestContext): Promise<RemoveDemoResult> {
    assertWholeArea(ctx);
    return this.uow.write(ctx, async (tx) => {
      const { disabled_ids: disabled, ...result } = await tx.repos.demo.removeAll();
      const previous = await tx.repos.settings.get<Record<string, unknown>>(DEMO_SETTING);
      const removed_at = new Date().toISOString();
      await tx.repos.settings.set(DEMO_SETTING, { demo: false, removed_at });
      await tx.audit({
        action: 'demo.remove',
        entity_type: 'dataset',
        entity_id: 'demo',
        before: previous ?? null,
        after: { demo: false, removed_at, removed: result },
      });
      // Units, hotspots, values and accounts went: every cache that holds any of them forgets.
      tx.emit({ type: 'boundariesChanged', validFrom: null });
      tx.emit({ type: 'hotspotsChanged', hotspotIds: [] });
      tx.emit({ type: 'valuesChanged', indicators: [] });
      tx.emit({ type: 'usersChanged', userIds: [] });
      if (disabled.length) tx.emit({ type: 'sessionsRevoked', userIds: disabled, sessionIds: [] });
      tx.emit({ type: 'settingsChanged', key: DEMO_SETTING });
      return result;
    });
  }
}
