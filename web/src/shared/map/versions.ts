/**
 * Boundary versions as the data holds them (GET /api/boundaries/versions), any number of them: the
 * version a period is drawn with is the one valid on the period's last day; its first day is the
 * canonical date every geometry, values matrix and hotspot list of that version is asked for. Pure:
 * tested with plain lists.
 */
import { lastDayOfMonth, lastMonthOf } from '../../../../geo/periods.ts';
import type { BoundaryVersion } from '../api/types.ts';

export type { BoundaryVersion };

/** The last day of a period (`YYYY-MM`, `YYYY-Qn` or `YYYY`). */
export function periodEnd(period: string): string {
  return lastDayOfMonth(lastMonthOf(period));
}

/** The version valid on `day`; before the first version, the first; in a gap, the one before it. */
export function versionOn(versions: readonly BoundaryVersion[], day: string): BoundaryVersion | null {
  let found: BoundaryVersion | null = null;
  for (const v of versions) {
    if (v.valid_from <= day) found = v;
    else break;
  }
  return found ?? versions[0] ?? null;
}

/**
 * The boundary date a period is drawn with: the first day of the version valid at the period's end.
 * With no version known (an empty database, or versions not loaded), the period's last day itself.
 */
export function boundaryDateFor(versions: readonly BoundaryVersion[], period: string): string {
  const end = periodEnd(period);
  return versionOn(versions, end)?.valid_from ?? end;
}

/**
 * The day whose hotspot list a boundary version shows: today while the version is current, else its
 * last day (the groups it holds were still there).
 */
export function hotspotListDate(versions: readonly BoundaryVersion[], at: string, today: string): string {
  const v = versionOn(versions, at);
  if (!v?.valid_to) return today;
  const last = dayBefore(v.valid_to);
  return last < today ? last : today;
}

/** The version that starts on `at`, if it follows another (the change a note at a boundary names). */
export function changeAt(versions: readonly BoundaryVersion[], at: string): BoundaryVersion | null {
  const i = versions.findIndex((v) => v.valid_from === at);
  return i > 0 ? versions[i]! : null;
}

function dayBefore(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export type ChangeKind = 'merged' | 'split' | 'new' | 'retired' | 'redrawn' | 'relinked';

/** What changed at a version, in the order a note says it, leaving out what did not happen. */
export function changeParts(
  change: BoundaryVersion['changed_from_previous'],
): { kind: ChangeKind; n: number; from: number }[] {
  if (!change) return [];
  const order: ChangeKind[] = ['merged', 'split', 'new', 'retired', 'redrawn', 'relinked'];
  return order.filter((k) => change[k] > 0).map((kind) => ({ kind, n: change[kind], from: change.merged_from }));
}
