/** The fake plans repository over Memory (see repositories.ts): the same visibility rule as the SQL. */
import type { HotspotCategory, HotspotStatus } from '../../geo/units.ts';
import { canSee, type Scope } from '../../server/auth/scope.ts';
import type { ItemRow, PlanRow } from '../../server/plans/plans.repository.ts';
import type { PlanStatus } from '../../server/plans/plans.schemas.ts';
import type { PlansStore } from '../../server/plans/plans.service.ts';
import type { Memory, Rows } from './memory.ts';

export function fakePlans(m: Memory): PlansStore['plans'] {
  const rows = () => m.rows;
  const visible = (p: Rows['plans'][number], scope: Scope, actorId: number | null) => {
    const items = rows().planItems.filter((i) => i.plan_id === p.id);
    return items.every((i) => canSee(scope, i.unit_id)) && (scope.all || p.owner_id === actorId || items.length > 0);
  };
  const nameOf = (id: number | null) => rows().users.find((u) => u.id === id)?.display_name ?? null;
  const ward = (unitId: number) => {
    const parent = rows().units.find((u) => u.id === rows().units.find((x) => x.id === unitId)?.parent_id);
    return { ward_id: parent?.id ?? null, ward_name: parent?.name ?? null };
  };
  const hotspotOn = (unitId: number, at: string) => {
    const h = rows().hotspots.find((x) => x.unit_id === unitId && x.designated_on <= at);
    if (!h) return { categories: null, status: null };
    const last = rows()
      .hotspotStatus.filter((s) => s.hotspot_id === h.id && s.changed_on <= at)
      .sort((a, b) => a.changed_on.localeCompare(b.changed_on) || a.id - b.id)
      .at(-1);
    return { categories: h.categories as HotspotCategory[], status: (last?.status ?? null) as HotspotStatus | null };
  };
  const toRow = (p: Rows['plans'][number]): PlanRow => ({
    ...p,
    status: p.status as PlanStatus,
    owner_name: nameOf(p.owner_id),
    approved_by_name: nameOf(p.approved_by),
  });
  return {
    async list(scope, actorId, filter) {
      return rows()
        .plans.filter((p) => visible(p, scope, actorId))
        .filter(
          (p) => (filter.status ? p.status === filter.status : true) && (filter.year ? p.year === filter.year : true),
        )
        .map((p) => {
          const items = rows().planItems.filter((i) => i.plan_id === p.id);
          return {
            ...toRow(p),
            item_count: items.length,
            households: items.reduce((a, i) => a + (rows().units.find((u) => u.id === i.unit_id)?.households ?? 0), 0),
          };
        })
        .reverse();
    },
    async get(id, scope, actorId) {
      const p = rows().plans.find((x) => x.id === id);
      return p && visible(p, scope, actorId) ? toRow(p) : undefined;
    },
    async items(planId, at): Promise<ItemRow[]> {
      return rows()
        .planItems.filter((i) => i.plan_id === planId)
        .sort((a, b) => a.priority - b.priority)
        .map((i) => {
          const u = rows().units.find((x) => x.id === i.unit_id)!;
          return {
            id: u.id,
            code: u.code,
            name: u.name,
            households: u.households,
            ...ward(u.id),
            ...hotspotOn(u.id, at),
            ...i,
          };
        });
    },
    async revisions(rootId) {
      return rows()
        .plans.filter((p) => p.root_id === rootId)
        .sort((a, b) => a.revision - b.revision)
        .map((p) => ({ id: p.id, revision: p.revision, status: p.status as PlanStatus }));
    },
    async openRevision(rootId) {
      const p = rows().plans.find((x) => x.root_id === rootId && ['draft', 'submitted', 'returned'].includes(x.status));
      return p && { id: p.id, revision: p.revision };
    },
    async approvedRevision(rootId, except) {
      return rows().plans.find((x) => x.root_id === rootId && x.status === 'approved' && x.id !== except)?.id;
    },
    async events(planId) {
      return rows().planEvents.filter((e) => e.plan_id === planId);
    },
    async addEvent(e) {
      rows().planEvents.push({ id: m.nextId(), at: m.now(), ...e });
    },
    async create(p) {
      const id = m.nextId();
      const now = m.now();
      rows().plans.push({
        ...p,
        id,
        root_id: p.root_id ?? id,
        status: 'draft',
        review_comment: null,
        submitted_at: null,
        approved_at: null,
        approved_by: null,
        started_on: null,
        created_at: now,
        updated_at: now,
      });
      return id;
    },
    async update(id, patch) {
      Object.assign(
        rows().plans.find((p) => p.id === id)!,
        patch,
        { updated_at: m.now() },
      );
    },
    async itemInputs(planId) {
      return rows()
        .planItems.filter((i) => i.plan_id === planId)
        .sort((a, b) => a.priority - b.priority || a.unit_id - b.unit_id)
        .map(({ plan_id: _p, ...i }) => i);
    },
    async replaceItems(planId, items) {
      m.rows.planItems = [
        ...rows().planItems.filter((i) => i.plan_id !== planId),
        ...items.map((i) => ({ plan_id: planId, ...i })),
      ];
    },
    async delete(id) {
      m.rows.plans = rows().plans.filter((p) => p.id !== id);
      m.rows.planItems = rows().planItems.filter((i) => i.plan_id !== id);
    },
    async now() {
      return m.now();
    },
  };
}
