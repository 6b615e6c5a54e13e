/**
 * Fake repositories over Memory: the methods the write services call, with the same contracts as
 * the SQL (scope decided by the same rule — `canSee`, the unit ids of the scope —, shared items seen
 * by their owner or by anyone whose scope holds all their wards). Typed against the real classes,
 * so a change of a repository's signature breaks these too.
 */
import { INDICATORS } from '../../geo/catalogue.ts';
import { GROUP_KINDS, type HotspotCategory, type HotspotStatus } from '../../geo/units.ts';
import type { AuditRepository } from '../../server/audit/audit.repository.ts';
import type { AuthRepository } from '../../server/auth/auth.repository.ts';
import { canSee, type Scope } from '../../server/auth/scope.ts';
import type { BriefingsRepository } from '../../server/briefings/briefings.repository.ts';
import type { HotspotsRepository } from '../../server/hotspots/hotspots.repository.ts';
import { catalogueRow, type IndicatorsRepository } from '../../server/indicators/indicators.repository.ts';
import type { ObservationsRepository } from '../../server/observations/observations.repository.ts';
import type { PlansStore } from '../../server/plans/plans.service.ts';
import type { ItemRow, PlanRow } from '../../server/plans/plans.repository.ts';
import type { PlanStatus } from '../../server/plans/plans.schemas.ts';
import type { SettingsRepository } from '../../server/settings/settings.repository.ts';
import type { UnitsRepository } from '../../server/units/units.repository.ts';
import type { UsersRepository, UserWithHash } from '../../server/users/users.repository.ts';
import type { ViewsRepository } from '../../server/views/views.repository.ts';
import type { SavedView, ViewState } from '../../server/views/views.schemas.ts';
import type { Memory, Rows } from './memory.ts';

const iso = (d: Date) => d.toISOString();
const validOn = (u: { valid_from: string; valid_to: string | null }, at: string) =>
  u.valid_from <= at && (u.valid_to === null || u.valid_to > at);

/** Shared items (views, briefings): the owner, city-wide users, or a scope that holds all their wards. */
function sharedWith(scope: Scope, userId: number | null, item: { owner_id: number | null; scope_unit_ids: number[] }) {
  if (scope.all) return true;
  if (item.owner_id !== null && item.owner_id === userId) return true;
  return item.scope_unit_ids.length > 0 && item.scope_unit_ids.every((w) => canSee(scope, w));
}

export function fakeRepositories(m: Memory) {
  const rows = (): Rows => m.rows;

  const units: Pick<UnitsRepository, 'byIds' | 'updateAttributes' | 'idsByCode' | 'listAt'> = {
    async byIds(ids, scope) {
      return rows()
        .units.filter((u) => ids.includes(u.id))
        .map(({ parent_id: _p, search_text: _s, ...u }) => ({ ...u, in_scope: canSee(scope, u.id) }));
    },
    async updateAttributes(id, patch, searchText) {
      const u = rows().units.find((x) => x.id === id)!;
      Object.assign(u, patch, { search_text: searchText });
    },
    async idsByCode(codes, at) {
      return rows()
        .units.filter((u) => codes.includes(u.code) && validOn(u, at))
        .map((u) => u.id);
    },
    async listAt() {
      throw new Error('listAt is SQL-only (GeoJSON from PostGIS): covered by the integration tests');
    },
  };

  const observations: Pick<ObservationsRepository, 'get' | 'set'> = {
    async get(indicator, unitId, period) {
      const o = rows().observations.find(
        (x) => x.indicator === indicator && x.unit_id === unitId && x.period === period,
      );
      return o && { value: o.value, demo: o.demo, entered_by: null };
    },
    async set(indicator, unitId, period, value) {
      const list = rows().observations;
      const o = list.find((x) => x.indicator === indicator && x.unit_id === unitId && x.period === period);
      if (o) Object.assign(o, { value, demo: false });
      else list.push({ indicator, unit_id: unitId, period, value, demo: false });
    },
  };

  const indicators: Pick<IndicatorsRepository, 'list'> = {
    async list() {
      return INDICATORS.map((d) => ({ ...catalogueRow(d), first_period: null, last_period: null }));
    },
  };

  const audit: Pick<AuditRepository, 'insert'> = {
    async insert(entry) {
      rows().audit.push(structuredClone(entry));
    },
  };

  const hotspots: Pick<HotspotsRepository, 'detail' | 'idOfUnit' | 'insert' | 'addStatus' | 'update' | 'listAt'> = {
    async detail(id) {
      const h = rows().hotspots.find((x) => x.id === id);
      if (!h) return undefined;
      const history = rows()
        .hotspotStatus.filter((s) => s.hotspot_id === id)
        .sort((a, b) => a.changed_on.localeCompare(b.changed_on) || a.id - b.id)
        .map((s) => ({ status: s.status as HotspotStatus, changed_on: s.changed_on, note: s.note }));
      return { ...h, categories: h.categories as HotspotCategory[], history };
    },
    async idOfUnit(unitId) {
      return rows().hotspots.find((h) => h.unit_id === unitId)?.id;
    },
    async insert({ history, ...h }) {
      const id = m.nextId();
      rows().hotspots.push({ id, ...h });
      for (const s of history) rows().hotspotStatus.push({ id: m.nextId(), hotspot_id: id, ...s });
      return id;
    },
    async addStatus(s) {
      rows().hotspotStatus.push({ id: m.nextId(), ...s });
    },
    async update(id, patch) {
      Object.assign(
        rows().hotspots.find((h) => h.id === id)!,
        patch,
      );
    },
    async listAt() {
      throw new Error('listAt is SQL-only: covered by the integration tests');
    },
  };

  const users: Pick<UsersRepository, 'list' | 'count' | 'byId' | 'byUsername' | 'insert' | 'update' | 'setScope'> = {
    async list() {
      return rows().users.map(({ password_hash: _h, password_changed_at: _p, ...u }) => ({ ...u }));
    },
    async count() {
      return rows().users.length;
    },
    async byId(id) {
      const u = rows().users.find((x) => x.id === id);
      return u && (structuredClone(u) as UserWithHash);
    },
    async byUsername(name) {
      const u = rows().users.find((x) => x.username === name);
      return u && (structuredClone(u) as UserWithHash);
    },
    async insert(u) {
      const id = m.nextId();
      rows().users.push({ ...u, id, disabled: false, created_at: m.now(), password_changed_at: m.now() });
      return id;
    },
    async update(id, patch) {
      const u = rows().users.find((x) => x.id === id)!;
      Object.assign(u, patch, patch.password_hash ? { password_changed_at: m.now() } : {});
    },
    async setScope(userId, unitIds) {
      rows().users.find((x) => x.id === userId)!.scope_unit_ids = [...unitIds].sort((a, b) => a - b);
    },
  };

  const auth: Pick<AuthRepository, 'revokeUserSessions' | 'revokeUserTokens'> = {
    async revokeUserSessions(userId, exceptId) {
      const live = rows().sessions.filter((s) => s.user_id === userId && !s.revoked && s.id !== exceptId);
      for (const s of live) s.revoked = true;
      return live.length;
    },
    async revokeUserTokens(userId) {
      const live = rows().tokens.filter((t) => t.user_id === userId && !t.revoked);
      for (const t of live) t.revoked = true;
      return live.length;
    },
  };

  const settings: Pick<SettingsRepository, 'get' | 'set'> = {
    async get() {
      return undefined;
    },
    async set() {},
  };

  return {
    units,
    observations,
    indicators,
    audit,
    hotspots,
    users,
    auth,
    settings,
    plans: fakePlans(m),
    ...fakeViewsAndBriefings(m),
  };
}
export type FakeRepositories = ReturnType<typeof fakeRepositories>;

function fakePlans(m: Memory): PlansStore['plans'] {
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

function fakeViewsAndBriefings(m: Memory) {
  const rows = () => m.rows;
  const nameOf = (id: number | null) => rows().users.find((u) => u.id === id)?.display_name ?? '';
  const toView = (v: Rows['views'][number], userId: number | null): SavedView => ({
    id: v.id,
    title: v.title,
    note: v.note,
    state: structuredClone(v.state) as ViewState,
    position: v.position,
    ownerId: v.owner_id,
    ownerName: nameOf(v.owner_id),
    mine: v.owner_id !== null && v.owner_id === userId,
    scopeUnitIds: v.scope_unit_ids,
    createdAt: iso(v.created_at),
    updatedAt: iso(v.updated_at),
  });
  const ordered = () => [...rows().views].sort((a, b) => a.position - b.position || a.id - b.id);

  const views: Pick<
    ViewsRepository,
    'list' | 'get' | 'scopeWardsOf' | 'insert' | 'update' | 'idsOwnedBy' | 'setPositions' | 'delete'
  > = {
    async list(scope, userId) {
      return ordered()
        .filter((v) => sharedWith(scope, userId, v))
        .map((v) => toView(v, userId));
    },
    async get(id, scope, userId) {
      const v = rows().views.find((x) => x.id === id);
      return v && { ...toView(v, userId), visible: sharedWith(scope, userId, v) };
    },
    async scopeWardsOf(userId) {
      return rows().users.find((u) => u.id === userId)?.scope_unit_ids ?? [];
    },
    async insert(v) {
      const id = m.nextId();
      const position =
        Math.max(
          0,
          ...rows()
            .views.filter((x) => x.owner_id === v.owner_id)
            .map((x) => x.position),
        ) + 1;
      rows().views.push({
        ...v,
        id,
        position,
        state: structuredClone(v.state),
        created_at: m.now(),
        updated_at: m.now(),
      });
      return id;
    },
    async update(id, patch) {
      Object.assign(
        rows().views.find((v) => v.id === id)!,
        patch,
        { updated_at: m.now() },
      );
    },
    async idsOwnedBy(ownerId) {
      return ordered()
        .filter((v) => v.owner_id === ownerId)
        .map((v) => v.id);
    },
    async setPositions(ids) {
      ids.forEach((id, i) => (rows().views.find((v) => v.id === id)!.position = i + 1));
    },
    async delete(id) {
      const briefings = rows()
        .briefingViews.filter((b) => b.view_id === id)
        .map((b) => b.briefing_id);
      m.rows.views = rows().views.filter((v) => v.id !== id);
      m.rows.briefingViews = rows().briefingViews.filter((b) => b.view_id !== id);
      return briefings;
    },
  };

  const viewIdsOf = (id: number) =>
    rows()
      .briefingViews.filter((b) => b.briefing_id === id)
      .sort((a, b) => a.position - b.position)
      .map((b) => b.view_id);
  const briefings: Pick<
    BriefingsRepository,
    'list' | 'get' | 'views' | 'visibleViewIds' | 'insert' | 'update' | 'setViews' | 'delete'
  > = {
    async list(scope, userId) {
      return rows()
        .briefings.filter((b) => sharedWith(scope, userId, b))
        .map((b) => ({
          id: b.id,
          title: b.title,
          viewCount: viewIdsOf(b.id).filter((v) =>
            sharedWith(
              scope,
              userId,
              rows().views.find((x) => x.id === v)!,
            ),
          ).length,
          ownerName: nameOf(b.owner_id),
          mine: b.owner_id !== null && b.owner_id === userId,
          updatedAt: iso(b.updated_at),
        }));
    },
    async get(id, scope, userId) {
      const b = rows().briefings.find((x) => x.id === id);
      if (!b) return undefined;
      return {
        id: b.id,
        title: b.title,
        ownerId: b.owner_id,
        ownerName: nameOf(b.owner_id),
        mine: b.owner_id !== null && b.owner_id === userId,
        updatedAt: iso(b.updated_at),
        visible: sharedWith(scope, userId, b),
        viewIds: viewIdsOf(b.id),
      };
    },
    async views(id, scope, userId) {
      const all = viewIdsOf(id).map((v) => rows().views.find((x) => x.id === v)!);
      const seen = all.filter((v) => sharedWith(scope, userId, v));
      return { views: seen.map((v) => toView(v, userId)), hidden: all.length - seen.length };
    },
    async visibleViewIds(ids, scope, userId) {
      return rows()
        .views.filter((v) => ids.includes(v.id) && sharedWith(scope, userId, v))
        .map((v) => v.id);
    },
    async insert(b) {
      const id = m.nextId();
      rows().briefings.push({ ...b, id, updated_at: m.now() });
      return id;
    },
    async update(id, patch) {
      Object.assign(
        rows().briefings.find((b) => b.id === id)!,
        patch,
        { updated_at: m.now() },
      );
    },
    async setViews(id, viewIds) {
      m.rows.briefingViews = [
        ...rows().briefingViews.filter((b) => b.briefing_id !== id),
        ...viewIds.map((view_id, i) => ({ briefing_id: id, view_id, position: i + 1 })),
      ];
    },
    async delete(id) {
      m.rows.briefings = rows().briefings.filter((b) => b.id !== id);
      m.rows.briefingViews = rows().briefingViews.filter((b) => b.briefing_id !== id);
    },
  };
  return { views, briefings };
}

/** A ward with groups under it, valid since 2000 (a small area for the tests). */
export function area(m: Memory, code: string, groups: number) {
  const ward = m.unit({ code, kind: 'phuong', name: `Phường ${code}` });
  const list = Array.from({ length: groups }, (_, i) =>
    m.unit({
      code: `${code}-${i + 1}`,
      kind: GROUP_KINDS[0]!,
      name: `Tổ ${i + 1}`,
      parent_id: ward.id,
      households: 100 + i,
    }),
  );
  return { ward, groups: list };
}
