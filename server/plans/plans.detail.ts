import type { HotspotCategory } from '../../geo/units.ts';
import type { ItemRow, PlanRow, PlansRepository } from './plans.repository.ts';
import type { PlanDetail, PlanSummary } from './plans.schemas.ts';

/**
 * A plan as the API answers it, from its rows: pure, so the shape (camelCase, ISO times, the
 * summary of its groups) is decided in one place for every route that returns a plan.
 */

export type EventAction = PlanDetail['history'][number]['action'];

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

type ListRow = Awaited<ReturnType<PlansRepository['list']>>[number];
type EventRow = Awaited<ReturnType<PlansRepository['events']>>[number];

export function toPlanSummary(r: ListRow): PlanSummary {
  return {
    id: r.id,
    name: r.name,
    year: r.year,
    status: r.status,
    revision: r.revision,
    previousId: r.previous_id,
    ownerName: r.owner_name,
    itemCount: r.item_count,
    households: Number(r.households),
    updatedAt: iso(r.updated_at)!,
  };
}

export function toPlanDetail(
  plan: PlanRow,
  items: readonly ItemRow[],
  revisions: PlanDetail['revisions'],
  events: readonly EventRow[],
  /** Display names of the groups (server/units/unit-names.ts), by unit id. */
  names: ReadonlyMap<number, string>,
): PlanDetail {
  const categories = new Set<HotspotCategory>();
  for (const i of items) for (const c of i.categories ?? []) categories.add(c);
  return {
    id: plan.id,
    name: plan.name,
    year: plan.year,
    description: plan.description,
    status: plan.status,
    revision: plan.revision,
    previousId: plan.previous_id,
    reviewComment: plan.review_comment,
    ownerId: plan.owner_id,
    ownerName: plan.owner_name,
    createdAt: iso(plan.created_at)!,
    updatedAt: iso(plan.updated_at)!,
    submittedAt: iso(plan.submitted_at),
    approvedAt: iso(plan.approved_at),
    approvedByName: plan.approved_by_name,
    startedOn: plan.started_on,
    summary: {
      groups: items.length,
      households: items.reduce((a, i) => a + (i.households ?? 0), 0),
      wards: new Set(items.map((i) => i.ward_id).filter((w) => w !== null)).size,
      categories: [...categories].sort(),
    },
    items: items.map((i) => ({
      unitId: i.id,
      code: i.code,
      name: i.name,
      displayName: names.get(i.id) ?? i.name,
      wardId: i.ward_id,
      wardName: i.ward_name,
      households: i.households,
      hotspot: i.categories ? { categories: i.categories, status: i.status ?? 'identified' } : null,
      priority: i.priority,
      rationale: i.rationale,
      responsibleUnit: i.responsible_unit,
      targetDate: i.target_date,
    })),
    revisions,
    history: events.map((e) => ({
      at: iso(e.at)!,
      userName: e.user_name,
      action: e.action as EventAction,
      comment: e.comment,
    })),
  };
}
