import type { Kysely } from 'kysely';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { badRequest, forbidden, notFound } from '../errors.ts';
import { ViewsRepository } from '../views/views.repository.ts';
import { cleanTitle, type Req } from '../views/views.service.ts';
import { BriefingsRepository, type BriefingRecord } from './briefings.repository.ts';
import type { BriefingDetail, BriefingItem, CreateBriefingBody, UpdateBriefingBody } from './briefings.schemas.ts';

const userIdOf = (request: Req) => request.actor?.id ?? null;

/**
 * Briefings: ordered sets of saved views, shared like views (by the creator's scope); only the owner
 * or an admin changes one. A briefing may only be built from views the caller sees. Every write audited.
 */
export class BriefingsService {
  constructor(private readonly db: Kysely<DB>) {}

  list(request: Req): Promise<BriefingItem[]> {
    return new BriefingsRepository(this.db).list(request.scope, userIdOf(request));
  }

  async get(request: Req, id: number): Promise<BriefingDetail> {
    const repo = new BriefingsRepository(this.db);
    return detail(repo, request, await loadVisible(repo, request, id));
  }

  async create(request: Req, body: CreateBriefingBody): Promise<BriefingDetail> {
    const title = cleanTitle(body.title);
    return this.db.transaction().execute(async (trx) => {
      const repo = new BriefingsRepository(trx);
      await checkViews(repo, request, body.viewIds, []);
      const owner = userIdOf(request);
      const id = await repo.insert({
        owner_id: owner,
        title,
        scope_unit_ids: request.scope.all || owner === null ? [] : await new ViewsRepository(trx).scopeWardsOf(owner),
      });
      await repo.setViews(id, body.viewIds);
      const after = (await repo.get(id, request.scope, owner))!;
      await audit(trx, request, 'briefing.create', id, undefined, record(after));
      return detail(repo, request, after);
    });
  }

  async update(request: Req, id: number, body: UpdateBriefingBody): Promise<BriefingDetail> {
    const title = body.title === undefined ? undefined : cleanTitle(body.title);
    return this.db.transaction().execute(async (trx) => {
      const repo = new BriefingsRepository(trx);
      const before = await loadOwned(repo, request, id);
      if (body.viewIds) {
        const seen = await repo.views(id, request.scope, userIdOf(request));
        const seenIds = new Set(seen.views.map((v) => v.id));
        // Views of the briefing the caller cannot see stay in it, after the ones they ordered.
        const hidden = before.viewIds.filter((v) => !seenIds.has(v) && !body.viewIds!.includes(v));
        await checkViews(repo, request, body.viewIds, hidden);
        await repo.setViews(id, [...body.viewIds, ...hidden]);
      }
      await repo.update(id, title === undefined ? {} : { title });
      const after = (await repo.get(id, request.scope, userIdOf(request)))!;
      await audit(trx, request, 'briefing.update', id, record(before), record(after));
      return detail(repo, request, after);
    });
  }

  async delete(request: Req, id: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const repo = new BriefingsRepository(trx);
      const before = await loadOwned(repo, request, id);
      await repo.delete(id);
      await audit(trx, request, 'briefing.delete', id, record(before), undefined);
    });
  }
}

async function checkViews(repo: BriefingsRepository, request: Req, ids: number[], hidden: number[]): Promise<void> {
  if (new Set(ids).size !== ids.length) {
    throw badRequest('Một bản đồ chỉ được có một lần trong buổi trình chiếu / a view may appear only once', 'viewIds');
  }
  const visible = new Set(await repo.visibleViewIds(ids, request.scope, userIdOf(request)));
  const missing = ids.filter((id) => !visible.has(id) && !hidden.includes(id));
  if (missing.length) {
    throw notFound(`Không có bản đồ đã lưu #${missing.join(', #')} / no such saved view`, 'viewIds');
  }
}

async function loadVisible(repo: BriefingsRepository, request: Req, id: number): Promise<BriefingRecord> {
  const b = await repo.get(id, request.scope, userIdOf(request));
  if (!b || !b.visible) throw notFound(`Không có buổi trình chiếu #${id} / no briefing ${id}`, 'id');
  return b;
}

async function loadOwned(repo: BriefingsRepository, request: Req, id: number): Promise<BriefingRecord> {
  const b = await loadVisible(repo, request, id);
  if (!b.mine && request.actor?.role !== 'admin') {
    throw forbidden(
      `Chỉ người tạo (${b.ownerName}) hoặc quản trị viên được sửa, xóa buổi trình chiếu này / only its owner or an admin may change it`,
    );
  }
  return b;
}

async function detail(repo: BriefingsRepository, request: Req, b: BriefingRecord): Promise<BriefingDetail> {
  const { views, hidden } = await repo.views(b.id, request.scope, userIdOf(request));
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

async function audit(trx: Kysely<DB>, request: Req, action: string, id: number, before: unknown, after: unknown) {
  await new AuditService(new AuditRepository(trx)).record(request, {
    action,
    entity_type: 'briefing',
    entity_id: id,
    before,
    after,
  });
}
