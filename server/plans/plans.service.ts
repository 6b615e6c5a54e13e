import { isDate, todayInVietnam } from '../../geo/periods.ts';
import { GROUP_KINDS } from '../../geo/units.ts';
import { actorId, type RequestContext } from '../auth/context.ts';
import type { Tx, UnitOfWork } from '../db/unit-of-work.ts';
import { AppError, badRequest, conflict, notFoundInScope } from '../errors.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import { toPlanDetail, toPlanSummary, type EventAction } from './plans.detail.ts';
import { UnitNames } from '../units/unit-names.ts';
import type { ItemInput, PlanRow, PlansRepository } from './plans.repository.ts';
import type {
  CreatePlanBody,
  PlanDetail,
  PlanItemInput,
  PlanStatus,
  PlanSummary,
  UpdatePlanBody,
} from './plans.schemas.ts';

export interface PlansStore {
  plans: Omit<PlansRepository, 'groupsAt' | 'activeMemberships' | 'statusHistories'>;
  units: Pick<UnitsRepository, 'byIds' | 'naming'>;
}
type Names = Pick<UnitsRepository, 'naming'>;
type Repo = PlansStore['plans'];
type PlanTx = Tx<PlansStore>;

const STATUS_VI: Record<PlanStatus, string> = {
  draft: 'bản nháp',
  submitted: 'đã trình',
  approved: 'đã duyệt',
  returned: 'bị trả lại',
  superseded: 'đã được thay thế',
};

/** The states in which a plan is edited in place. */
const EDITABLE: PlanStatus[] = ['draft', 'returned'];

/**
 * Plans and their review workflow. Planners draft and submit; commanders approve or return (the
 * routes enforce the roles, this enforces the states). Editing an approved plan leaves it as it is
 * and starts a new draft revision; approving that revision supersedes the old one. Every change is
 * one transaction with its audit record and its history event.
 */
export class PlansService {
  constructor(private readonly uow: UnitOfWork<PlansStore>) {}

  async list(ctx: RequestContext, filter: { status?: PlanStatus; year?: number }): Promise<PlanSummary[]> {
    const rows = await this.uow.read.plans.list(ctx.scope, actorId(ctx), filter);
    return rows.map(toPlanSummary);
  }

  async detail(ctx: RequestContext, id: number): Promise<PlanDetail> {
    const repo = this.uow.read.plans;
    return this.#detail(repo, this.uow.read.units, await this.#load(repo, ctx, id));
  }

  async create(ctx: RequestContext, body: CreatePlanBody): Promise<PlanDetail> {
    checkName(body.name);
    return this.#write(ctx, async (repo, tx) => {
      const id = await repo.create({
        name: body.name.trim(),
        year: body.year,
        description: body.description ?? '',
        owner_id: actorId(ctx),
        revision: 1,
        previous_id: null,
        root_id: null,
      });
      await this.#event(repo, ctx, id, 'create', '');
      const after = await this.#detail(repo, tx.repos.units, (await repo.get(id, ctx.scope, actorId(ctx)))!);
      await tx.audit({ action: 'plan.create', entity_type: 'plan', entity_id: id, after });
      return after;
    });
  }

  async update(ctx: RequestContext, id: number, body: UpdatePlanBody): Promise<PlanDetail> {
    if (body.name === undefined && body.year === undefined && body.description === undefined) {
      throw badRequest('params.nothing_to_change', 'Không có gì để sửa / nothing to change (name, year, description)', {
        params: { fields: ['name', 'year', 'description'] },
      });
    }
    if (body.name !== undefined) checkName(body.name);
    return this.#write(ctx, async (repo, tx) => {
      const plan = await this.#editable(repo, tx, ctx, id);
      const before = await this.#detail(repo, tx.repos.units, plan);
      await repo.update(plan.id, {
        ...(body.name !== undefined ? { name: body.name.trim() } : {}),
        ...(body.year !== undefined ? { year: body.year } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
        ...(plan.status === 'returned' ? { status: 'draft' as const } : {}),
      });
      await this.#event(repo, ctx, plan.id, 'update', '');
      const after = await this.#reload(repo, tx.repos.units, ctx, plan.id);
      await tx.audit({ action: 'plan.update', entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async putItems(ctx: RequestContext, id: number, items: readonly PlanItemInput[]): Promise<PlanDetail> {
    return this.#write(ctx, async (repo, tx) => {
      const checked = await checkItems(tx.repos.units, ctx, items);
      const plan = await this.#editable(repo, tx, ctx, id);
      const before = await this.#detail(repo, tx.repos.units, plan);
      await repo.replaceItems(plan.id, checked);
      if (plan.status === 'returned') await repo.update(plan.id, { status: 'draft' });
      else await repo.update(plan.id, {});
      await this.#event(repo, ctx, plan.id, 'items', `${checked.length} tổ / groups`);
      const after = await this.#reload(repo, tx.repos.units, ctx, plan.id);
      await tx.audit({ action: 'plan.items', entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async submit(ctx: RequestContext, id: number, comment: string): Promise<PlanDetail> {
    return this.#transition(ctx, id, 'submit', comment, async (repo, plan) => {
      expectStatus(plan, ['draft', 'returned'], 'trình / submit');
      if (!(await repo.itemInputs(plan.id)).length) {
        throw badRequest('plan.no_items', 'Kế hoạch chưa có tổ nào / a plan needs at least one group to be submitted', {
          field: 'items',
        });
      }
      await repo.update(plan.id, { status: 'submitted', submitted_at: await repo.now() });
    });
  }

  async approve(ctx: RequestContext, id: number, comment: string): Promise<PlanDetail> {
    return this.#transition(ctx, id, 'approve', comment, async (repo, plan, tx) => {
      expectStatus(plan, ['submitted'], 'duyệt / approve');
      const older = await repo.approvedRevision(plan.root_id, plan.id);
      if (older !== undefined) {
        // The approved revision this one replaces stays, marked superseded, for the record.
        const before = await this.#reload(repo, tx.repos.units, ctx, older);
        await repo.update(older, { status: 'superseded' });
        await this.#event(repo, ctx, older, 'supersede', `thay bằng lần sửa ${plan.revision} (#${plan.id})`);
        const after = await this.#reload(repo, tx.repos.units, ctx, older);
        await tx.audit({ action: 'plan.supersede', entity_type: 'plan', entity_id: older, before, after });
      }
      // The plan runs for its year: progress counts from 1 January, also when approved later.
      await repo.update(plan.id, {
        status: 'approved',
        approved_at: await repo.now(),
        approved_by: actorId(ctx),
        review_comment: comment || null,
        started_on: `${plan.year}-01-01`,
      });
    });
  }

  async return(ctx: RequestContext, id: number, comment: string): Promise<PlanDetail> {
    if (!comment.trim()) {
      throw badRequest('plan.comment_required', 'Cần ghi lý do trả lại / a comment is required to return a plan', {
        field: 'comment',
      });
    }
    return this.#transition(ctx, id, 'return', comment, async (repo, plan) => {
      expectStatus(plan, ['submitted'], 'trả lại / return');
      await repo.update(plan.id, { status: 'returned', review_comment: comment });
    });
  }

  async delete(ctx: RequestContext, id: number): Promise<void> {
    await this.#write(ctx, async (repo, tx) => {
      const plan = await this.#load(repo, ctx, id, true);
      expectStatus(plan, ['draft'], 'xóa / delete');
      const before = await this.#detail(repo, tx.repos.units, plan);
      await repo.delete(plan.id);
      await tx.audit({ action: 'plan.delete', entity_type: 'plan', entity_id: plan.id, before });
    });
  }

  /** A plan the caller may see (404 otherwise: its existence outside the scope is not revealed). */
  async #load(repo: Repo, ctx: RequestContext, id: number, lock = false): Promise<PlanRow> {
    const plan = await repo.get(id, ctx.scope, actorId(ctx), lock);
    if (!plan) throw notFoundInScope('plan', id);
    return plan;
  }

  async #reload(repo: Repo, units: Names, ctx: RequestContext, id: number): Promise<PlanDetail> {
    const plan = await repo.get(id, ctx.scope, actorId(ctx));
    if (!plan) throw notFoundInScope('plan', id);
    return this.#detail(repo, units, plan);
  }

  /**
   * The plan an edit applies to: itself when it is a draft or returned; for an approved plan, a new
   * draft revision with the same content (the approved one is kept as it is).
   */
  async #editable(repo: Repo, tx: PlanTx, ctx: RequestContext, id: number): Promise<PlanRow> {
    const plan = await this.#load(repo, ctx, id, true);
    if (plan.status === 'draft' || plan.status === 'returned') return plan;
    if (plan.status === 'approved') {
      const open = await repo.openRevision(plan.root_id);
      if (open) {
        throw conflict(
          'plan.revision_open',
          `Kế hoạch đã có lần sửa ${open.revision} (#${open.id}) đang soạn; sửa bản đó / revision ${open.revision} (#${open.id}) is already open: edit that one`,
          { field: 'id', params: { id: open.id, revision: open.revision } },
        );
      }
      const newId = await repo.create({
        name: plan.name,
        year: plan.year,
        description: plan.description,
        owner_id: actorId(ctx),
        revision: plan.revision + 1,
        previous_id: plan.id,
        root_id: plan.root_id,
      });
      await repo.replaceItems(newId, await repo.itemInputs(plan.id));
      await this.#event(repo, ctx, newId, 'revise', `từ lần ${plan.revision} (#${plan.id}) đã duyệt`);
      const created = (await repo.get(newId, ctx.scope, actorId(ctx)))!;
      await tx.audit({
        action: 'plan.revise',
        entity_type: 'plan',
        entity_id: newId,
        before: { id: plan.id, revision: plan.revision, status: plan.status },
        after: await this.#detail(repo, tx.repos.units, created),
      });
      return created;
    }
    throw conflict(
      'plan.wrong_status',
      `Kế hoạch #${plan.id} ${STATUS_VI[plan.status]}, không sửa được / a ${plan.status} plan cannot be edited` +
        (plan.status === 'submitted' ? ' (ask a commander to return it)' : ''),
      { field: 'status', params: { id: plan.id, status: plan.status, action: 'edit', allowed: EDITABLE } },
    );
  }

  async #transition(
    ctx: RequestContext,
    id: number,
    action: 'submit' | 'approve' | 'return',
    comment: string,
    apply: (repo: Repo, plan: PlanRow, tx: PlanTx) => Promise<void>,
  ): Promise<PlanDetail> {
    return this.#write(ctx, async (repo, tx) => {
      const plan = await this.#load(repo, ctx, id, true);
      const before = await this.#detail(repo, tx.repos.units, plan);
      await apply(repo, plan, tx);
      await this.#event(repo, ctx, plan.id, action, comment);
      const after = await this.#reload(repo, tx.repos.units, ctx, plan.id);
      await tx.audit({ action: `plan.${action}`, entity_type: 'plan', entity_id: plan.id, before, after });
      return after;
    });
  }

  async #write<T>(ctx: RequestContext, work: (repo: Repo, tx: PlanTx) => Promise<T>): Promise<T> {
    if (!ctx.actor) throw new AppError(401, 'auth.required', 'Cần đăng nhập / sign in first');
    return this.uow.write(ctx, (tx) => work(tx.repos.plans, tx));
  }

  async #event(repo: Repo, ctx: RequestContext, planId: number, action: EventAction, comment: string) {
    await repo.addEvent({
      plan_id: planId,
      user_id: actorId(ctx),
      user_name: ctx.actor?.display_name || ctx.actor?.username || null,
      action,
      comment,
    });
  }

  /** The plan as answered; its groups named on the same day as their ward and status (geo/unit-names.ts). */
  async #detail(repo: Repo, units: Names, plan: PlanRow): Promise<PlanDetail> {
    const today = todayInVietnam();
    const [items, revisions, events] = await Promise.all([
      repo.items(plan.id, today),
      repo.revisions(plan.root_id),
      repo.events(plan.id),
    ]);
    const names = await new UnitNames(units).of(
      items.map((i) => i.id),
      today,
    );
    return toPlanDetail(plan, items, revisions, events, names);
  }
}

function checkName(name: string) {
  if (!name.trim()) {
    throw badRequest('params.blank', 'Tên kế hoạch không được để trống / the plan needs a name', { field: 'name' });
  }
}

function expectStatus(plan: PlanRow, allowed: PlanStatus[], what: string) {
  if (!allowed.includes(plan.status)) {
    const action = what.split(' / ')[1]!;
    throw conflict(
      'plan.wrong_status',
      `Không thể ${what} kế hoạch ${STATUS_VI[plan.status]} (#${plan.id}) / cannot ${action} a ${plan.status} plan (needs ${allowed.join(' or ')})`,
      { field: 'status', params: { id: plan.id, status: plan.status, action, allowed } },
    );
  }
}

/**
 * Items as stored, after the rules: every group exists and lies in the caller's scope (else the
 * same 404 for both, naming only the id sent), is a residential group that still exists, and
 * appears once (400 naming it).
 */
async function checkItems(
  repo: PlansStore['units'],
  ctx: RequestContext,
  items: readonly PlanItemInput[],
): Promise<ItemInput[]> {
  const units = new Map((await repo.byIds([...new Set(items.map((i) => i.unitId))], ctx.scope)).map((u) => [u.id, u]));
  const today = todayInVietnam();
  const seen = new Set<number>();
  const out: ItemInput[] = [];
  items.forEach((item, index) => {
    const u = units.get(item.unitId);
    const field = `items/${index}/unitId`;
    if (!u?.in_scope) throw notFoundInScope('unit', item.unitId, field);
    const label = `${u.name} (${u.code})`;
    if (!(GROUP_KINDS as readonly string[]).includes(u.kind)) {
      throw badRequest(
        'unit.wrong_kind',
        `${label} không phải tổ dân phố/thôn / only residential groups can be plan items`,
        {
          field,
          params: { code: u.code, kind: u.kind, expected: [...GROUP_KINDS] },
        },
      );
    }
    if (u.valid_to !== null && u.valid_to <= today) {
      throw badRequest('unit.gone', `${label} không còn tồn tại từ ${u.valid_to} / the group no longer exists`, {
        field,
        params: { code: u.code, valid_to: u.valid_to },
      });
    }
    if (seen.has(u.id)) {
      throw badRequest(
        'params.duplicate',
        `${label} có hai lần trong kế hoạch / group ${u.code} "${u.name}" appears twice`,
        { field, params: { value: u.id } },
      );
    }
    seen.add(u.id);
    if (item.targetDate && !isDate(item.targetDate)) {
      throw badRequest(
        'params.invalid_date',
        `Dòng ${index + 1}: ngày không hợp lệ / invalid targetDate "${item.targetDate}"`,
        { field: `items/${index}/targetDate`, params: { value: item.targetDate } },
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
