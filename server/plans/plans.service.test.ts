import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { PlansService } from './plans.service.ts';

describe('PlansService: the review workflow on in-memory repositories', () => {
  let w: FakeWorld;
  let plans: PlansService;
  let mine: ReturnType<typeof area>;
  let other: ReturnType<typeof area>;
  let planner: ReturnType<FakeWorld['memory']['ctx']>;
  let commander: ReturnType<FakeWorld['memory']['ctx']>;
  const item = (unitId: number, priority = 1) => ({
    unitId,
    priority,
    rationale: ' nhiều vụ ',
    responsibleUnit: 'CA phường',
  });

  beforeEach(() => {
    w = fakeWorld();
    plans = new PlansService(w.uow);
    mine = area(w.memory, '100', 3);
    other = area(w.memory, '200', 1);
    planner = w.memory.ctx(w.memory.user({ username: 'kehoach', role: 'planner', display_name: 'Cán bộ kế hoạch' }));
    commander = w.memory.ctx(w.memory.user({ username: 'chihuy', role: 'commander' }));
  });

  it('draft → items → submit → approve: each step audited with before/after and a history event', async () => {
    const draft = await plans.create(planner, { name: '  Kế hoạch 2018 ', year: 2018 });
    expect(draft).toMatchObject({ name: 'Kế hoạch 2018', status: 'draft', revision: 1, ownerName: 'Cán bộ kế hoạch' });
    await expect(plans.submit(planner, draft.id, '')).rejects.toMatchObject({ code: 'plan.no_items', field: 'items' });
    const filled = await plans.putItems(planner, draft.id, [item(mine.groups[1]!.id, 2), item(mine.groups[0]!.id, 1)]);
    expect(filled.items.map((i) => [i.code, i.priority, i.rationale])).toEqual([
      ['100-1', 1, 'nhiều vụ'],
      ['100-2', 2, 'nhiều vụ'],
    ]);
    expect(filled.summary).toMatchObject({ groups: 2, households: 201, wards: 1 });
    await plans.submit(planner, draft.id, 'xin duyệt');
    await expect(plans.update(planner, draft.id, { name: 'x' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'plan.wrong_status',
      params: { status: 'submitted' },
    });
    const approved = await plans.approve(commander, draft.id, '');
    expect(approved).toMatchObject({ status: 'approved', startedOn: '2018-01-01' });
    expect(approved.history.map((h) => h.action)).toEqual(['create', 'items', 'submit', 'approve']);
    expect(w.memory.rows.audit.map((a) => a.action)).toEqual([
      'plan.create',
      'plan.items',
      'plan.submit',
      'plan.approve',
    ]);
    const submitAudit = w.memory.rows.audit[2]!;
    expect(submitAudit).toMatchObject({
      user_id: planner.actor!.id,
      before: { status: 'draft' },
      after: { status: 'submitted' },
    });
  });

  it('editing an approved plan opens one new revision; approving it supersedes the old one', async () => {
    const p = await plans.create(planner, { name: 'KH', year: 2018 });
    await plans.putItems(planner, p.id, [item(mine.groups[0]!.id)]);
    await plans.submit(planner, p.id, '');
    await plans.approve(commander, p.id, '');
    const revision = await plans.update(planner, p.id, { description: 'bổ sung' });
    expect(revision).toMatchObject({ revision: 2, previousId: p.id, status: 'draft', description: 'bổ sung' });
    expect(revision.items.map((i) => i.unitId)).toEqual([mine.groups[0]!.id]);
    await expect(plans.update(planner, p.id, { description: 'lần nữa' })).rejects.toMatchObject({
      code: 'plan.revision_open',
      params: { id: revision.id, revision: 2 },
    });
    await plans.submit(planner, revision.id, '');
    await plans.approve(commander, revision.id, '');
    expect((await plans.detail(planner, p.id)).status).toBe('superseded');
    expect((await plans.detail(planner, revision.id)).revisions.map((r) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'approved'],
    ]);
  });

  it('returns with a comment only; a returned plan edited goes back to draft; only drafts are deleted', async () => {
    const p = await plans.create(planner, { name: 'KH', year: 2018 });
    await plans.putItems(planner, p.id, [item(mine.groups[0]!.id)]);
    await plans.submit(planner, p.id, '');
    await expect(plans.return(commander, p.id, '  ')).rejects.toMatchObject({ code: 'plan.comment_required' });
    await plans.return(commander, p.id, 'thiếu tổ 2');
    const edited = await plans.putItems(planner, p.id, [item(mine.groups[0]!.id), item(mine.groups[1]!.id, 2)]);
    expect(edited.status).toBe('draft');
    await plans.delete(planner, p.id);
    await expect(plans.detail(planner, p.id)).rejects.toMatchObject({ statusCode: 404, code: 'plan.not_found' });
  });

  it('checks items: groups only, once each, still existing, in scope (else the same 404 as absent) — and writes nothing when refused', async () => {
    const scopedPlanner = w.memory.ctx(
      w.memory.user({ username: 'kh.100', role: 'planner', scope_unit_ids: [mine.ward.id] }),
    );
    const p = await plans.create(scopedPlanner, { name: 'KH', year: 2018 });
    const refuse = (items: ReturnType<typeof item>[]) => plans.putItems(scopedPlanner, p.id, items);
    await expect(refuse([item(mine.ward.id)])).rejects.toMatchObject({
      code: 'unit.wrong_kind',
      field: 'items/0/unitId',
    });
    await expect(refuse([item(mine.groups[0]!.id), item(mine.groups[0]!.id, 2)])).rejects.toMatchObject({
      code: 'params.duplicate',
      field: 'items/1/unitId',
    });
    const outside = await refuse([item(other.groups[0]!.id)]).catch((e) => e);
    expect(outside).toMatchObject({ statusCode: 404, code: 'unit.not_found', field: 'items/0/unitId' });
    expect(outside.message).not.toContain(other.groups[0]!.code);
    w.memory.rows.units.find((u) => u.id === mine.groups[2]!.id)!.valid_to = '2019-01-01';
    await expect(refuse([item(mine.groups[2]!.id)])).rejects.toMatchObject({ code: 'unit.gone' });
    expect(w.memory.rows.planItems).toEqual([]);
    expect(w.memory.rows.audit.map((a) => a.action)).toEqual(['plan.create']);
  });

  it('a plan holding groups outside the caller’s scope does not exist for them', async () => {
    const p = await plans.create(planner, { name: 'KH', year: 2018 });
    await plans.putItems(planner, p.id, [item(other.groups[0]!.id)]);
    const scoped = w.memory.ctx(
      w.memory.user({ username: 'xem.100', role: 'planner', scope_unit_ids: [mine.ward.id] }),
    );
    await expect(plans.detail(scoped, p.id)).rejects.toMatchObject({ statusCode: 404, code: 'plan.not_found' });
    expect(await plans.list(scoped, {})).toEqual([]);
    expect((await plans.list(planner, {})).map((x) => x.id)).toEqual([p.id]);
  });
});
