import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { isDate, todayInVietnam } from '../../geo/periods.ts';
import { GROUP_KINDS, type HotspotCategory } from '../../geo/units.ts';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { AppError, badRequest, conflict, notFoundInScope } from '../errors.ts';
import { PlansRepository, type ItemInput, type PlanRow } from './plans.repository.ts';
import type {
  CreatePlanBody,
  PlanDetail,
  PlanItemInput,
  PlanStatus,
  PlanSummary,
  UpdatePlanBody,
} from './plans.schemas.ts';

export type Req = Pick<FastifyRequest, 'ip' | 'actor' | 'scope'>;

type EventAction = PlanDetail['history'][number]['action'];

const STATUS_VI: Record<PlanStatus, string> = {
  draft: 'bản nháp',
  submitted: 'đã trình',
  approved: 'đã duyệt',
  returned: 'bị trả lại',
  superseded: 'đã được thay thế',
};

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Plans and their review workflow. Planners draft and submit; commanders approve or return (the
 * routes enforce the roles, this enforces the states). Editing an approved plan leaves it as it is
 * and starts a new draft revision; approving that revision supersedes the old one. Every change is
 * one transaction with its audit record and its history event.
 */
export class PlansService {
  constructor(private readonly db: Kysely<DB>) {}

  async list(request: Req, filter: { status?: PlanStatus; year?: number }): Promise<PlanSummary[]> {
    const rows = await new PlansRepository(this.db).list(request.scope, request.actor?.id ?? null, filter);
    return rows.map((r) => ({
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
    }));
  }

  async detail(request: Req, id: number): Promise<PlanDetail> {
    const repo = new PlansRepository(this.db);
    return this.#detail(repo, await this.#load(repo, request, id));
  }

  async create(request: Req, body: CreatePlanBody): Promise<PlanDetail> {
    checkName(body.name);
    return this.#write(request, async (repo, audit) => {
      const id = await repo.create({
        name: body.name.trim(),
        year: body.year,
        description: body.description ?? '',
        owner_id: request.actor?.id ?? null,
        revision: 1,
        previous_id: null,
        root_id: null,
      });
      await this.#event(repo, request, id, 'create', '');
      const after = await this.#detail(repo, (await repo.get(id, request.scope, request.actor?.id ?? null))!);
      await audit.record(request, { action: 'plan.create', entity_type: 'plan', entity_id: id, after });
      return after;
    });
  }

  async update(request: Req, id: number, body: UpdatePlanBody): Promise<PlanDetail> {
    if (body.name === undefined && body.year === undefined && body.description === undefined) {
      throw badRequest('Không có gì để sửa / nothing to change (name, year, description)');
    }
    if (body.name !== undefined) checkName(body.name);
    return this.#write(request, async (repo, audit) => {
      const plan = await this.#editable(repo, audit, request, id);
      const before = await this.#detail(repo, plan);
      await repo.update(plan.id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.year !== undefined ? { year: body.year } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(plan.status === 'returned' ? { status: 'draft' as const } : {}),
      });
      await this.#event(repo, request, plan.id, 'update', '');
      const after = await this.#reload(repo, request, plan.id);
      await audit.record(request, { action: 'plan.update', entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async putItems(request: Req, id: number, items: readonly PlanItemInput[]): Promise<PlanDetail> {
    return this.#write(request, async (repo, audit) => {
      const checked = await checkItems(repo, request, items);
      const plan = await this.#editable(repo, audit, request, id);
      const before = await this.#detail(repo, plan);
      await repo.replaceItems(plan.id, checked);
      if (plan.status === 'returned') await repo.update(plan.id, { status: 'draft' });
      else await repo.update(plan.id, {});
      await this.#event(repo, request, plan.id, 'items', `${checked.length} tổ / groups`);
      const after = await this.#reload(repo, request, plan.id);
      await audit.record(request, { action: 'plan.items', entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async submit(request: Req, id: number, comment: string): Promise<PlanDetail> {
    return this.#transition(request, id, 'submit', comment, async (repo, plan) => {
      expectStatus(plan, ['draft', 'returned'], 'trình / submit');
      if (!(await repo.itemInputs(plan.id)).length) {
        throw badRequest('Kế hoạch chưa có tổ nào / a plan needs at least one group to be submitted', 'items');
      }
      await repo.update(plan.id, { status: 'submitted', submitted_at: await repo.now() });
    });
  }

  async approve(request: Req, id: number, comment: string): Promise<PlanDetail> {
    return this.#transition(request, id, 'approve', comment, async (repo, plan, audit) => {
      expectStatus(plan, ['submitted'], 'duyệt / approve');
      const older = await repo.approvedRevision(plan.root_id, plan.id);
      if (older !== undefined) {
        // The approved revision this one replaces stays, marked superseded, for the record.
        const before = await this.#reload(repo, request, older);
        await repo.update(older, { status: 'superseded' });
        await this.#event(repo, request, older, 'supersede', `thay bằng lần sửa ${plan.revision} (#${plan.id})`);
        const after = await this.#reload(repo, request, older);
        await audit.record(request, { action: 'plan.supersede', entity_type: 'plan', entity_id: older, before, after });
      }
      // The plan runs for its year: progress counts from 1 January, also when approved later.
      await repo.update(plan.id, {
        status: 'approved',
        approved_at: await repo.now(),
        approved_by: request.actor?.id ?? null,
        review_comment: comment || null,
        started_on: `${plan.year}-01-01`,
      });
    });
  }

  async return(request: Req, id: number, comment: string): Promise<PlanDetail> {
    if (!comment.trim()) throw badRequest('Cần ghi lý do trả lại / a comment is required to return a plan', 'comment');
    return this.#transition(request, id, 'return', comment, async (repo, plan) => {
      expectStatus(plan, ['submitted'], 'trả lại / return');
      await repo.update(plan.id, { status: 'returned', review_comment: comment });
    });
  }

  async delete(request: Req, id: number): Promise<void> {
    await this.#write(request, async (repo, audit) => {
      const plan = await this.#load(repo, request, id, true);
      expectStatus(plan, ['draft'], 'xóa / delete');
      const before = await this.#detail(repo, plan);
      await repo.delete(plan.id);
      await audit.record(request, { action: 'plan.delete', entity_type: 'plan', entity_id: plan.id, before });
    });
  }

  /** A plan the caller may see (404 otherwise: its existence outside the scope is not revealed). */
  async #load(repo: PlansRepository, request: Req, id: number, lock = false): Promise<PlanRow> {
    const plan = await repo.get(id, request.scope, request.actor?.id ?? null, lock);
    if (!plan) throw notFoundInScope('plan', id);
    return plan;
  }

  async #reload(repo: PlansRepository, request: Req, id: number): Promise<PlanDetail> {
    const plan = await repo.get(id, request.scope, request.actor?.id ?? null);
    if (!plan) throw notFoundInScope('plan', id);
    return this.#detail(repo, plan);
  }

  /**
   * The plan an edit applies to: itself when it is a draft or returned; for an approved plan, a new
   * draft revision with the same content (the approved one is kept as it is).
   */
  async #editable(repo: PlansRepository, audit: AuditService, request: Req, id: number): Promise<PlanRow> {
    const plan = await this.#load(repo, request, id, true);
    if (plan.status === 'draft' || plan.status === 'returned') return plan;
    if (plan.status === 'approved') {
      const open = await repo.openRevision(plan.root_id);
      if (open) {
        throw conflict(
          `Kế hoạch đã có lần sửa ${open.revision} (#${open.id}) đang soạn; sửa bản đó / revision ${open.revision} (#${open.id}) is already open: edit that one`,
          'id',
        );
      }
      const newId = await repo.create({
        name: plan.name,
        year: plan.year,
        description: plan.description,
        owner_id: request.actor?.id ?? null,
        revision: plan.revision + 1,
        previous_id: plan.id,
        root_id: plan.root_id,
      });
      await repo.replaceItems(newId, await repo.itemInputs(plan.id));
      await this.#event(repo, request, newId, 'revise', `từ lần ${plan.revision} (#${plan.id}) đã duyệt`);
      const created = (await repo.get(newId, request.scope, request.actor?.id ?? null))!;
      await audit.record(request, {
        action: 'plan.revise',
        entity_type: 'plan',
        entity_id: newId,
        before: { id: plan.id, revision: plan.revision, status: plan.status },
        after: await this.#detail(repo, created),
      });
      return created;
    }
    throw conflict(
      `Kế hoạch #${plan.id} ${STATUS_VI[plan.status]}, không sửa được / a ${plan.status} plan cannot be edited` +
        (plan.status === 'submitted' ? ' (ask a commander to return it)' : ''),
      'status',
    );
  }

  async #transition(
    request: Req,
    id: number,
    action: 'submit' | 'approve' | 'return',
    comment: string,
    apply: (repo: PlansRepository, plan: PlanRow, audit: AuditService) => Promise<void>,
  ): Promise<PlanDetail> {
    return this.#write(request, async (repo, audit) => {
      const plan = await this.#load(repo, request, id, true);
      const before = await this.#detail(repo, plan);
      await apply(repo, plan, audit);
      await this.#event(repo, request, plan.id, action, comment);
      const after = await this.#reload(repo, request, plan.id);
      await audit.record(request, { action: `plan.${action}`, entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async #write<T>(request: Req, work: (repo: PlansRepository, audit: AuditService) => Promise<T>): Promise<T> {
    if (!request.actor) throw new AppError(401, 'Cần đăng nhập / sign in first');
    return this.db
      .transaction()
      .execute((trx) => work(new PlansRepository(trx), new AuditService(new AuditRepository(trx))));
  }

  async #event(repo: PlansRepository, request: Req, planId: number, action: EventAction, comment: string) {
    await repo.addEvent({
      plan_id: planId,
      user_id: request.actor?.id ?? null,
      user_name: request.actor?.display_name || request.actor?.username || null,
      action,
      comment,
    });
  }

  async #detail(repo: PlansRepository, plan: PlanRow): Promise<PlanDetail> {
    const today = todayInVietnam();
    const [items, revisions, events] = await Promise.all([
      repo.items(plan.id, today),
      repo.revisions(plan.root_id),
      repo.events(plan.id),
    ]);
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
}

function checkName(name: string) {
  if (!name.trim()) throw badRequest('Tên kế hoạch không được để trống / the plan needs a name', 'name');
}

function expectStatus(plan: PlanRow, allowed: PlanStatus[], what: string) {
  if (!allowed.includes(plan.status)) {
    throw conflict(
      `Không thể ${what} kế hoạch ${STATUS_VI[plan.status]} (#${plan.id}) / cannot ${what.split(' / ')[1]} a ${plan.status} plan (needs ${allowed.join(' or ')})`,
      'status',
    );
  }
}

/**
 * Items as stored, after the rules: every group exists and lies in the caller's scope (else the
 * same 404 for both, naming only the id sent), is a residential group that still exists, and
 * appears once (400 naming it).
 */
async function checkItems(repo: PlansRepository, request: Req, items: readonly PlanItemInput[]): Promise<ItemInput[]> {
  const units = new Map(
    (await repo.units([...new Set(items.map((i) => i.unitId))], request.scope)).map((u) => [u.id, u]),
  );
  const today = todayInVietnam();
  const seen = new Set<number>();
  const out: ItemInput[] = [];
  items.forEach((item, index) => {
    const u = units.get(item.unitId);
    const field = `items/${index}/unitId`;
    if (!u?.in_scope) throw notFoundInScope('unit', item.unitId, field);
    const label = `${u.name} (${u.code})`;
    if (!(GROUP_KINDS as readonly string[]).includes(u.kind)) {
      throw badRequest(`${label} không phải tổ dân phố/thôn / only residential groups can be plan items`, field);
    }
    if (u.valid_to !== null && u.valid_to <= today) {
      throw badRequest(`${label} không còn tồn tại từ ${u.valid_to} / the group no longer exists`, field);
    }
    if (seen.has(u.id)) {
      throw badRequest(`${label} có hai lần trong kế hoạch / group ${u.code} "${u.name}" appears twice`, field);
    }
    seen.add(u.id);
    if (item.targetDate && !isDate(item.targetDate)) {
      throw badRequest(
        `Dòng ${index + 1}: ngày không hợp lệ / invalid targetDate "${item.targetDate}"`,
        `items/${index}/targetDate`,
      );
    }
    out.push({
      unit_id: u.id,
      priority: item.priority,
      rationale: item.rationale.trim(),
      responsible_unit: item.responsibleUnit.trim(),
      target_date: item.targetDate ?? null,
    });
  });
  return out;
}
