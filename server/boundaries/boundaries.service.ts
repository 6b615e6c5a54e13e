import { kindsOfLevel, type MapLevel } from '../../geo/levels.ts';
import type { RequestContext } from '../auth/context.ts';
import type { BoundariesRepository, ChangeCount, ChangeDay } from './boundaries.repository.ts';
import type { BoundaryVersion, VersionChange } from './boundaries.schemas.ts';

export interface BoundariesStore {
  boundaries: Pick<BoundariesRepository, 'changeDays' | 'changes'>;
}

const NO_CHANGE: VersionChange = {
  opened: 0,
  closed: 0,
  merged: 0,
  merged_from: 0,
  redrawn: 0,
  split: 0,
  new: 0,
  retired: 0,
  relinked: 0,
};

/**
 * The boundary versions of a level as the data holds them, any number of them: each day a unit of
 * the level starts, ends or changes parent begins a version; days with no unit (before the first
 * import, or a gap) begin none. Everything is counted within the caller's scope, so a scoped user
 * learns nothing of other wards (a change elsewhere is not even a version for them).
 */
export class BoundariesService {
  constructor(private readonly uow: { read: BoundariesStore }) {}

  async versions(ctx: RequestContext, level: MapLevel): Promise<BoundaryVersion[]> {
    const kinds = kindsOfLevel(level);
    const [days, changes] = await Promise.all([
      this.uow.read.boundaries.changeDays(kinds, ctx.scope),
      this.uow.read.boundaries.changes(kinds, ctx.scope),
    ]);
    return versionsOf(days, changes);
  }
}

/** Pure: the versions from the change days and the counted changes. */
export function versionsOf(days: readonly ChangeDay[], changes: readonly ChangeCount[]): BoundaryVersion[] {
  const byDay = new Map<string, VersionChange>();
  for (const c of changes) {
    const entry = byDay.get(c.day) ?? { ...NO_CHANGE };
    entry[c.what] += c.n;
    byDay.set(c.day, entry);
  }
  const out: BoundaryVersion[] = [];
  const sorted = [...days].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  sorted.forEach((d, i) => {
    const next = sorted[i + 1]?.day ?? null;
    const last = out[out.length - 1];
    // A day that ends the last version without starting one (nothing valid after it).
    if (d.units === 0) return;
    out.push({
      valid_from: d.day,
      valid_to: next,
      units: d.units,
      changed_from_previous: last ? (byDay.get(d.day) ?? { ...NO_CHANGE }) : null,
    });
  });
  return out;
}
