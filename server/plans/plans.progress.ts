import { lastDayOfMonth, monthFromIndex, monthIndex, todayInVietnam } from '../../geo/periods.ts';
import type { HotspotStatus } from '../../geo/units.ts';
import type { PlanDetail, ProgressResponse } from './plans.schemas.ts';

type Stage = ProgressResponse['items'][number]['current'];

/** How a hotspot status counts in a plan's progress: not yet a hotspot, or only identified, is "not started". */
export function stageOf(status: HotspotStatus | null): Stage {
  if (status === 'transformed' || status === 'transforming' || status === 'relapsed') return status;
  return 'notStarted';
}

/** At most this many months are charted (20 years). */
export const MAX_PROGRESS_MONTHS = 240;

/**
 * A plan's progress by month from its start (the approval's `startedOn`, else 1 January of its
 * year) to this month: each item's hotspot status at the end of each month, counted by stage.
 * Pure: the caller passes the plan and the status histories of its groups.
 */
export function progressOf(
  plan: Pick<PlanDetail, 'id' | 'year' | 'startedOn' | 'items'>,
  histories: readonly { unit_id: number; changed_on: string; status: HotspotStatus }[],
  today: string = todayInVietnam(),
): ProgressResponse {
  const start = (plan.startedOn ?? `${plan.year}-01-01`).slice(0, 7);
  const thisMonth = today.slice(0, 7);
  let first = monthIndex(start);
  const last = Math.max(first, monthIndex(thisMonth));
  first = Math.max(first, last - MAX_PROGRESS_MONTHS + 1);
  const byUnit = new Map<number, { changed_on: string; status: HotspotStatus }[]>();
  for (const h of histories) {
    const list = byUnit.get(h.unit_id) ?? [];
    list.push(h);
    byUnit.set(h.unit_id, list);
  }
  const statusOn = (unitId: number, day: string): HotspotStatus | null => {
    let status: HotspotStatus | null = null;
    for (const h of byUnit.get(unitId) ?? []) if (h.changed_on <= day) status = h.status;
    return status;
  };
  const months: ProgressResponse['months'] = [];
  for (let m = first; m <= last; m++) {
    const period = monthFromIndex(m);
    const end = lastDayOfMonth(period);
    const row = { period, transformed: 0, transforming: 0, notStarted: 0, relapsed: 0 };
    for (const item of plan.items) row[stageOf(statusOn(item.unitId, end))]++;
    months.push(row);
  }
  return {
    planId: plan.id,
    start: monthFromIndex(first),
    end: monthFromIndex(last),
    months,
    items: plan.items.map((item) => ({
      unitId: item.unitId,
      code: item.code,
      name: item.name,
      displayName: item.displayName,
      current: stageOf(statusOn(item.unitId, today)),
      statuses: (byUnit.get(item.unitId) ?? []).map((h) => ({ changedOn: h.changed_on, status: h.status })),
    })),
  };
}
