import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { ViewsRepository } from './views.repository.ts';
import type { CreateViewBody, SavedView, UpdateViewBody } from './views.schemas.ts';

export type Req = Pick<FastifyRequest, 'ip' | 'actor' | 'scope'>;

const userIdOf = (request: Req) => request.actor?.id ?? null;

/** Checks what the schema cannot: a change map's first period has the shown period's resolution. */
function checkState(state: CreateViewBody['state']): void {
  const kind = (p: string) => (p.includes('Q') ? 'quarter' : p.length === 4 ? 'year' : 'month');
  if (state.from && kind(state.from) !== kind(state.period)) {
    throw badRequest(
      `Kỳ so sánh "${state.from}" và kỳ "${state.period}" phải cùng loại (tháng, quý hoặc năm) / "from" and "period" must be the same kind of period`,
      'state.from',
    );
  }
  if (state.from && state.from >= state.period) {
    throw badRequest(`Kỳ so sánh phải trước kỳ hiển thị / "from" must be before "period"`, 'state.from');
  }
}

/** A title without its surrounding blanks; blank is refused. */
export function cleanTitle(title: string): string {
  const t = title.trim();
  if (!t) throw badRequest('Tiêu đề không được để trống / title must not be blank', 'title');
  return t;
}

/**
 * Saved map views: everyone signed in may save; a view is shared with colleagues whose scope covers
 * the wards its creator's scope covered; only the owner (or an admin) changes it. Every write audited.
 */
export class ViewsService {
  constructor(private readonly db: Kysely<DB>) {}

  list(request: Req): Promise<SavedView[]> {
    return new ViewsRepository(this.db).list(request.scope, userIdOf(request));
  }

  async create(request: Req, body: CreateViewBody): Promise<SavedView> {
    checkState(body.state);
    return this.db.transaction().execute(async (trx) => {
      const repo = new ViewsRepository(trx);
      const owner = userIdOf(request);
      const id = await repo.insert({
        owner_id: owner,
        title: cleanTitle(body.title),
        note: body.note ?? '',
        state: body.state,
        scope_unit_ids: request.scope.all || owner === null ? [] : await repo.scopeWardsOf(owner),
      });
      const after = (await repo.get(id, request.scope, owner))!;
      await audit(trx, request, 'view.create', id, undefined, strip(after));
      return strip(after);
    });
  }

  async update(request: Req, id: number, body: UpdateViewBody): Promise<SavedView> {
    if (body.state) checkState(body.state);
    return this.db.transaction().execute(async (trx) => {
      const repo = new ViewsRepository(trx);
      const before = await loadOwned(repo, request, id);
      await repo.update(id, { ...body, ...(body.title !== undefined ? { title: cleanTitle(body.title) } : {}) });
      const after = strip((await repo.get(id, request.scope, userIdOf(request)))!);
      await audit(trx, request, 'view.update', id, before, after);
      return after;
    });
  }

  /** Puts the caller's own views in the order given; their views not named keep their order after them. */
  async reorder(request: Req, ids: number[]): Promise<SavedView[]> {
    const owner = userIdOf(request);
    if (owner === null) throw forbidden('Cần đăng nhập / sign in first');
    if (new Set(ids).size !== ids.length) throw badRequest('Danh sách có mã trùng / duplicate ids', 'ids');
    return this.db.transaction().execute(async (trx) => {
      const repo = new ViewsRepository(trx);
      const own = await repo.idsOwnedBy(owner);
      const foreign = ids.filter((id) => !own.includes(id));
      if (foreign.length) {
        throw forbidden(
          `Chỉ sắp xếp được bản đồ của mình: ${foreign.join(', ')} không phải của bạn / only your own views can be reordered`,
        );
      }
      const order = [...ids, ...own.filter((id) => !ids.includes(id))];
      await repo.setPositions(order);
      await audit(trx, request, 'view.reorder', null, { ids: own }, { ids: order });
      return repo.list(request.scope, owner);
    });
  }

  async delete(request: Req, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new ViewsRepository(trx);
      const before = await loadOwned(repo, request, id);
      const briefings = await repo.delete(id);
      await audit(trx, request, 'view.delete', id, { ...before, briefingIds: briefings }, undefined);
    });
  }
}

/** The view, if the caller sees it and owns it (or is an admin); 404 if unseen, 403 if not theirs. */
async function loadOwned(repo: ViewsRepository, request: Req, id: number): Promise<SavedView> {
  const view = await repo.get(id, request.scope, userIdOf(request));
  if (!view || !view.visible) throw notFound(`Không có bản đồ đã lưu #${id} / no saved view ${id}`, 'id');
  if (!view.mine && request.actor?.role !== 'admin') {
    throw forbidden(
      `Chỉ người lưu (${view.ownerName}) hoặc quản trị viên được sửa, xóa bản đồ này / only its owner or an admin may change it`,
    );
  }
  return strip(view);
}

function strip<T extends SavedView>(v: T): SavedView {
  const { visible: _visible, ...rest } = v as T & { visible?: boolean };
  return rest;
}

async function audit(
  trx: Kysely<DB>,
  request: Req,
  action: string,
  id: number | null,
  before: unknown,
  after: unknown,
): Promise<void> {
  await new AuditService(new AuditRepository(trx)).record(request, {
    action,
    entity_type: 'saved_view',
    entity_id: id,
    before,
    after,
  });
}
