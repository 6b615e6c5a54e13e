/** Fake views and briefings repositories over Memory (see repositories.ts): shared as the SQL shares them. */
import { canSee, type Scope } from '../../server/auth/scope.ts';
import type { BriefingsRepository } from '../../server/briefings/briefings.repository.ts';
import type { ViewsRepository } from '../../server/views/views.repository.ts';
import type { SavedView, ViewState } from '../../server/views/views.schemas.ts';
import type { Memory, Rows } from './memory.ts';

const iso = (d: Date) => d.toISOString();

/** Shared items (views, briefings): the owner, city-wide users, or a scope that holds all their wards. */
function sharedWith(scope: Scope, userId: number | null, item: { owner_id: number | null; scope_unit_ids: number[] }) {
  if (scope.all) return true;
  if (item.owner_id !== null && item.owner_id === userId) return true;
  return item.scope_unit_ids.length > 0 && item.scope_unit_ids.every((w) => canSee(scope, w));
}

export function fakeViewsAndBriefings(m: Memory) {
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
