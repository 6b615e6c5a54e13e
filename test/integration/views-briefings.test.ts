import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn, type Client } from '../helpers/auth.ts';
import { byTheme } from '../../server/summary/annual.service.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

interface View {
  id: number;
  title: string;
  note: string;
  state: Record<string, unknown>;
  position: number;
  ownerName: string;
  mine: boolean;
  scopeUnitIds: number[];
}
interface AuditRow {
  action: string;
  entity_type: string;
  entity_id: string | null;
  user_id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface AnnualRow {
  key: string;
  theme: string;
  name_vi: string;
  unit_vi: string;
  value: number | null;
  previous: number | null;
  change: number | null;
  scale: number | null;
}

const STATE = { indicator: 'drug_cases', period: '2017', level: 'ward' as const, method: 'quantile' as const };
const BICH_DAO = '14332';
const DONG_THANH = '14320';

/** Saved views, briefings, export settings and the annual summary: sharing by scope, owners, audit. */
describe.each(BACKENDS)('views and briefings on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let viewer: Client; // city-wide
  let planner: Client; // city-wide
  let ward: Client; // Bích Đào only
  let wardMate: Client; // Bích Đào only, another person
  let otherWard: Client; // Đông Thành only

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    admin = await signIn(app, 'admin');
    viewer = await signIn(app, 'viewer');
    planner = await signIn(app, 'planner');
    ward = await signIn(app, 'viewer', { wardCodes: [BICH_DAO] });
    wardMate = await signIn(app, 'commander', { wardCodes: [BICH_DAO] });
    otherWard = await signIn(app, 'editor', { wardCodes: [DONG_THANH] });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const views = async (c: Client) => {
    const res = await c.get('/api/views');
    expect(res.statusCode, res.body).toBe(200);
    return res.json().views as View[];
  };
  const save = async (c: Client, title: string, state: Record<string, unknown> = STATE, note?: string) => {
    const res = await c.send('POST', '/api/views', { title, state, ...(note === undefined ? {} : { note }) });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as View;
  };
  const audit = async (entityType: string, entityId?: number | string) =>
    (
      await admin.get(
        `/api/admin/audit?entity_type=${entityType}${entityId === undefined ? '' : `&entity_id=${entityId}`}&limit=500`,
      )
    ).json() as AuditRow[];

  it('saves, lists, renames and deletes views; only the owner or an admin may change one', async () => {
    const a = await save(
      viewer,
      'Ma túy 2017',
      { ...STATE, view: { lng: 105.97, lat: 20.25, zoom: 11.5 } },
      'Họp giao ban',
    );
    expect(a).toMatchObject({ title: 'Ma túy 2017', note: 'Họp giao ban', mine: true, ownerName: 'Test viewer' });
    expect(a.state).toEqual({ ...STATE, view: { lng: 105.97, lat: 20.25, zoom: 11.5 } });
    expect(a.scopeUnitIds).toEqual([]);
    const listed = (await views(viewer)).find((v) => v.id === a.id)!;
    expect(listed).toMatchObject({ title: 'Ma túy 2017', mine: true });
    // Another city-wide user sees it, not as theirs, and may not change or delete it.
    expect((await views(planner)).find((v) => v.id === a.id)?.mine).toBe(false);
    const foreign = await planner.send('PATCH', `/api/views/${a.id}`, { title: 'X' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toContain('Test viewer');
    expect((await planner.send('DELETE', `/api/views/${a.id}`)).statusCode).toBe(403);

    const renamed = await viewer.send('PATCH', `/api/views/${a.id}`, { title: '  Ma túy cả năm 2017 ', note: '' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ title: 'Ma túy cả năm 2017', note: '' });
    const byAdmin = await admin.send('PATCH', `/api/views/${a.id}`, { note: 'Sửa bởi quản trị' });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ mine: false, note: 'Sửa bởi quản trị', ownerName: 'Test viewer' });

    // Bad input: 4xx naming the field, never 500.
    const bad = async (body: unknown) => (await viewer.send('POST', '/api/views', body)).statusCode;
    expect(await bad({ title: 'x', state: { ...STATE, script: 'alert(1)' } })).toBe(400);
    expect(await bad({ title: 'x', state: { ...STATE, indicator: 'DROP TABLE' } })).toBe(400);
    expect(await bad({ title: 'x', state: { ...STATE, period: '2017-13' } })).toBe(400);
    expect(await bad({ title: 'x', state: { ...STATE, breaks: 'x'.repeat(201) } })).toBe(400);
    expect(await bad({ title: 'x', state: STATE, owner: 1 })).toBe(400);
    expect(await bad({ title: '   ', state: STATE })).toBe(400);
    expect(await bad({ title: 'x'.repeat(201), state: STATE })).toBe(400);
    const mixed = await viewer.send('POST', '/api/views', { title: 'x', state: { ...STATE, from: '2016-03' } });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().field).toBe('state.from');
    const ytdFromMonth = await viewer.send('POST', '/api/views', {
      title: 'x',
      state: { ...STATE, period: '2017-10-ytd', from: '2017-09' },
    });
    expect(ytdFromMonth.statusCode).toBe(400);
    expect(ytdFromMonth.json().field).toBe('state.from');
    expect(await bad({ title: 'x', state: { ...STATE, period: '2017-10-r13' } })).toBe(400);
    expect(await bad({ title: 'x', state: { ...STATE, change: 'mom' } })).toBe(400);
    // A year to date against the same period last year, in %, with one scale: kept as sent.
    const ytd = await viewer.send('POST', '/api/views', {
      title: 'Án hình sự từ đầu năm',
      state: { ...STATE, period: '2017-10-ytd', change: 'yoy_pct', scale: 'period' },
    });
    expect(ytd.statusCode, ytd.body).toBe(201);
    expect(ytd.json().state).toMatchObject({ period: '2017-10-ytd', change: 'yoy_pct', scale: 'period' });
    expect((await viewer.send('DELETE', `/api/views/${ytd.json().id}`)).statusCode).toBe(204);
    expect((await viewer.send('PATCH', `/api/views/${a.id}`, {})).statusCode).toBe(400);
    expect((await viewer.send('PATCH', '/api/views/99999999', { title: 'y' })).statusCode).toBe(404);

    expect((await admin.send('DELETE', `/api/views/${a.id}`)).statusCode).toBe(204);
    expect((await views(viewer)).some((v) => v.id === a.id)).toBe(false);
    expect((await viewer.send('DELETE', `/api/views/${a.id}`)).statusCode).toBe(404);

    const rows = await audit('saved_view', a.id);
    expect(rows.map((r) => r.action).sort()).toEqual(['view.create', 'view.delete', 'view.update', 'view.update']);
    const del = rows.find((r) => r.action === 'view.delete')!;
    expect(del.user_id).toBe(admin.userId);
    expect(del.before).toMatchObject({ title: 'Ma túy cả năm 2017' });
    const rename = rows.find((r) => r.action === 'view.update' && r.user_id === viewer.userId)!;
    expect(rename.before).toMatchObject({ title: 'Ma túy 2017' });
    expect(rename.after).toMatchObject({ title: 'Ma túy cả năm 2017' });
  });

  it('shares a view only with users whose scope covers the wards of its creator', async () => {
    const cityWide = await save(viewer, 'Toàn thành phố');
    const bichDao = await save(ward, 'Bích Đào', { ...STATE, level: 'group' });
    const [bichDaoId] = await app.services.units.idsByCode([BICH_DAO], '2017-12-31');
    expect(bichDao.scopeUnitIds).toEqual([bichDaoId]);

    const ids = async (c: Client) => (await views(c)).map((v) => v.id);
    // The ward user does not see the city-wide view: its map covers other wards.
    expect(await ids(ward)).toContain(bichDao.id);
    expect(await ids(ward)).not.toContain(cityWide.id);
    // A colleague of the same ward sees it, not as theirs; another ward's user sees neither.
    const mate = (await views(wardMate)).find((v) => v.id === bichDao.id);
    expect(mate?.mine).toBe(false);
    expect(await ids(wardMate)).not.toContain(cityWide.id);
    expect(await ids(otherWard)).not.toContain(bichDao.id);
    expect(await ids(otherWard)).not.toContain(cityWide.id);
    // City-wide users see both.
    expect(await ids(planner)).toEqual(expect.arrayContaining([cityWide.id, bichDao.id]));

    // Unseen is not found, for reading through a change as for deleting.
    expect((await ward.send('PATCH', `/api/views/${cityWide.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await otherWard.send('DELETE', `/api/views/${bichDao.id}`)).statusCode).toBe(404);
    expect((await wardMate.send('PATCH', `/api/views/${bichDao.id}`, { title: 'x' })).statusCode).toBe(403);
  });

  it('reorders only the caller’s own views', async () => {
    const mine = [await save(planner, 'P1'), await save(planner, 'P2'), await save(planner, 'P3')];
    const other = await save(viewer, 'V');
    const res = await planner.send('PUT', '/api/views/order', { ids: [mine[2]!.id, mine[0]!.id] });
    expect(res.statusCode, res.body).toBe(200);
    const order = (res.json().views as View[]).filter((v) => v.mine).map((v) => v.title);
    expect(order).toEqual(['P3', 'P1', 'P2']);
    expect((await views(planner)).filter((v) => v.mine).map((v) => v.title)).toEqual(['P3', 'P1', 'P2']);

    expect((await planner.send('PUT', '/api/views/order', { ids: [other.id] })).statusCode).toBe(403);
    expect((await planner.send('PUT', '/api/views/order', { ids: [mine[0]!.id, mine[0]!.id] })).statusCode).toBe(400);
    expect((await planner.send('PUT', '/api/views/order', { ids: [] })).statusCode).toBe(400);
    const rows = (await audit('saved_view')).filter((r) => r.action === 'view.reorder' && r.user_id === planner.userId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.after).toEqual({ ids: [mine[2]!.id, mine[0]!.id, mine[1]!.id] });
  });

  it('builds briefings in order, shares them by scope and keeps them when views go', async () => {
    const v1 = await save(viewer, 'Slide 1');
    const v2 = await save(viewer, 'Slide 2');
    const v3 = await save(planner, 'Slide 3');
    const created = await viewer.send('POST', '/api/briefings', {
      title: 'Giao ban tháng 12',
      viewIds: [v3.id, v1.id, v2.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const b = created.json() as { id: number; views: View[]; hiddenCount: number; mine: boolean };
    expect(b.views.map((v) => v.title)).toEqual(['Slide 3', 'Slide 1', 'Slide 2']);
    expect(b).toMatchObject({ hiddenCount: 0, mine: true });

    const list = (await planner.get('/api/briefings')).json().briefings as {
      id: number;
      viewCount: number;
      mine: boolean;
    }[];
    expect(list.find((x) => x.id === b.id)).toMatchObject({ viewCount: 3, mine: false });
    expect((await planner.send('PATCH', `/api/briefings/${b.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await planner.send('DELETE', `/api/briefings/${b.id}`)).statusCode).toBe(403);
    // A ward user does not see a city-wide user's briefing at all.
    expect((await ward.get('/api/briefings')).json().briefings.some((x: { id: number }) => x.id === b.id)).toBe(false);
    expect((await ward.get(`/api/briefings/${b.id}`)).statusCode).toBe(404);

    const edited = await viewer.send('PATCH', `/api/briefings/${b.id}`, {
      title: 'Giao ban quý IV',
      viewIds: [v2.id, v3.id],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('Giao ban quý IV');
    expect((edited.json().views as View[]).map((v) => v.title)).toEqual(['Slide 2', 'Slide 3']);
    expect((await viewer.send('PATCH', `/api/briefings/${b.id}`, { viewIds: [v2.id, v2.id] })).statusCode).toBe(400);
    expect((await viewer.send('PATCH', `/api/briefings/${b.id}`, { viewIds: [99999999] })).statusCode).toBe(404);
    expect((await viewer.send('POST', '/api/briefings', { title: 'x', viewIds: [], extra: 1 })).statusCode).toBe(400);

    // A ward user may only use views they see.
    const mine = await save(ward, 'Bích Đào slide');
    const refused = await ward.send('POST', '/api/briefings', { title: 'x', viewIds: [mine.id, v1.id] });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().field).toBe('viewIds');
    const wb = await ward.send('POST', '/api/briefings', { title: 'Bích Đào', viewIds: [mine.id] });
    expect(wb.statusCode).toBe(201);
    const wardBriefing = wb.json().id as number;
    expect((await wardMate.get(`/api/briefings/${wardBriefing}`)).json().views).toHaveLength(1);
    expect((await otherWard.get(`/api/briefings/${wardBriefing}`)).statusCode).toBe(404);

    // Deleting a view takes it out of every briefing.
    expect((await viewer.send('DELETE', `/api/views/${v2.id}`)).statusCode).toBe(204);
    const after = (await viewer.get(`/api/briefings/${b.id}`)).json();
    expect((after.views as View[]).map((v) => v.title)).toEqual(['Slide 3']);
    expect(
      (await viewer.get('/api/briefings')).json().briefings.find((x: { id: number }) => x.id === b.id).viewCount,
    ).toBe(1);

    expect((await viewer.send('DELETE', `/api/briefings/${b.id}`)).statusCode).toBe(204);
    expect((await viewer.get(`/api/briefings/${b.id}`)).statusCode).toBe(404);
    expect((await views(planner)).some((v) => v.id === v3.id)).toBe(true); // its views stay

    const rows = await audit('briefing', b.id);
    expect(rows.map((r) => r.action).sort()).toEqual(['briefing.create', 'briefing.delete', 'briefing.update']);
    const upd = rows.find((r) => r.action === 'briefing.update')!;
    expect(upd.before).toMatchObject({ title: 'Giao ban tháng 12', viewIds: [v3.id, v1.id, v2.id] });
    expect(upd.after).toMatchObject({ title: 'Giao ban quý IV', viewIds: [v2.id, v3.id] });
  });

  it('counts the views of a briefing its owner can no longer see', async () => {
    const owner = await signIn(app, 'commander');
    const cityView = await save(planner, 'Toàn thành');
    const wardView = await save(ward, 'Bích Đào');
    const own = await save(owner, 'Của tôi');
    const res = await owner.send('POST', '/api/briefings', { title: 'B', viewIds: [cityView.id, wardView.id, own.id] });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    // The owner is moved to Đông Thành: the city-wide and Bích Đào views are hidden from them now.
    const [dongThanh] = await app.services.units.idsByCode([DONG_THANH], '2017-12-31');
    expect(
      (await admin.send('PATCH', `/api/admin/users/${owner.userId}`, { scope_unit_ids: [dongThanh] })).statusCode,
    ).toBe(200);
    // A scope change ends the user's sessions: sign in again.
    const relogged = await loginAs(app, owner.username, owner.password, owner.userId);
    const got = await relogged.get(`/api/briefings/${id}`);
    expect(got.statusCode, got.body).toBe(200);
    const detail = got.json();
    expect(detail.hiddenCount).toBe(2);
    expect((detail.views as View[]).map((v) => v.title)).toEqual(['Của tôi']);
    // Reordering what they see keeps the hidden views in it.
    const again = await relogged.send('PATCH', `/api/briefings/${id}`, { viewIds: [own.id] });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().hiddenCount).toBe(2);
  });

  it('export settings: everyone reads them, only admins set them (audited)', async () => {
    expect((await viewer.get('/api/settings/export')).json()).toEqual({
      classification: '',
      source: '',
      attribution: '',
    });
    const body = { classification: 'MẬT', source: 'Công an thành phố Ninh Bình', attribution: '© ANTT Atlas' };
    for (const c of [viewer, planner, otherWard])
      expect((await c.send('PUT', '/api/settings/export', body)).statusCode).toBe(403);
    expect((await admin.send('PUT', '/api/settings/export', { ...body, logo: 'x' })).statusCode).toBe(400);
    expect(
      (
        await admin.send('PUT', '/api/settings/export', {
          classification: 'x'.repeat(101),
          source: '',
          attribution: '',
        })
      ).statusCode,
    ).toBe(400);
    const put = await admin.send('PUT', '/api/settings/export', { ...body, classification: ' MẬT ' });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual(body);
    expect((await ward.get('/api/settings/export')).json()).toEqual(body);
    const rows = await audit('app_setting', 'export');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'settings.export', user_id: admin.userId, after: body });
  });

  /** The demo's totals straight from the observations: flows sum 12 months, stocks take each unit's last month. */
  const expected = async (key: string, year: number, unitIds?: number[]) => {
    const def = await t.database.db
      .selectFrom('indicator')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    const within = unitIds ? sql`and unit_id = any(${unitIds}::int[])` : sql``;
    const { rows } =
      def.time_rule === 'sum'
        ? await sql<{ total: number | null }>`select sum(value)::float8 as total from observation
            where indicator_key = ${key} and period >= ${`${year}-01-01`} and period <= ${`${year}-12-01`} ${within}`.execute(
            t.database.db,
          )
        : await sql<{ total: number | null }>`select sum(value)::float8 as total from (
            select distinct on (unit_id) value from observation
            where indicator_key = ${key} and period >= ${`${year}-01-01`} and period <= ${`${year}-12-01`} ${within}
            order by unit_id, period desc) last`.execute(t.database.db);
    return rows[0]?.total ?? null;
  };

  it('annual summary: the demo observations’ totals for 2017 beside 2016', async () => {
    const res = await viewer.get('/api/summary/annual?year=2017');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { year: number; previousYear: number; demo: boolean; rows: AnnualRow[] };
    expect(body).toMatchObject({ year: 2017, previousYear: 2016, demo: true });
    const catalogue = (await viewer.get('/api/indicators')).json().indicators as {
      key: string;
      theme: string;
      levels: string[];
    }[];
    const cityLevel = catalogue.filter((i) => i.levels.includes('city'));
    expect(body.rows.map((r) => r.key)).toEqual(byTheme(cityLevel).map((i) => i.key));
    expect(new Set(body.rows.map((r) => r.key))).toEqual(new Set(cityLevel.map((i) => i.key)));
    // Sections are contiguous: a theme never comes back after another.
    const themes = body.rows.map((r) => r.theme).filter((th, i, all) => th !== all[i - 1]);
    expect(new Set(themes).size).toBe(themes.length);
    const row = (key: string) => body.rows.find((r) => r.key === key)!;

    for (const key of ['drug_cases', 'cases_total', 'conferences_thematic', 'households']) {
      const value = await expected(key, 2017);
      const previous = await expected(key, 2016);
      expect(value, key).not.toBeNull();
      expect(previous, key).not.toBeNull();
      expect(row(key).value, key).toBeCloseTo(value!, 6);
      expect(row(key).previous, key).toBeCloseTo(previous!, 6);
      expect(row(key).change, key).toBeCloseTo(value! - previous!, 6);
    }
    // A ratio is the ratio of the totals, never an average of rates.
    const num = (await expected('households_registered_safe', 2017))!;
    const den = (await expected('households', 2017))!;
    expect(row('coverage_households_safe').value).toBeCloseTo(num / den, 9);
    expect(row('coverage_households_safe').scale).toBe(100);

    // No 2015 data in the demo: nothing to compare 2016 with.
    const y2016 = (await viewer.get('/api/summary/annual?year=2016')).json() as { rows: AnnualRow[] };
    expect(y2016.rows.find((r) => r.key === 'drug_cases')).toMatchObject({ previous: null, change: null });

    // A ward user gets their ward's totals.
    const [wardId] = await app.services.units.idsByCode([BICH_DAO], '2017-12-31');
    const scoped = (await ward.get('/api/summary/annual?year=2017')).json() as { rows: AnnualRow[] };
    const wardCases = await expected('cases_total', 2017, [wardId!]);
    expect(scoped.rows.find((r) => r.key === 'cases_total')!.value).toBeCloseTo(wardCases!, 6);
    expect(wardCases!).toBeLessThan(row('cases_total').value!);

    expect((await viewer.get('/api/summary/annual?year=1999')).statusCode).toBe(400);
    expect((await viewer.get('/api/summary/annual?year=2017&x=1')).statusCode).toBe(400);
    expect((await viewer.get('/api/summary/annual')).statusCode).toBe(400);
  });

  it('annual summary as XLSX: Vietnamese headers and the same figures', async () => {
    const res = await planner.get('/api/summary/annual.xlsx?year=2017');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('tong-hop-nam-2017.xlsx');
    const json = (await planner.get('/api/summary/annual?year=2017')).json() as { rows: AnnualRow[] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('NĂM 2017');
    expect(String(ws.getCell('A2').value)).toContain('Dữ liệu minh họa');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual(['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Năm 2017', 'Năm 2016', 'Tăng/giảm']);
    const lines: unknown[][] = [];
    ws.eachRow((r, i) => {
      if (i > 3 && typeof r.getCell(1).value === 'number') lines.push((r.values as unknown[]).slice(1));
    });
    expect(lines).toHaveLength(json.rows.length);
    for (const [i, r] of json.rows.entries()) {
      const line = lines[i]!;
      expect(line[1]).toBe(r.name_vi);
      expect(line[2]).toBe(r.unit_vi);
      const k = r.scale ?? 1;
      if (r.value !== null) expect(line[3] as number).toBeCloseTo(r.value * k, 2);
      if (r.previous !== null) expect(line[4] as number).toBeCloseTo(r.previous * k, 2);
    }
    expect(lines.find((l) => l[1] === 'Vụ việc liên quan ma túy')![3]).toBe(
      json.rows.find((r) => r.key === 'drug_cases')!.value,
    );
  });
});
