import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INDICATORS } from '../../geo/catalogue.ts';
import { prepareSchema } from '../../server/bootstrap.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { upload } from '../helpers/upload.ts';

const THEFTS = {
  key: 'thefts',
  name_vi: 'Vụ trộm cắp tài sản',
  name_en: 'Property thefts',
  unit_vi: 'vụ',
  unit_en: 'cases',
  kind: 'count',
  time_rule: 'sum',
  spatial_rule: 'sum',
  polarity: 'higher_worse',
  levels: ['group', 'ward', 'city'],
  entry_level: 'group',
  theme: 'crime',
  description_vi: 'Số vụ trộm cắp tài sản xảy ra trong tháng',
  source: 'Công an phường (báo cáo tháng)',
};

/** Splits the template CSV (no quoted fields in it: names have no commas). */
const csvRows = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((l) => l.split(','));

/**
 * Issue #14: the catalogue belongs to the deployment. The database is the truth (the seed of
 * geo/catalogue.ts is written once and never over an administrator's edit); an indicator added
 * through the API has a template, takes an import and is served by the values API; an indicator
 * with values cannot be deleted, only retired, and a retired one takes no new values while its
 * history stays readable.
 */
describe.each(BACKENDS)('indicator catalogue on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  let editor: Client;
  let viewer: Client;
  let wardAdmin: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { IMPORT_RATE_LIMIT: '100000' });
    admin = await signIn(app, 'admin');
    editor = await signIn(app, 'editor');
    viewer = await signIn(app, 'viewer');
    wardAdmin = await signIn(app, 'admin', { wardCodes: ['14332'] });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const catalogue = async () =>
    (await viewer.get('/api/indicators')).json().indicators as {
      key: string;
      name_en: string;
      has_data: boolean;
      retired_at: string | null;
      first_period: string | null;
    }[];

  it('an administrator adds an indicator; its template, an import and the values API follow the database', async () => {
    const created = await admin.send('POST', '/api/indicators', THEFTS);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ key: 'thefts', has_data: false, retired_at: null, description_en: '' });
    // Every reader sees it at once (the cache learnt of the write through the event).
    expect((await catalogue()).map((i) => i.key)).toContain('thefts');

    const tpl = await editor.get('/api/imports/indicators/template?indicators=thefts&period=2024-05&format=csv');
    expect(tpl.statusCode, tpl.body).toBe(200);
    const rows = csvRows(tpl.body);
    expect(rows[0]).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Kỳ (YYYY-MM)', 'Vụ trộm cắp tài sản [thefts]']);
    const groups = rows.slice(1);
    expect(groups.length).toBeGreaterThan(100); // the demo's groups valid in May 2024, nothing else
    // Each group of a ward gets 2 thefts, so a ward's value is twice its number of groups.
    const csv =
      '\uFEFF' + [rows[0]!, ...groups.map((r) => [r[0], r[1], r[2], '2'])].map((r) => r.join(',')).join('\r\n');
    const commit = await upload(app, editor, '/api/imports/indicators?dry_run=false', {
      filename: 'trom-cap-2024-05.csv',
      content: csv,
    });
    expect(commit.statusCode, commit.body).toBe(200);
    expect(commit.json()).toMatchObject({ committed: true, to_insert: groups.length, errors_total: 0 });

    const v = await viewer.get('/api/values?indicator=thefts&level=ward&from=2024-05&to=2024-05&at=2024-05-31');
    expect(v.statusCode, v.body).toBe(200);
    const m = v.json() as { ids: number[]; values: (number | null)[][] };
    const { rows: perWard } = await sql<{ parent_id: number; n: number }>`
      select l.parent_id, count(*)::int as n from unit_parent l
      where l.valid_from <= '2024-05-31' and (l.valid_to is null or l.valid_to > '2024-05-31')
      group by 1`.execute(t.database.db);
    const served = perWard.filter((w) => m.ids.includes(w.parent_id));
    expect(served.length).toBeGreaterThan(0);
    for (const w of served) expect(m.values[m.ids.indexOf(w.parent_id)]![0]).toBe(2 * w.n);
    // The catalogue's figures follow the values (valuesChanged).
    expect((await catalogue()).find((i) => i.key === 'thefts')).toMatchObject({
      has_data: true,
      first_period: '2024-05',
    });
  });

  it('refuses bad definitions with a 4xx naming the field, and writes nothing', async () => {
    const count = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from indicator`.execute(t.database.db)).rows[0]!.n);
    const before = await count();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ ...THEFTS, key: 'Trộm cắp' }, 400, 'params.invalid', 'key'],
      [{ ...THEFTS, key: 'households' }, 409, 'indicator.key_taken', 'key'],
      [{ ...THEFTS, key: 'thefts2', name_vi: 'vu trom cap tai san' }, 409, 'indicator.name_taken', 'name_vi'],
      [
        { ...THEFTS, key: 'thefts2', entry_level: 'ward', levels: ['ward'], theme: 'weather' },
        400,
        'params.not_allowed',
        'theme',
      ],
      [
        {
          ...THEFTS,
          key: 'thefts_rate',
          name_vi: 'Tỷ lệ',
          kind: 'ratio',
          spatial_rule: 'ratio',
          numerator_key: 'thefts',
          denominator_key: 'coverage_households_safe',
        },
        400,
        'indicator.ratio_part_not_count',
        'denominator_key',
      ],
      [
        {
          ...THEFTS,
          key: 'thefts_rate',
          name_vi: 'Tỷ lệ',
          kind: 'ratio',
          spatial_rule: 'ratio',
          numerator_key: 'thefts',
          denominator_key: 'no_such',
        },
        400,
        'indicator.ratio_part_unknown',
        'denominator_key',
      ],
      [
        { ...THEFTS, key: 'thefts2', name_vi: 'Khác', levels: ['ward', 'city'] },
        400,
        'indicator.entry_not_in_levels',
        'entry_level',
      ],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await admin.send('POST', '/api/indicators', body);
      expect(res.statusCode, `${JSON.stringify(body)} → ${res.body}`).toBe(status);
      expect(res.json(), res.body).toMatchObject({ code, field });
    }
    expect(await count()).toBe(before);
  });

  it('only administrators of the whole area write; everyone signed in reads', async () => {
    for (const c of [viewer, editor]) {
      expect((await c.send('POST', '/api/indicators', { ...THEFTS, key: 'x_other' })).statusCode).toBe(403);
      expect((await c.send('POST', '/api/indicators/banners/retire')).statusCode).toBe(403);
    }
    const scoped = await wardAdmin.send('PATCH', '/api/indicators/banners', { name_en: 'Banners!' });
    expect(scoped.statusCode).toBe(403);
    expect(scoped.json().code).toBe('auth.whole_area_required');
    expect((await wardAdmin.get('/api/indicators')).statusCode).toBe(200);
  });

  it('with values: no deletion, no kind change; retired → out of templates and imports, history readable; restored', async () => {
    const del = await admin.send('DELETE', '/api/indicators/thefts');
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ code: 'indicator.has_data', params: { indicator: 'thefts' } });
    expect(del.json().params.values).toBeGreaterThan(100);
    const kind = await admin.send('PATCH', '/api/indicators/thefts', { kind: 'boolean' });
    expect(kind.statusCode).toBe(409);
    expect(kind.json()).toMatchObject({ code: 'indicator.has_data', field: 'kind' });

    const retired = await admin.send('POST', '/api/indicators/thefts/retire');
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json().retired_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await catalogue()).find((i) => i.key === 'thefts')!.retired_at).not.toBeNull();
    const tpl = await editor.get('/api/imports/indicators/template?indicators=thefts&format=csv');
    expect(tpl.statusCode).toBe(400);
    expect(tpl.json()).toMatchObject({ code: 'indicator.retired', field: 'indicators' });
    const sheet = '\uFEFFMã đơn vị,Tên đơn vị,Kỳ (YYYY-MM),Vụ trộm cắp tài sản [thefts]\r\n14332,,2024-06,1\r\n';
    const imp = await upload(app, editor, '/api/imports/indicators?dry_run=false', {
      filename: 'x.csv',
      content: sheet,
    });
    expect(imp.statusCode).toBe(400);
    expect(imp.json().report.errors[0]).toMatchObject({ column: 'Vụ trộm cắp tài sản [thefts]' });
    expect(imp.json().report.errors[0].message).toContain('retired');
    // Old values stay readable.
    const v = await viewer.get('/api/values?indicator=thefts&level=ward&from=2024-05&to=2024-05&at=2024-05-31');
    expect(v.statusCode).toBe(200);

    const restored = await admin.send('POST', '/api/indicators/thefts/restore');
    expect(restored.json().retired_at).toBeNull();
    const { rows: audit } = await sql<{ action: string }>`
      select action from audit_log where entity_type = 'indicator' and entity_id = 'thefts' order by id`.execute(
      t.database.db,
    );
    expect(audit.map((a) => a.action)).toEqual(['indicator.create', 'indicator.retire', 'indicator.restore']);
  });

  it('deletes an indicator without values; a restart writes no seed over what administrators did', async () => {
    const made = await admin.send('POST', '/api/indicators', {
      ...THEFTS,
      key: 'drug_users_managed',
      name_vi: 'Người nghiện ma túy đang quản lý',
      name_en: 'Drug users under management',
      unit_vi: 'người',
      unit_en: 'persons',
      time_rule: 'last',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect((await admin.send('DELETE', '/api/indicators/drug_users_managed')).statusCode).toBe(204);
    expect((await catalogue()).some((i) => i.key === 'drug_users_managed')).toBe(false);

    // Seed indicators edited and removed by an administrator (a rate stores no values of its own).
    expect((await admin.send('PATCH', '/api/indicators/banners', { name_en: 'Banners and slogans' })).statusCode).toBe(
      200,
    );
    expect((await admin.send('DELETE', '/api/indicators/cases_solved_rate')).statusCode).toBe(204);
    await prepareSchema(t.database.db, () => {});
    app.services.indicators.forget();
    const after = await catalogue();
    expect(after.find((i) => i.key === 'banners')!.name_en).toBe('Banners and slogans');
    expect(after.some((i) => i.key === 'cases_solved_rate')).toBe(false);
    expect(INDICATORS.some((i) => i.key === 'cases_solved_rate')).toBe(true);
  });
});
