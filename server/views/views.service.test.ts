import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { BriefingsService } from '../briefings/briefings.service.ts';
import { ViewsService } from './views.service.ts';

const state = { indicator: 'drug_cases', period: '2017-12' };

describe('saved views and briefings: shared by scope, changed by their owner (in-memory repositories)', () => {
  let w: FakeWorld;
  let views: ViewsService;
  let briefings: BriefingsService;
  let a: ReturnType<typeof area>;
  let b: ReturnType<typeof area>;
  let ctx: Record<'cityViewer' | 'wardA' | 'wardA2' | 'wardB' | 'admin', ReturnType<FakeWorld['memory']['ctx']>>;

  beforeEach(() => {
    w = fakeWorld();
    views = new ViewsService(w.uow);
    briefings = new BriefingsService(w.uow);
    a = area(w.memory, '100', 1);
    b = area(w.memory, '200', 1);
    const m = w.memory;
    ctx = {
      cityViewer: m.ctx(m.user({ username: 'xem', role: 'viewer' })),
      wardA: m.ctx(m.user({ username: 'xem.a', role: 'viewer', scope_unit_ids: [a.ward.id] })),
      wardA2: m.ctx(m.user({ username: 'chihuy.a', role: 'commander', scope_unit_ids: [a.ward.id] })),
      wardB: m.ctx(m.user({ username: 'xem.b', role: 'viewer', scope_unit_ids: [b.ward.id] })),
      admin: m.ctx(m.user({ username: 'admin', role: 'admin' })),
    };
  });

  it('a view saved by a ward user is seen by colleagues of that ward, not by another ward', async () => {
    const v = await views.create(ctx.wardA, { title: '  Ma túy 2017 ', state });
    expect(v).toMatchObject({ title: 'Ma túy 2017', scopeUnitIds: [a.ward.id], mine: true });
    expect((await views.list(ctx.wardA2)).map((x) => x.id)).toEqual([v.id]);
    expect(await views.list(ctx.wardB)).toEqual([]);
    expect((await views.list(ctx.cityViewer)).map((x) => x.id)).toEqual([v.id]);
    // A colleague sees it but may not change it; the other ward does not see it at all.
    await expect(views.update(ctx.wardA2, v.id, { title: 'x' })).rejects.toMatchObject({
      statusCode: 403,
      code: 'view.not_owner',
    });
    await expect(views.delete(ctx.wardB, v.id)).rejects.toMatchObject({ statusCode: 404, code: 'view.not_found' });
    // An administrator may.
    expect(await views.update(ctx.admin, v.id, { note: 'đã xem' })).toMatchObject({ note: 'đã xem' });
    expect(w.memory.rows.audit.map((r) => r.action)).toEqual(['view.create', 'view.update']);
  });

  it('checks the state and the title, and reorders only the caller’s own views', async () => {
    await expect(views.create(ctx.wardA, { title: ' ', state })).rejects.toMatchObject({ code: 'params.blank' });
    await expect(views.create(ctx.wardA, { title: 'x', state: { ...state, from: '2017-Q1' } })).rejects.toMatchObject({
      code: 'view.period_kinds',
      field: 'state.from',
    });
    await expect(views.create(ctx.wardA, { title: 'x', state: { ...state, from: '2018-01' } })).rejects.toMatchObject({
      code: 'view.from_after_period',
    });
    const one = await views.create(ctx.wardA, { title: '1', state });
    const two = await views.create(ctx.wardA, { title: '2', state });
    const theirs = await views.create(ctx.wardA2, { title: '3', state });
    await expect(views.reorder(ctx.wardA, [two.id, theirs.id])).rejects.toMatchObject({
      code: 'view.not_yours',
      params: { ids: [theirs.id] },
    });
    await expect(views.reorder(ctx.wardA, [two.id, two.id])).rejects.toMatchObject({ code: 'params.duplicate' });
    const after = await views.reorder(ctx.wardA, [two.id]);
    expect(after.filter((v) => v.mine).map((v) => v.id)).toEqual([two.id, one.id]);
  });

  it('a briefing is built from visible views only; views its editor cannot see stay in it, after theirs', async () => {
    const va = await views.create(ctx.wardA, { title: 'A', state });
    const vb = await views.create(ctx.wardB, { title: 'B', state });
    const city = await views.create(ctx.admin, { title: 'C', state });
    await expect(briefings.create(ctx.wardA, { title: 'Họp', viewIds: [va.id, vb.id] })).rejects.toMatchObject({
      statusCode: 404,
      code: 'briefing.views_not_found',
      params: { ids: [vb.id] },
    });
    const mixed = await briefings.create(ctx.admin, { title: 'Họp giao ban', viewIds: [vb.id, va.id, city.id] });
    // Made by a city-wide administrator, the briefing is not shared with a ward user.
    await expect(briefings.get(ctx.wardA, mixed.id)).rejects.toMatchObject({ code: 'briefing.not_found' });
    const own = await briefings.create(ctx.wardA, { title: 'Phường A', viewIds: [va.id] });
    expect(await briefings.get(ctx.wardA2, own.id)).toMatchObject({ hiddenCount: 0, mine: false });
    await expect(briefings.update(ctx.wardA2, own.id, { title: 'x' })).rejects.toMatchObject({
      code: 'briefing.not_owner',
    });

    // An administrator adds a city-wide view; the owner, who cannot see it, edits the list: it stays, last.
    await briefings.update(ctx.admin, own.id, { viewIds: [va.id, city.id] });
    const seenByOwner = await briefings.get(ctx.wardA, own.id);
    expect(seenByOwner).toMatchObject({ hiddenCount: 1 });
    await briefings.update(ctx.wardA, own.id, { viewIds: [va.id] });
    const rows = w.memory.rows.briefingViews
      .filter((r) => r.briefing_id === own.id)
      .sort((x, y) => x.position - y.position);
    expect(rows.map((r) => r.view_id)).toEqual([va.id, city.id]);
    expect(w.memory.rows.audit.filter((r) => r.entity_type === 'briefing').map((r) => r.action)).toEqual([
      'briefing.create',
      'briefing.create',
      'briefing.update',
      'briefing.update',
    ]);
  });
});
