import { actorId, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, forbidden, notFoundInScope } from '../errors.ts';
import { resolutionOf } from '../../geo/periods.ts';
import type { ViewsRepository } from './views.repository.ts';
import type { CreateViewBody, SavedView, UpdateViewBody } from './views.schemas.ts';

export interface ViewsStore {
  views: Pick<
    ViewsRepository,
    'list' | 'get' | 'scopeWardsOf' | 'insert' | 'update' | 'idsOwnedBy' | 'setPositions' | 'delete'
  >;
}

/** Checks what the schema cannot: a change map's first period has the shown period's resolution. */
function checkState(state: CreateViewBody['state']): void {
  if (state.from && resolutionOf(state.from) !== resolutionOf(state.period)) {
    throw badRequest(
      'view.period_kinds',
      `Kỳ so sánh "${state.from}" và kỳ "${state.period}" phải cùng loại (tháng, quý, năm, từ đầu năm hoặc 12 tháng) / "from" and "period" must be the same kind of period`,
      { field: 'state.from' },
    );
  }
  if (state.from && state.from >= state.period) {
    throw badRequest('view.from_after_period', 'Kỳ so sánh phải trước kỳ hiển thị / "from" must be before "period"', {
      field: 'state.from',
    });
  }
}

/** A title without its surrounding blanks; blank is refused. */
export function cleanTitle(title: string): string {
  const t = title.trim();
  if (!t) throw badRequest('params.blank', 'Tiêu đề không được để trống / title must not be blank', { field: 'title' });
  return t;
}

/**
 * Whether the caller may change a shared item they can see: its owner, or an administrator. A view
 * or briefing they cannot see was already "not found".
 */
export function mayChange(ctx: RequestContext, item: { mine: boolean }): boolean {
  return item.mine || ctx.actor?.role === 'admin';
}

/**
 * Saved map views: everyone signed in may save; a view is shared with colleagues whose scope covers
 * the wards its creator's scope covered; only the owner (or an admin) changes it. Every write audited.
 */
export class ViewsService {
  constructor(private readonly uow: UnitOfWork<ViewsStore>) {}

  list(ctx: RequestContext): Promise<SavedView[]> {
    return this.uow.read.views.list(ctx.scope, actorId(ctx));
  }

  async create(ctx: RequestContext, body: CreateViewBody): Promise<SavedView> {
    checkState(body.state);
    const title = cleanTitle(body.title);
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.views;
      const owner = actorId(ctx);
      const id = await repo.insert({
        owner_id: owner,
        title,
        note: body.note ?? '',
        state: body.state,
        scope_unit_ids: ctx.scope.all || owner === null ? [] : await repo.scopeWardsOf(owner),
      });
      const after = strip((await repo.get(id, ctx.scope, owner))!);
      await tx.audit({ action: 'view.create', entity_type: 'saved_view', entity_id: id, after });
      return after;
    });
  }

  async update(ctx: RequestContext, id: number, body: UpdateViewBody): Promise<SavedView> {
    if (body.state) checkState(body.state);
    const title = body.title === undefined ? undefined : cleanTitle(body.title);
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.views;
      const before = await loadOwned(repo, ctx, id);
      await repo.update(id, { ...body, ...(title !== undefined ? { title } : {}) });
      const after = strip((await repo.get(id, ctx.scope, actorId(ctx)))!);
      await tx.audit({ action: 'view.update', entity_type: 'saved_view', entity_id: id, before, after });
      return after;
    });
  }

  /** Puts the caller's own views in the order given; their views not named keep their order after them. */
  async reorder(ctx: RequestContext, ids: number[]): Promise<SavedView[]> {
    const owner = actorId(ctx);
    if (owner === null) throw forbidden('auth.required', 'Cần đăng nhập / sign in first');
    const dup = ids.find((id, i) => ids.indexOf(id) !== i);
    if (dup !== undefined) {
      throw badRequest('params.duplicate', 'Danh sách có mã trùng / duplicate ids', {
        field: 'ids',
        params: { value: dup },
      });
    }
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.views;
      const own = await repo.idsOwnedBy(owner);
      const foreign = ids.filter((id) => !own.includes(id));
      if (foreign.length) {
        throw forbidden(
          'view.not_yours',
          `Chỉ sắp xếp được bản đồ của mình: ${foreign.join(', ')} không phải của bạn / only your own views can be reordered`,
          { field: 'ids', params: { ids: foreign } },
        );
      }
      const order = [...ids, ...own.filter((id) => !ids.includes(id))];
      await repo.setPositions(order);
      await tx.audit({
        action: 'view.reorder',
        entity_type: 'saved_view',
        entity_id: null,
        before: { ids: own },
        after: { ids: order },
      });
      return repo.list(ctx.scope, owner);
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    await this.uow.write(ctx, async (tx) => {
      const before = await loadOwned(tx.repos.views, ctx, id);
      const briefings = await tx.repos.views.delete(id);
      await tx.audit({
        action: 'view.delete',
        entity_type: 'saved_view',
        entity_id: id,
        before: { ...before, briefingIds: briefings },
      });
    });
  }
}

/** The view, if the caller sees it and owns it (or is an admin); 404 if unseen, 403 if not theirs. */
async function loadOwned(repo: ViewsStore['views'], ctx: RequestContext, id: number): Promise<SavedView> {
  const view = await repo.get(id, ctx.scope, actorId(ctx));
  if (!view || !view.visible) throw notFoundInScope('view', id);
  if (!mayChange(ctx, view)) {
    throw forbidden(
      'view.not_owner',
      `Chỉ người lưu (${view.ownerName}) hoặc quản trị viên được sửa, xóa bản đồ này / only its owner or an admin may change it`,
      { params: { owner: view.ownerName } },
    );
  }
  return strip(view);
}

function strip<T extends SavedView>(v: T): SavedView {
  const { visible: _visible, ...rest } = v as T & { visible?: boolean };
  return rest;
}
