import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attentionLevels, scoreRows, windowRatio, windowValue, type ScoringMethod } from '../../geo/scoring.ts';
import type {
  CandidatesResponse,
  CompareResponse,
  PlanDetail,
  ProgressResponse,
} from '../../server/plans/plans.schemas.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const WINDOW = 'from=2017-01&to=2017-12';
const WEIGHTS = 'drug_cases:2,gambling_cases:1,coverage_households_safe:1';
const BICH_DAO = '14332';

describe.each(BACKENDS)('planning (%s)', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let planner: Client;
  let commander: Client;
  let viewer: Client;
  let admin: Client;
  let wardPlanner: Client;
  let wardViewer: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    planner = await signIn(app, 'planner');
    commander = await signIn(app, 'commander');
    viewer = await signIn(app, 'viewer');
    admin = await signIn(app, 'admin');
    wardPlanner = await signIn(app, 'planner', { wardCodes: [BICH_DAO], at: '2017-12-31' });
    wardViewer = await signIn(app, 'viewer', { wardCodes: [BICH_DAO], at: '2017-12-31' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('entity_type', '=', 'plan')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const auditActions = async (since: number) =>
    (
      await t.database.db
        .selectFrom('audit_log')
        .select(['action', 'entity_id', 'username'])
        .where('entity_type', '=', 'plan')
        .orderBy('id')
        .execute()
    ).slice(since);

  const candidates = async (query: string, as: Client = planner) => {
    const res = await as.get(`/api/plans/candidates?${WINDOW}&weights=${WEIGHTS}&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as CandidatesResponse;
  };

  it.each(['z', 'rank'] as ScoringMethod[])(
    'scores the demo groups as the pure function does on the map values (%s)',
    async (method) => {
      // The independent path: the same values the map reads, reduced and scored by geo/scoring.ts.
      const months = async (indicator: string) => {
        const res = await planner.get(`/api/values?indicator=${indicator}&level=group&${WINDOW}&at=2017-12-31`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json() as { ids: number[]; values: (number | null)[][] };
        return new Map(body.ids.map((id, i) => [id, body.values[i]!]));
      };
      const [drugs, gambling, safe, households] = await Promise.all(
        ['drug_cases', 'gambling_cases', 'households_registered_safe', 'households'].map(months),
      );
      const ids = [...drugs!.keys()];
      const expected = scoreRows(
        ids.map((id) => ({
          item: id,
          values: [
            windowValue(drugs!.get(id)!, 'sum'),
            windowValue(gambling!.get(id)!, 'sum'),
            windowRatio(safe!.get(id)!, households!.get(id)!, 'last'),
          ],
        })),
        [
          { key: 'drug_cases', weight: 2, polarity: 'higher_worse' },
          { key: 'gambling_cases', weight: 1, polarity: 'higher_worse' },
          { key: 'coverage_households_safe', weight: 1, polarity: 'higher_better' },
        ],
        method,
      );

      const got = await candidates(`method=${method}&limit=5000`);
      expect(got.method).toBe(method);
      expect(got.methodNote).toMatch(method === 'z' ? /z-score/ : /percentile/);
      expect(got.scored).toBe(183);
      expect(got.total).toBe(183);
      expect(got.indicators.map((i) => [i.key, i.weight, i.polarity])).toEqual([
        ['drug_cases', 2, 'higher_worse'],
        ['gambling_cases', 1, 'higher_worse'],
        ['coverage_households_safe', 1, 'higher_better'],
      ]);
      const byId = new Map(expected.map((e) => [e.item, e]));
      for (const c of got.candidates) {
        const e = byId.get(c.unitId)!;
        expect(c.score).toBeCloseTo(e.score, 9);
        expect(c.rank).toBe(e.rank);
        expect(c.breakdown.map((b) => b.raw)).toEqual(e.breakdown.map((b) => b.raw));
        expect(c.breakdown.reduce((a, b) => a + b.contribution, 0)).toBeCloseTo(c.score, 9);
      }
      expect(got.candidates.map((c) => c.rank)).toEqual([...got.candidates.map((c) => c.rank)].sort((a, b) => a - b));
      expect(got.candidates[0]!.rank).toBe(1);
    },
  );

  it('filters hide rows without changing scores; bad weights are 400 naming the indicator', async () => {
    const all = await candidates('limit=5000');
    const scoreOf = new Map(all.candidates.map((c) => [c.unitId, c.score]));
    const wardId = all.candidates[0]!.wardId!;
    const inWard = await candidates(`ward=${wardId}&limit=5000`);
    expect(inWard.total).toBe(all.candidates.filter((c) => c.wardId === wardId).length);
    expect(inWard.candidates.every((c) => c.wardId === wardId && c.score === scoreOf.get(c.unitId))).toBe(true);
    expect(inWard.candidates.map((c) => c.rank)).toEqual(inWard.candidates.map((_, i) => i + 1));

    const drugs = await candidates('category=drugs&limit=5000');
    expect(drugs.total).toBeGreaterThan(0);
    expect(drugs.candidates.every((c) => c.hotspot?.categories.includes('drugs'))).toBe(true);
    const none = await candidates('status=none&limit=5000');
    expect(none.candidates.every((c) => c.hotspot === null)).toBe(true);
    const hotspots = all.candidates.filter((c) => c.hotspot !== null).length;
    expect(hotspots).toBe(23);
    expect(none.total).toBe(183 - hotspots);

    // A ward-scoped planner sees and scores only their ward's groups.
    const scoped = await candidates('limit=5000', wardPlanner);
    expect(scoped.scored).toBeGreaterThan(0);
    expect(scoped.scored).toBeLessThan(183);
    expect(new Set(scoped.candidates.map((c) => c.wardName)).size).toBe(1);

    const unknown = await planner.get(`/api/plans/candidates?${WINDOW}&weights=no_such:1`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('no_such');
    const wardOnly = await planner.get(`/api/plans/candidates?${WINDOW}&weights=cases_total:1`);
    expect(wardOnly.statusCode).toBe(400);
    expect(wardOnly.json().message).toContain('cases_total');
    const twice = await planner.get(`/api/plans/candidates?${WINDOW}&weights=drug_cases:1,drug_cases:2`);
    expect(twice.statusCode).toBe(400);
    expect((await planner.get(`/api/plans/candidates?${WINDOW}&weights=drug_cases:1&extra=1`)).statusCode).toBe(400);
  });

  it('roles, scope, duplicates, the review workflow and revisions — each change audited', async () => {
    const top = (await candidates('limit=7')).candidates;
    const items = top.slice(0, 5).map((c, i) => ({
      unitId: c.unitId,
      priority: i + 1,
      rationale: `Điểm ${c.score.toFixed(2)}: ma túy`,
      responsibleUnit: 'Công an phường',
      targetDate: '2017-12-31',
    }));
    const audit0 = await auditCount();

    // Who may write.
    expect((await viewer.send('POST', '/api/plans', { name: 'X', year: 2017 })).statusCode).toBe(403);
    expect((await commander.send('POST', '/api/plans', { name: 'X', year: 2017 })).statusCode).toBe(403);
    expect(await auditCount()).toBe(audit0);

    const created = await planner.send('POST', '/api/plans', {
      name: 'Kế hoạch chuyển hóa năm 2017',
      year: 2017,
      description: 'Chọn theo ma túy và cờ bạc',
    });
    expect(created.statusCode, created.body).toBe(201);
    const plan = created.json() as PlanDetail;
    expect(plan).toMatchObject({ status: 'draft', revision: 1, previousId: null, items: [] });
    expect(plan.history.map((h) => h.action)).toEqual(['create']);
    const id = plan.id;

    expect((await viewer.send('PUT', `/api/plans/${id}/items`, { items })).statusCode).toBe(403);
    expect((await viewer.send('PATCH', `/api/plans/${id}`, { name: 'Y' })).statusCode).toBe(403);

    // A plan cannot hold a group twice; the message names it.
    const dup = await planner.send('PUT', `/api/plans/${id}/items`, {
      items: [...items, { ...items[2]!, priority: 9 }],
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().message).toContain(top[2]!.code);
    expect(dup.json().message).toContain(top[2]!.name);
    // Only residential groups.
    const wardItem = await planner.send('PUT', `/api/plans/${id}/items`, {
      items: [{ ...items[0]!, unitId: top[0]!.wardId! }],
    });
    expect(wardItem.statusCode).toBe(400);
    // Cannot submit an empty plan.
    expect((await planner.send('POST', `/api/plans/${id}/submit`, {})).statusCode).toBe(400);
    expect(await auditCount()).toBe(audit0 + 1);

    const put = await planner.send('PUT', `/api/plans/${id}/items`, { items });
    expect(put.statusCode, put.body).toBe(200);
    const withItems = put.json() as PlanDetail;
    expect(withItems.items.map((i) => i.unitId)).toEqual(items.map((i) => i.unitId));
    expect(withItems.items[0]).toMatchObject({
      priority: 1,
      responsibleUnit: 'Công an phường',
      targetDate: '2017-12-31',
    });
    expect(withItems.summary.groups).toBe(5);
    expect(withItems.summary.households).toBe(top.slice(0, 5).reduce((a, c) => a + (c.households ?? 0), 0));

    // The group is now in an active plan: hidden with excludeActive, except for the plan being edited.
    const excluded = await candidates('excludeActive=true&limit=5000');
    expect(excluded.candidates.some((c) => c.unitId === items[0]!.unitId)).toBe(false);
    expect(excluded.total).toBe(183 - 5);
    const own = await candidates(`excludeActive=true&plan=${id}&limit=5000`);
    expect(own.total).toBe(183);
    const flagged = (await candidates('limit=5')).candidates[0]!;
    expect(flagged.activePlans).toEqual([{ id, name: 'Kế hoạch chuyển hóa năm 2017', status: 'draft' }]);

    // Ward scope: a ward planner cannot see this city-wide plan, nor add a group outside the ward.
    expect((await wardPlanner.get(`/api/plans/${id}`)).statusCode).toBe(404);
    const wardPlan = (await wardPlanner.send('POST', '/api/plans', { name: 'Kế hoạch Bích Đào', year: 2017 })).json();
    const outside = top.find((c) => !c.wardName?.includes('Bích Đào'))!;
    const denied = await wardPlanner.send('PUT', `/api/plans/${wardPlan.id}/items`, {
      items: [{ unitId: outside.unitId, priority: 1, rationale: '', responsibleUnit: '' }],
    });
    // Outside the scope answers like a unit that does not exist: 404, naming neither code nor name (issue #12).
    expect(denied.statusCode).toBe(404);
    expect(denied.json()).toMatchObject({ code: 'unit.not_found', field: 'items/0/unitId' });
    expect(denied.json().message).not.toContain(outside.code);
    expect(denied.json().message).not.toContain(outside.name);
    const mine = (await candidates('limit=1', wardPlanner)).candidates[0]!;
    const allowed = await wardPlanner.send('PUT', `/api/plans/${wardPlan.id}/items`, {
      items: [{ unitId: mine.unitId, priority: 1, rationale: 'Trong phường', responsibleUnit: 'CA phường' }],
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect((await wardViewer.get(`/api/plans/${wardPlan.id}`)).statusCode).toBe(200);
    expect((await wardViewer.get(`/api/plans/${id}`)).statusCode).toBe(404);
    const wardList = (await wardViewer.get('/api/plans')).json().plans as { id: number }[];
    expect(wardList.map((p) => p.id)).toEqual([wardPlan.id]);
    const cityList = (await viewer.get('/api/plans')).json().plans as { id: number; itemCount: number }[];
    expect(cityList.find((p) => p.id === id)?.itemCount).toBe(5);
    expect(await auditCount()).toBe(audit0 + 4); // create, items, ward create, ward items

    // Submit; a planner cannot approve; a commander returns (comment required), then approves.
    expect((await planner.send('POST', `/api/plans/${id}/submit`, {})).json().status).toBe('submitted');
    expect((await planner.send('POST', `/api/plans/${id}/approve`, {})).statusCode).toBe(403);
    expect((await viewer.send('POST', `/api/plans/${id}/approve`, {})).statusCode).toBe(403);
    expect((await planner.send('PUT', `/api/plans/${id}/items`, { items })).statusCode).toBe(409);
    expect((await commander.send('POST', `/api/plans/${id}/return`, {})).statusCode).toBe(400);
    const returned = await commander.send('POST', `/api/plans/${id}/return`, { comment: 'Bổ sung lý do chọn' });
    expect(returned.json()).toMatchObject({ status: 'returned', reviewComment: 'Bổ sung lý do chọn' });
    const fixed = await planner.send('PUT', `/api/plans/${id}/items`, {
      items: items.map((i) => ({ ...i, rationale: `${i.rationale}; nhiều vụ việc` })),
    });
    expect(fixed.json().status).toBe('draft');
    expect((await planner.send('POST', `/api/plans/${id}/submit`, {})).statusCode).toBe(200);
    const approved = (await commander.send('POST', `/api/plans/${id}/approve`, { comment: 'Đồng ý' })).json();
    expect(approved).toMatchObject({
      status: 'approved',
      reviewComment: 'Đồng ý',
      approvedByName: 'Test commander',
      startedOn: '2017-01-01',
    });
    expect(approved.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'items',
      'submit',
      'return',
      'items',
      'submit',
      'approve',
    ]);
    expect((await commander.send('POST', `/api/plans/${id}/approve`, {})).statusCode).toBe(409);
    expect((await planner.send('DELETE', `/api/plans/${id}`)).statusCode).toBe(409);
    expect(await auditCount()).toBe(audit0 + 9); // + submit, return, items, submit, approve

    // Editing an approved plan makes revision 2 (a draft) and leaves revision 1 approved.
    const rev2 = (
      await planner.send('PATCH', `/api/plans/${id}`, { name: 'Kế hoạch chuyển hóa năm 2017 (điều chỉnh)' })
    ).json();
    expect(rev2).toMatchObject({ status: 'draft', revision: 2, previousId: id });
    expect(rev2.id).not.toBe(id);
    expect(rev2.items.map((i: { unitId: number }) => i.unitId)).toEqual(items.map((i) => i.unitId));
    const old = (await planner.get(`/api/plans/${id}`)).json();
    expect(old).toMatchObject({ status: 'approved', name: 'Kế hoạch chuyển hóa năm 2017' });
    expect(old.items).toHaveLength(5);
    // Only one open revision: editing revision 1 again points at revision 2.
    const again = await planner.send('PATCH', `/api/plans/${id}`, { description: 'khác' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain(`#${rev2.id}`);
    const extra = top[5]!;
    const rev2Items = await planner.send('PUT', `/api/plans/${rev2.id}/items`, {
      items: [...items, { unitId: extra.unitId, priority: 6, rationale: 'Thêm', responsibleUnit: 'CA phường' }],
    });
    expect(rev2Items.json().items).toHaveLength(6);
    // Submit and approve need no body.
    expect((await planner.send('POST', `/api/plans/${rev2.id}/submit`)).statusCode).toBe(200);
    // An administrator may approve too; approving revision 2 supersedes revision 1.
    const rev2Approved = (await admin.send('POST', `/api/plans/${rev2.id}/approve`)).json();
    expect(rev2Approved.status).toBe('approved');
    expect(rev2Approved.revisions).toEqual([
      { id, revision: 1, status: 'superseded' },
      { id: rev2.id, revision: 2, status: 'approved' },
    ]);
    const superseded = (await planner.get(`/api/plans/${id}`)).json();
    expect(superseded.status).toBe('superseded');
    expect(superseded.history.at(-1).action).toBe('supersede');
    expect(superseded.items).toHaveLength(5);
    // A superseded plan does not hold its groups any more; the approved revision does.
    const held = (await candidates('limit=5000')).candidates.find((c) => c.unitId === extra.unitId)!;
    expect(held.activePlans.map((p) => p.id)).toEqual([rev2.id]);
    expect((await planner.send('PATCH', `/api/plans/${id}`, { name: 'Z' })).statusCode).toBe(409);
    const approvedList = (await viewer.get('/api/plans?status=approved&year=2017')).json().plans as { id: number }[];
    expect(approvedList.map((p) => p.id)).toEqual([rev2.id]);
    expect((await viewer.get('/api/plans?status=superseded')).json().plans.map((p: { id: number }) => p.id)).toEqual([
      id,
    ]);
    // revise + update, items, submit, supersede + approve
    expect(await auditCount()).toBe(audit0 + 15);

    // Drafts can be deleted, by planners only.
    const draft = (await planner.send('POST', '/api/plans', { name: 'Nháp bỏ', year: 2018 })).json();
    expect((await viewer.send('DELETE', `/api/plans/${draft.id}`)).statusCode).toBe(403);
    expect((await planner.send('DELETE', `/api/plans/${draft.id}`)).statusCode).toBe(204);
    expect((await planner.get(`/api/plans/${draft.id}`)).statusCode).toBe(404);
    expect(await auditCount()).toBe(audit0 + 17);

    const actions = await auditActions(audit0);
    expect(actions.map((a) => a.action)).toEqual([
      'plan.create',
      'plan.items',
      'plan.create',
      'plan.items',
      'plan.submit',
      'plan.return',
      'plan.items',
      'plan.submit',
      'plan.approve',
      'plan.revise',
      'plan.update',
      'plan.items',
      'plan.submit',
      'plan.supersede',
      'plan.approve',
      'plan.create',
      'plan.delete',
    ]);
    expect(actions.find((a) => a.action === 'plan.return')?.username).toBe(commander.username);
  });

  it('progress by month since the plan started, counted from the hotspot histories', async () => {
    const hotspots = (await admin.get('/api/hotspots?at=2026-11-01')).json().hotspots as {
      unit_id: number;
      code: string;
      history: { status: string; changed_on: string }[];
    }[];
    const chosen = hotspots.slice(0, 4);
    const nonHotspot = (await candidates('status=none&limit=1')).candidates[0]!;
    const plan = (await planner.send('POST', '/api/plans', { name: 'Theo dõi 2018', year: 2018 })).json();
    await planner.send('PUT', `/api/plans/${plan.id}/items`, {
      items: [...chosen.map((h) => h.unit_id), nonHotspot.unitId].map((unitId, i) => ({
        unitId,
        priority: i + 1,
        rationale: '',
        responsibleUnit: '',
      })),
    });
    await planner.send('POST', `/api/plans/${plan.id}/submit`, {});
    await commander.send('POST', `/api/plans/${plan.id}/approve`, {});
    const res = await viewer.get(`/api/plans/${plan.id}/progress`);
    expect(res.statusCode, res.body).toBe(200);
    const progress = res.json() as ProgressResponse;
    expect(progress.start).toBe('2018-01');
    expect(progress.months[0]!.period).toBe('2018-01');
    expect(progress.months.at(-1)!.period).toBe(progress.end);
    for (const m of progress.months) {
      expect(m.transformed + m.transforming + m.notStarted + m.relapsed).toBe(5);
    }
    // By hand from the histories: the status in force at the end of a month.
    const stageAt = (history: { status: string; changed_on: string }[], day: string) => {
      const s = history.filter((h) => h.changed_on <= day).at(-1)?.status ?? 'identified';
      return s === 'identified' ? 'notStarted' : s;
    };
    for (const period of ['2018-06', '2020-12', '2023-03']) {
      const expected = { transformed: 0, transforming: 0, notStarted: 1, relapsed: 0 }; // the non-hotspot
      for (const h of chosen) expected[stageAt(h.history, `${period}-28`) as keyof typeof expected]++;
      expect(
        progress.months.find((m) => m.period === period),
        period,
      ).toEqual({ period, ...expected });
    }
    const item = progress.items.find((i) => i.unitId === chosen[0]!.unit_id)!;
    expect(item.statuses.map((s) => s.status)).toEqual(chosen[0]!.history.map((h) => h.status));
    expect(progress.items.find((i) => i.unitId === nonHotspot.unitId)).toMatchObject({
      current: 'notStarted',
      statuses: [],
    });
  });

  it('compares two plans, and a plan with the top-N candidates', async () => {
    const top = (await candidates('limit=6')).candidates;
    const mk = async (name: string, ids: number[]) => {
      const p = (await planner.send('POST', '/api/plans', { name, year: 2019 })).json();
      const r = await planner.send('PUT', `/api/plans/${p.id}/items`, {
        items: ids.map((unitId, i) => ({ unitId, priority: i + 1, rationale: '', responsibleUnit: '' })),
      });
      expect(r.statusCode, r.body).toBe(200);
      return p.id as number;
    };
    const a = await mk(
      'Phương án A',
      top.slice(0, 4).map((c) => c.unitId),
    );
    const b = await mk(
      'Phương án B',
      top.slice(2, 6).map((c) => c.unitId),
    );
    const res = await viewer.get(`/api/plans/compare?a=${a}&b=${b}`);
    expect(res.statusCode, res.body).toBe(200);
    const cmp = res.json() as CompareResponse;
    expect(cmp.both.map((i) => i.unitId)).toEqual(top.slice(2, 4).map((c) => c.unitId));
    expect(cmp.onlyA.map((i) => i.unitId)).toEqual(top.slice(0, 2).map((c) => c.unitId));
    expect(cmp.onlyB.map((i) => i.unitId)).toEqual(top.slice(4, 6).map((c) => c.unitId));
    expect(cmp.both[0]).toMatchObject({ priorityA: 3, priorityB: 1 });
    expect(cmp.a).toMatchObject({ planId: a, count: 4 });
    expect(cmp.a.households).toBe(top.slice(0, 4).reduce((s, c) => s + (c.households ?? 0), 0));

    const vsTop = (
      await viewer.get(`/api/plans/compare?a=${b}&top=3&${WINDOW}&weights=${WEIGHTS}`)
    ).json() as CompareResponse;
    expect(vsTop.b).toMatchObject({ planId: null, count: 3 });
    expect(vsTop.both.map((i) => i.unitId)).toEqual([top[2]!.unitId]);
    expect(vsTop.onlyB.map((i) => i.unitId)).toEqual(top.slice(0, 2).map((c) => c.unitId));
    expect(vsTop.onlyB.map((i) => i.priorityB)).toEqual([1, 2]);
    expect((await viewer.get(`/api/plans/compare?a=${a}`)).statusCode).toBe(400);
    expect((await viewer.get(`/api/plans/compare?a=${a}&b=99999999`)).statusCode).toBe(404);
  });

  it('documents every planning route in the OpenAPI description', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as object).filter((p) => p.startsWith('/api/plans'));
    expect(paths.sort()).toEqual([
      '/api/plans',
      '/api/plans/candidates',
      '/api/plans/compare',
      '/api/plans/{id}',
      '/api/plans/{id}/approve',
      '/api/plans/{id}/export',
      '/api/plans/{id}/items',
      '/api/plans/{id}/progress',
      '/api/plans/{id}/return',
      '/api/plans/{id}/submit',
    ]);
  });

  it('exports XLSX and CSV with Vietnamese headers, diacritics and escaped formulas', async () => {
    const top = (await candidates('limit=3')).candidates;
    const p = (await planner.send('POST', '/api/plans', { name: 'Kế hoạch xuất Đông Thành', year: 2020 })).json();
    await planner.send('PUT', `/api/plans/${p.id}/items`, {
      items: top.map((c, i) => ({
        unitId: c.unitId,
        priority: i + 1,
        rationale: i === 0 ? '=HYPERLINK("http://x","bấm")' : 'Nhiều vụ ma túy, cờ bạc',
        responsibleUnit: '@Công an phường',
        targetDate: '2020-12-31',
      })),
    });
    const headers = [
      'STT',
      'Mã tổ',
      'Tên tổ dân phố/thôn',
      'Phường/xã',
      'Số hộ',
      'Ưu tiên',
      'Lý do chọn',
      'Đơn vị phụ trách',
      'Hạn hoàn thành',
      'Trạng thái điểm nóng',
    ];

    const xlsx = await viewer.get(`/api/plans/${p.id}/export?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toBe(
      `attachment; filename="ke-hoach-${p.id}-ke-hoach-xuat-dong-thanh-lan-1.xlsx"`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('Kế hoạch chuyển hóa: Kế hoạch xuất Đông Thành');
    let headerRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'STT') headerRow = n;
    });
    expect(headerRow).toBeGreaterThan(0);
    expect((ws.getRow(headerRow).values as unknown[]).slice(1)).toEqual(headers);
    const names = [1, 2, 3].map((k) => ws.getRow(headerRow + k).getCell(3).value);
    // Named as the plan page names them (by today's units: after the 2025 merger "Tổ dân phố 6 (Bích
    // Đào cũ) · Phường Hoa Lư"), in priority order.
    const detail = (await planner.send('GET', `/api/plans/${p.id}`)).json() as {
      items: { unitId: number; displayName: string }[];
    };
    const shownName = new Map(detail.items.map((i) => [i.unitId, i.displayName]));
    expect(names).toEqual(top.map((c) => shownName.get(c.unitId)));
    expect(names.some((n) => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(String(n)))).toBe(true);
    expect(ws.getRow(headerRow + 1).getCell(2).value).toBe(top[0]!.code);
    expect(ws.getRow(headerRow + 1).getCell(9).value).toBe('31/12/2020');

    const csv = await viewer.get(`/api/plans/${p.id}/export?format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const bytes = csv.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(headers.join(','));
    expect(lines).toHaveLength(5); // header, 3 rows, final empty
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(lines[1]).toContain(",'@Công an phường,");
    expect(lines[1]).toContain(top[0]!.name);
    expect(lines[2]).toContain('"Nhiều vụ ma túy, cờ bạc"');

    expect((await wardViewer.get(`/api/plans/${p.id}/export?format=csv`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/plans/${p.id}/export?format=pdf`)).statusCode).toBe(400);
  });
  it('levels of attention 0–100 over every scored group, and transformed groups left out on request', async () => {
    // A recent window: by 2026 some of the demo's hotspots have been transformed.
    const recent = async (query: string) => {
      const res = await planner.get(`/api/plans/candidates?from=2025-11&to=2026-10&weights=${WEIGHTS}&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as CandidatesResponse;
    };
    const all = await recent('limit=5000');
    // The level is the pure function over all the scores: 100 for the first, 0 for the last.
    const expected = attentionLevels(all.candidates.map((c) => c.score));
    expect(all.candidates.map((c) => c.level)).toEqual(expected);
    expect(all.candidates[0]!.level).toBe(100);
    expect(all.candidates.at(-1)!.level).toBe(0);
    for (const c of all.candidates) for (const b of c.breakdown) expect(b.level).toBeGreaterThanOrEqual(0);
    // The raw values say how they read: coverage is a ratio shown × 100 in %.
    expect(all.indicators.find((i) => i.key === 'coverage_households_safe')).toMatchObject({
      kind: 'ratio',
      scale: 100,
      unit_vi: '%',
    });

    // Filters hide rows, never change a level: the levels stay those of the whole field.
    const levelOf = new Map(all.candidates.map((c) => [c.unitId, c.level]));
    const transformed = all.candidates.filter((c) => c.hotspot?.status === 'transformed');
    expect(transformed.length).toBeGreaterThan(0);
    const kept = await recent('excludeTransformed=true&limit=5000');
    expect(kept.total).toBe(all.total - transformed.length);
    expect(kept.candidates.some((c) => c.hotspot?.status === 'transformed')).toBe(false);
    expect(kept.candidates.every((c) => c.level === levelOf.get(c.unitId))).toBe(true);
    // Ranks are counted again among the rows kept (ties share one).
    expect(kept.candidates[0]!.rank).toBe(1);
    expect(kept.candidates.at(-1)!.rank).toBeLessThanOrEqual(kept.total);
  });

  it('approve and return: the comment is stored, in the history and the audit record; fail-closed by role and scope', async () => {
    const editor = await signIn(app, 'editor');
    const wardCommander = await signIn(app, 'commander', { wardCodes: [BICH_DAO], at: '2017-12-31' });
    const top = (await candidates('limit=20')).candidates;
    const outside = top.filter((c) => !c.wardName?.includes('Bích Đào')).slice(0, 2);
    const make = async (name: string) => {
      const plan = (await planner.send('POST', '/api/plans', { name, year: 2019 })).json() as PlanDetail;
      const items = outside.map((c, i) => ({ unitId: c.unitId, priority: i + 1, rationale: '', responsibleUnit: '' }));
      expect((await planner.send('PUT', `/api/plans/${plan.id}/items`, { items })).statusCode).toBe(200);
      expect((await planner.send('POST', `/api/plans/${plan.id}/submit`, {})).statusCode).toBe(200);
      return plan.id;
    };
    const id = await make('Kế hoạch duyệt kèm ý kiến');
    const audit0 = await auditCount();

    // Only approvers: every other role is refused, and nothing is written.
    for (const who of [viewer, editor, planner, wardPlanner]) {
      for (const action of ['approve', 'return']) {
        const res = await who.send('POST', `/api/plans/${id}/${action}`, { comment: 'x' });
        expect([403, 404], `${who.username} ${action}`).toContain(res.statusCode);
      }
    }
    // A commander of another ward: as if the plan did not exist, its name never told.
    for (const action of ['approve', 'return']) {
      const res = await wardCommander.send('POST', `/api/plans/${id}/${action}`, { comment: 'x' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Kế hoạch duyệt kèm ý kiến');
    }
    // Odd spellings of the id and the comment are 4xx, never a write.
    for (const path of [`/api/plans/${id}%2F/approve`, '/api/plans/1e400/approve', `/api/plans/${id}.0/approve`]) {
      const res = await commander.send('POST', path, {});
      expect(res.statusCode, path).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, path).toBeLessThan(500);
    }
    expect((await commander.send('POST', `/api/plans/${id}/approve`, { comment: 'x'.repeat(2001) })).statusCode).toBe(
      400,
    );
    expect(await auditCount()).toBe(audit0);

    const comment = 'Đồng ý; triển khai từ quý 1/2019, ưu tiên tổ có ma túy.';
    const approved = (await commander.send('POST', `/api/plans/${id}/approve`, { comment })).json() as PlanDetail;
    expect(approved).toMatchObject({ status: 'approved', reviewComment: comment, approvedByName: 'Test commander' });
    expect(approved.history.at(-1)).toMatchObject({ action: 'approve', comment, userName: 'Test commander' });
    // The same comment is what anyone in scope reads later.
    const read = (await viewer.get(`/api/plans/${id}`)).json() as PlanDetail;
    expect(read.history.find((h) => h.action === 'approve')?.comment).toBe(comment);

    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'username', 'before', 'after'])
      .where('entity_type', '=', 'plan')
      .where('entity_id', '=', String(id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ action: 'plan.approve', username: commander.username });
    expect((audited.before as PlanDetail).status).toBe('submitted');
    expect(audited.after as PlanDetail).toMatchObject({ status: 'approved', reviewComment: comment });
    expect(await auditCount()).toBe(audit0 + 1);

    // Returning needs a reason (blank is refused, nothing written), and keeps it the same way.
    const id2 = await make('Kế hoạch trả lại');
    const audit1 = await auditCount();
    const blank = await commander.send('POST', `/api/plans/${id2}/return`, { comment: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ code: 'plan.comment_required', field: 'comment' });
    expect(await auditCount()).toBe(audit1);
    const reason = 'Thiếu lý do chọn cho tổ thứ hai.';
    const back = (await admin.send('POST', `/api/plans/${id2}/return`, { comment: reason })).json() as PlanDetail;
    expect(back).toMatchObject({ status: 'returned', reviewComment: reason });
    expect(back.history.at(-1)).toMatchObject({ action: 'return', comment: reason });
    const returnAudit = (await auditActions(audit1)).map((a) => [a.action, a.entity_id, a.username]);
    expect(returnAudit).toEqual([['plan.return', String(id2), admin.username]]);
  });
});
