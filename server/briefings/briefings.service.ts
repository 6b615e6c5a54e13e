import { actorId, type RequestContext } from '../auth/context.ts';
import type { Tx, UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, forbidden, notFound, notFoundInScope } from '../errors.ts';
import type { ViewsRepository } from '../views/views.repository.ts';
import { cleanTitle, mayChange } from '../views/views.service.ts';
import type { BriefingRecord, BriefingsRepository } from './briefings.repository.ts';
import type { BriefingDetail, BriefingItem, CreateBriefingBody, UpdateBriefingBody } from './briefings.schemas.ts';

export interface BriefingsStore {
  briefings: Pick<
    BriefingsRepository,
    'list' | 'get' | 'views' | 'visibleViewIds' | 'insert' | 'update' | 'setViews' | 'delete'
  >;
  views: Pick<ViewsRepository, 'scopeWardsOf'>;
}
type Repo = BriefingsStore['briefings'];

/**
 * Briefings: ordered sets of saved views, shared like views (by the creator's scope); only the owner
 * or an admin changes one. A briefing may only be built from views the caller sees. Every write audited.
 */
export class BriefingsService {
  constructor(private readonly uow: UnitOfWork<BriefingsStore>) {}

  list(ctx: RequestContext): Promise<BriefingItem[]> {
    return this.uow.read.briefings.list(ctx.scope, actorId(ctx));
  }

  async get(ctx: RequestContext, id: number): Promise<BriefingDetail> {
    const repo = this.uow.read.briefings;
    return detail(repo, ctx, await loadVisible(repo, ctx, id));
  }

  async create(ctx: RequestContext, body: CreateBriefingBody): Promise<BriefingDetail> {
    const title = cleanTitle(body.title);
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.briefings;
      await checkViews(repo, ctx, body.viewIds, []);
      const owner = actorId(ctx);
      const id = await repo.insert({
        owner_id: owner,
        title,
        scope_unit_ids: ctx.scope.all || owner === null ? [] : await tx.repos.views.scopeWardsOf(owner),
      });
      await repo.setViews(id, body.viewIds);
      const after = (await repo.get(id, ctx.scope, owner))!;
      await audit(tx, 'briefing.create', id, undefined, record(after));
      return detail(repo, ctx, after);
    });
  }

  async update(ctx: RequestContext, id: number, body: UpdateBriefingBody): Promise<BriefingDetail> {
    const title = body.title === undefined ? undefined : cleanTitle(body.title);
    return this.uow.write(ctx, async (tx) => {
      const repo = tx.repos.briefings;
      const before = await loadOwned(repo, ctx, id);
      if (body.viewIds) {
        const seen = await repo.views(id, ctx.scope, actorId(ctx));
        const seenIds = new Set(seen.views.map((v) => v.id));
        // Views of the briefing the caller cannot see stay in it, after the ones they ordered.
        const hidden = before.viewIds.filter((v) => !seenIds.has(v) && !body.viewIds!.includes(v));
        await checkViews(repo, ctx, body.viewIds, hidden);
        await repo.setViews(id, [...body.viewIds, ...hidden]);
      }
      await repo.update(id, title === undefined ? {} : { title });
      const after = (await repo.get(id, ctx.scope, actorId(ctx)))!;
      await audit(tx, 'briefing.update', id, record(before), record(after));
      return detail(repo, ctx, after);
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    await this.uow.write(ctx, async (tx) => {
      const before = await loadOwned(tx.repos.briefings, ctx, id);
      await tx.repos.briefings.delete(id);
      await audit(tx, 'briefing.delete', id, record(before), undefined);
    });
  }
}

async function checkViews(repo: Repo, ctx: RequestContext, ids: number[], hidden: number[]): Promise<void> {
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup !== undefined) {
    throw badRequest(
      'params.duplicate',
      'Một bản đồ chỉ được có một lần trong buổi trình chiếu / a view may appear only once',
      { field: 'viewIds', params: { value: dup } },
    );
  }
  const visible = new Set(await repo.visibleViewIds(ids, ctx.scope, actorId(ctx)));
  const missing = ids.filter((id) => !visible.has(id) && !hidden.includes(id));
  if (missing.length) {
    throw notFound('briefing.views_not_found', `Không có bản đồ đã lưu #${missing.join(', #')} / no such saved view`, {
      field: 'viewIds',
      params: { ids: missing },
    });
  }
}

async function loadVisible(repo: Repo, ctx: RequestContext, id: number): Promise<BriefingRecord> {
  const b = await repo.get(id, ctx.scope, actorId(ctx));
  if (!b || !b.visible) throw notFoundInScope('briefing', id);
  return b;
}

async function loadOwned(repo: Repo, ctx: RequestContext, id: number): Promise<BriefingRecord> {
  const b = await loadVisible(repo, ctx, id);
  if (!mayChange(ctx, b)) {
    throw forbidden(
      'briefing.not_owner',
      `Chỉ người tạo (${b.ownerName}) hoặc quản trị viên được sửa, xóa buổi trình chiếu này / only its owner or an admin may change it`,
      { params: { owner: b.ownerName } },
    );
  }
  return b;
}

async function detail(repo: Repo, ctx: RequestContext, b: BriefingRecord): Promise<BriefingDetail> {
  const { views, hidden } = await repo.views(b.id, ctx.scope, actorId(ctx));
  return {
    id: b.id,
    title: b.title,
    ownerName: b.ownerName,
    mine: b.mine,
    updatedAt: b.updatedAt,
    views,
    hiddenCount: hidden,
  };
}

const record = (b: BriefingRecord) => ({ id: b.id, title: b.title, ownerId: b.ownerId, viewIds: b.viewIds });

function audit(tx: Tx<BriefingsStore>, action: string, id: number, before: unknown, after: unknown): Promise<void> {
  return tx.audit({ action, entity_type: 'briefing', entity_id: id, before, after });
}
