import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { dataChecksum, upload } from '../helpers/upload.ts';

const URL_DRY = '/api/imports/indicators?dry_run=true';
const URL_COMMIT = '/api/imports/indicators?dry_run=false';
const HEAD = 'Mã đơn vị,Tên đơn vị,Kỳ (YYYY-MM)';

interface Report {
  rows_read: number;
  values_read: number;
  to_insert: number;
  to_update: number;
  unchanged: number;
  committed: boolean;
  errors_total: number;
  errors: { row: number | null; column: string | null; message: string }[];
}

/** Splits the template CSV (no quoted fields in it: names have no commas). */
function csvRows(text: string): string[][] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter(Boolean)
    .map((l) => l.split(','));
}

describe.each(BACKENDS)('indicator import on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let editor: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { IMPORT_RATE_LIMIT: '100000', IMPORT_MAX_BYTES: String(3 * 1024 * 1024) });
    editor = await signIn(app, 'editor');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  const unitId = async (code: string, at: string) => {
    const { rows } = await sql<{ id: number }>`
      select id from admin_unit where code = ${code} and valid_from <= ${at}::date
        and (valid_to is null or valid_to > ${at}::date)`.execute(t.database.db);
    return rows[0]!.id;
  };

  it('round trip: template → fill → dry run → commit → values API → identical re-import', async () => {
    const tpl = await editor.get('/api/imports/indicators/template?indicators=drug_cases,cases_total&period=2024-03');
    expect(tpl.statusCode).toBe(200);
    expect(tpl.headers['content-type']).toContain('text/csv');
    expect(tpl.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvRows(tpl.body);
    expect(rows[0]!.slice(0, 3)).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Kỳ (YYYY-MM)']);
    expect(rows[0]![3]).toMatch(/\[drug_cases\]$/);
    expect(rows[0]![4]).toMatch(/\[cases_total\]$/);
    const groups = rows.slice(1).filter((r) => r[0]!.includes('-'));
    const wards = rows.slice(1).filter((r) => !r[0]!.includes('-'));
    expect(groups.length).toBeGreaterThan(100);
    expect(wards.length).toBe(14);
    // Groups get drug cases, wards get total cases (each indicator at its entry level).
    const filled = [
      rows[0]!,
      ...groups.map((r, i) => [r[0], r[1], r[2], String(100 + (i % 7)), '']),
      ...wards.map((r, i) => [r[0], r[1], r[2], '', String(500 + i)]),
    ];
    const csv = '\uFEFF' + filled.map((r) => r.join(',')).join('\r\n') + '\r\n';
    const file = { filename: 'so-lieu-2024-03.csv', content: csv };

    const before = await dataChecksum(t.database.db);
    const dry = await upload(app, editor, URL_DRY, file);
    expect(dry.statusCode, dry.body).toBe(200);
    const d = dry.json() as Report;
    expect(d.rows_read).toBe(groups.length + wards.length);
    expect(d.values_read).toBe(groups.length + wards.length);
    expect(d.to_insert + d.to_update + d.unchanged).toBe(d.values_read);
    expect(d.to_insert + d.to_update).toBeGreaterThan(0);
    expect(d.committed).toBe(false);
    expect(await dataChecksum(t.database.db)).toEqual(before);

    const commit = await upload(app, editor, URL_COMMIT, file);
    expect(commit.statusCode, commit.body).toBe(200);
    const c = commit.json() as Report;
    expect(c.committed).toBe(true);
    expect({ ins: c.to_insert, upd: c.to_update }).toEqual({ ins: d.to_insert, upd: d.to_update });
    const after = await dataChecksum(t.database.db);
    expect(after.observations).not.toBe(before.observations);
    expect(after.audit - before.audit).toBe(c.to_insert + c.to_update);

    // The values API serves the imported numbers.
    const ward = wards[3]!;
    const wardId = await unitId(ward[0]!, '2024-03-01');
    const v = await editor.get('/api/values?indicator=cases_total&level=ward&from=2024-03&to=2024-03&at=2024-03-31');
    expect(v.statusCode).toBe(200);
    const m = v.json() as { ids: number[]; values: (number | null)[][] };
    expect(m.values[m.ids.indexOf(wardId)]![0]).toBe(503);
    const { rows: stored } = await sql<{ demo: boolean; entered_by: number }>`
      select demo, entered_by from observation where indicator_key = 'cases_total' and unit_id = ${wardId}
        and period = '2024-03-01'`.execute(t.database.db);
    expect(stored[0]).toEqual({ demo: false, entered_by: editor.userId });
    const audit = await sql<{ entity_id: string; before: unknown; after: { value: number } }>`
      select entity_id, before, after from audit_log where entity_type = 'observation'
        and entity_id = ${`cases_total:${wardId}:2024-03`}`.execute(t.database.db);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]!.after.value).toBe(503);

    // Same file again: nothing to do, identical tables, no new audit entries.
    const again = await upload(app, editor, URL_COMMIT, file);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ to_insert: 0, to_update: 0, unchanged: d.values_read, committed: true });
    expect(await dataChecksum(t.database.db)).toEqual(after);
  });

  it('XLSX template round trip, semicolon CSV without BOM, names without diacritics, explicit mapping', async () => {
    const tpl = await editor.get(
      '/api/imports/indicators/template?indicators=conferences_thematic&format=xlsx&period=2023-05',
    );
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('Mã đơn vị');
    expect(ws.rowCount).toBe(15);
    for (let r = 2; r <= ws.rowCount; r++) ws.getRow(r).getCell(4).value = 40 + r;
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(app, editor, URL_COMMIT, { filename: 'hoi-nghi.xlsx', content: xlsx });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ values_read: 14, committed: true });
    const code = String(ws.getRow(2).getCell(1).value);
    const { rows } = await sql<{ value: number }>`
      select value from observation where indicator_key = 'conferences_thematic' and period = '2023-05-01'
        and unit_id = ${await unitId(code, '2023-05-01')}`.execute(t.database.db);
    expect(rows[0]!.value).toBe(42);

    // Semicolon, no BOM, matched by a name typed without diacritics.
    const semi = `Tên đơn vị;Kỳ (YYYY-MM);conferences_thematic\nphuong bich dao;2023-06;7\n`;
    const r2 = await upload(app, editor, URL_COMMIT, { filename: 'semi.csv', content: semi });
    expect(r2.statusCode, r2.body).toBe(200);
    expect(r2.json()).toMatchObject({ values_read: 1, committed: true });

    // The user's own headers, mapped explicitly.
    const own = `Unit,Month,Conf\n14332,2023-07,9\n`;
    const mapping = JSON.stringify({ code: 'Unit', period: 'Month', indicators: { conferences_thematic: 'Conf' } });
    const r3 = await upload(app, editor, URL_COMMIT, { filename: 'own.csv', content: own }, { mapping });
    expect(r3.statusCode, r3.body).toBe(200);
    expect(r3.json()).toMatchObject({ values_read: 1, committed: true });
  });

  it('rejects a corpus of bad files with a 4xx naming row and column, changing nothing', async () => {
    const h = `${HEAD},Số vụ [drug_cases]`;
    const hw = `${HEAD},Tổng số vụ [cases_total]`;
    // Neither UTF-8 nor text that reads as Vietnamese in Windows-1258, TCVN3 or VNI (those are read).
    const noEncoding = Buffer.concat([
      Buffer.from(`${HEAD},x [drug_cases]\n14332-01,`),
      Buffer.from([0x81, 0x8d, 0x8f, 0x90]),
      Buffer.from(',2024-01,3\n'),
    ]);
    const notZip = Buffer.concat([Buffer.from('this is not a zip '), randomBytes(2000)]);
    const junk = randomBytes(2 * 1024 * 1024 - 4096);
    const cases: {
      name: string;
      file: string | Buffer;
      filename?: string;
      status?: number;
      row?: number | null;
      column?: string | null;
      text: RegExp;
    }[] = [
      { name: 'ragged row', file: `${h}\n14332-01,Tổ dân phố 1,2024-01,3,99\n`, row: 2, text: /số cột|columns/ },
      {
        name: 'broken quoting',
        file: `${h}\n14332-01,"Tổ dân phố 1,2024-01,3\n14332-02,x,2024-01,1\n`,
        text: /ngoặc|quot|CSV/,
      },
      {
        name: 'bytes of no known encoding',
        file: noEncoding,
        row: 2,
        text: /not UTF-8 text \(line 2\).*choose the encoding/,
      },
      {
        name: 'formula injection',
        file: `${h}\n14332-01,"=HYPERLINK(""http://evil"",""x"")",2024-01,3\n`,
        row: 2,
        column: 'Tên đơn vị',
        text: /công thức|formula/,
      },
      {
        name: 'formula in value',
        file: `${h}\n14332-01,Tổ dân phố 1,2024-01,@SUM(A1)\n`,
        row: 2,
        column: 'Số vụ [drug_cases]',
        text: /formula/,
      },
      {
        name: 'negative count',
        file: `${h}\n14332-01,Tổ dân phố 1,2024-01,3\n14332-02,Tổ dân phố 2,2024-01,-2\n`,
        row: 3,
        column: 'Số vụ [drug_cases]',
        text: /≥ 0/,
      },
      {
        name: 'non-integer count',
        file: `${h}\n14332-01,Tổ dân phố 1,2024-01,2.5\n`,
        row: 2,
        column: 'Số vụ [drug_cases]',
        text: /whole number/,
      },
      {
        name: 'not a number',
        file: `${h}\n14332-01,Tổ dân phố 1,2024-01,abc\n`,
        row: 2,
        column: 'Số vụ [drug_cases]',
        text: /not a number/,
      },
      {
        name: 'unknown indicator column',
        file: `${HEAD},Chỉ tiêu lạ [no_such_thing]\n14332-01,x,2024-01,3\n`,
        row: 1,
        column: 'Chỉ tiêu lạ [no_such_thing]',
        text: /unknown indicator/,
      },
      {
        name: 'unrecognised column',
        file: `${HEAD},Ghi chú\n14332-01,x,2024-01,3\n`,
        row: 1,
        column: 'Ghi chú',
        text: /unknown column/,
      },
      {
        name: 'ratio column',
        file: `${HEAD},[cases_solved_rate]\n14332,x,2024-01,3\n`,
        row: 1,
        text: /numerator and denominator/,
      },
      {
        name: 'unknown unit code',
        file: `${h}\n99999-99,Tổ dân phố 1,2024-01,3\n`,
        row: 2,
        column: 'Mã đơn vị',
        text: /unknown unit code/,
      },
      {
        name: 'ambiguous name',
        file: `Tên đơn vị,Kỳ (YYYY-MM),Số vụ [drug_cases]\nTo dan pho 1,2024-01,3\n`,
        row: 2,
        column: 'Tên đơn vị',
        text: /ambiguous/,
      },
      {
        name: 'unmatched name',
        file: `Tên đơn vị,Kỳ (YYYY-MM),Số vụ [drug_cases]\nTổ không có,2024-01,3\n`,
        row: 2,
        column: 'Tên đơn vị',
        text: /unmatched/,
      },
      {
        name: 'period out of range',
        file: `${h}\n14332-01,x,1999-12,3\n`,
        row: 2,
        column: 'Kỳ (YYYY-MM)',
        text: /out of range/,
      },
      {
        name: 'future period',
        file: `${h}\n14332-01,x,2099-01,3\n`,
        row: 2,
        column: 'Kỳ (YYYY-MM)',
        text: /out of range/,
      },
      {
        name: 'bad period',
        file: `${h}\n14332-01,x,2024-13,3\n`,
        row: 2,
        column: 'Kỳ (YYYY-MM)',
        text: /invalid period/,
      },
      {
        name: 'entry level mismatch',
        file: `${hw}\n14332-01,x,2024-01,3\n`,
        row: 2,
        column: 'Tổng số vụ [cases_total]',
        text: /entry level/,
      },
      {
        name: 'numerator > denominator',
        file: `${HEAD},[households_registered_safe],[households]\n14332-01,x,2024-01,300,200\n`,
        row: 2,
        column: '[households_registered_safe]',
        text: /numerator exceeds/,
      },
      {
        name: 'numerator > stored denominator',
        file: `${HEAD},[households_registered_safe]\n14332-01,x,2024-01,999999\n`,
        row: 2,
        column: '[households_registered_safe]',
        text: /exceeds the stored denominator/,
      },
      {
        name: 'duplicate row',
        file: `${h}\n14332-01,x,2024-01,3\n14332-01,x,2024-01,4\n`,
        row: 3,
        text: /duplicate of row 2/,
      },
      {
        name: 'code not valid at period',
        file: `${hw}\n14332,x,2025-08,3\n`,
        row: 2,
        column: 'Mã đơn vị',
        text: /not valid in 2025-08/,
      },
      { name: '2 MB of junk', file: junk, text: /UTF-8|binary|CSV/ },
      { name: 'empty file', file: '', text: /empty/ },
      { name: 'header only', file: `${h}\n`, text: /no data rows/ },
      { name: 'XLSX that is not a zip', file: notZip, filename: 'bad.xlsx', text: /XLSX/ },
      {
        name: 'zip that is not a workbook',
        file: Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(500)]),
        filename: 'x.xlsx',
        text: /XLSX/,
      },
      { name: 'too large', file: randomBytes(3 * 1024 * 1024 + 10), status: 413, text: /limit/ },
    ];
    const before = await dataChecksum(t.database.db);
    for (const c of cases) {
      for (const url of [URL_DRY, URL_COMMIT]) {
        const res = await upload(app, editor, url, { filename: c.filename ?? 'bad.csv', content: c.file });
        const label = `${c.name} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, label).toBe(c.status ?? 400);
        const body = res.json() as { message: string; report?: Report };
        if (c.status === 413) {
          expect(body.message, label).toMatch(c.text);
          continue;
        }
        const e = body.report!.errors[0]!;
        expect(e.message, label).toMatch(c.text);
        if (c.row !== undefined) expect(e.row, label).toBe(c.row);
        if (c.column !== undefined) expect(e.column, label).toBe(c.column);
        expect(body.message, label).toContain('nothing written');
      }
    }
    expect(await dataChecksum(t.database.db)).toEqual(before);

    // A good row next to a bad one: nothing of the file is written.
    const mixed = `${h}\n14332-01,x,2024-02,77\n14332-02,x,2024-02,-1\n`;
    expect((await upload(app, editor, URL_COMMIT, { filename: 'mixed.csv', content: mixed })).statusCode).toBe(400);
    expect(await dataChecksum(t.database.db)).toEqual(before);

    // Not multipart, wrong field name, bad mapping: 4xx, never 500.
    const json = await editor.send('POST', URL_DRY, { file: 'x' });
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
    expect(json.statusCode).toBeLessThan(500);
    const { multipart } = await import('../helpers/upload.ts');
    const wrong = multipart({}, { field: 'upload', filename: 'a.csv', content: 'x' });
    const w = await app.inject({
      method: 'POST',
      url: URL_DRY,
      headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': wrong.contentType },
      payload: wrong.payload,
    });
    expect(w.statusCode).toBe(400);
    const badMap = await upload(app, editor, URL_DRY, { filename: 'a.csv', content: `${h}\n` }, { mapping: '{nope' });
    expect(badMap.statusCode).toBe(400);
    expect(badMap.json().report.errors[0].column).toBe('mapping');
    const missing = await upload(
      app,
      editor,
      URL_DRY,
      { filename: 'a.csv', content: `${h}\n` },
      { mapping: '{"code":"Nope"}' },
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.json().report.errors[0].message).toMatch(/no such column/);
    expect(await dataChecksum(t.database.db)).toEqual(before);
  });

  it('rejects formula cells in XLSX, malformed multipart bodies, and too many uploads a minute', async () => {
    const before = await dataChecksum(t.database.db);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['Mã đơn vị', 'Tên đơn vị', 'Kỳ (YYYY-MM)', 'Số vụ [drug_cases]']);
    ws.addRow(['14332-01', 'Tổ dân phố 1', '2024-01', 3]);
    ws.addRow(['14332-02', 'Tổ dân phố 2', '2024-01', { formula: 'HYPERLINK("http://evil","x")', result: 1 }]);
    const formula = await upload(app, editor, URL_COMMIT, {
      filename: 'f.xlsx',
      content: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(formula.statusCode).toBe(400);
    expect(formula.json().report.errors[0]).toMatchObject({ row: 3, column: 'Số vụ [drug_cases]' });
    ws.getRow(3).getCell(4).value = '=HYPERLINK("http://evil","x")';
    const text = await upload(app, editor, URL_COMMIT, {
      filename: 'f.xlsx',
      content: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    expect(text.statusCode).toBe(400);
    expect(text.json().report.errors[0]).toMatchObject({ row: 3, column: 'Số vụ [drug_cases]' });

    const junkBodies: { type: string; body: Buffer | string }[] = [
      { type: 'multipart/form-data', body: 'no boundary at all' },
      {
        type: 'multipart/form-data; boundary=xyz',
        body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\ntrunc',
      },
      { type: 'multipart/form-data; boundary=xyz', body: randomBytes(4096) },
      { type: 'multipart/form-data; boundary=xyz', body: '--xyz--\r\n' },
      {
        type: 'multipart/form-data; boundary=xyz',
        body: '--xyz\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n{}\r\n--xyz--\r\n',
      },
      { type: 'application/octet-stream', body: randomBytes(100) },
      { type: 'text/csv', body: 'a,b\n1,2\n' },
    ];
    for (const j of junkBodies) {
      const res = await app.inject({
        method: 'POST',
        url: URL_COMMIT,
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, 'content-type': j.type },
        payload: j.body,
      });
      expect(res.statusCode, `${j.type} → ${res.statusCode} ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${j.type} → ${res.body}`).toBeLessThan(500);
    }
    expect(await dataChecksum(t.database.db)).toEqual(before);

    const limited = await testApp(t.database, { IMPORT_RATE_LIMIT: '2' });
    try {
      const c = await signIn(limited, 'editor');
      const file = { filename: 'a.csv', content: `${HEAD},[drug_cases]\n14332-01,x,2024-01,3\n` };
      expect((await upload(limited, c, URL_DRY, file)).statusCode).toBe(200);
      expect((await upload(limited, c, URL_DRY, file)).statusCode).toBe(200);
      const third = await upload(limited, c, URL_DRY, file);
      expect(third.statusCode).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('roles and scope: viewers cannot import; a ward-scoped editor cannot write another ward', async () => {
    const viewer = await signIn(app, 'viewer');
    const file = { filename: 'a.csv', content: `${HEAD},[drug_cases]\n14332-01,x,2024-01,3\n` };
    expect((await upload(app, viewer, URL_DRY, file)).statusCode).toBe(403);
    expect((await viewer.get('/api/imports/indicators/template?indicators=drug_cases')).statusCode).toBe(403);

    const scoped = await signIn(app, 'editor', { wardCodes: ['14332'], at: '2017-12-31' });
    const before = await dataChecksum(t.database.db);
    const other = await upload(app, scoped, URL_COMMIT, {
      filename: 'b.csv',
      content: `${HEAD},[drug_cases]\n14332-01,x,2024-01,11\n14335-01,x,2024-01,12\n`,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().report.errors).toEqual([
      { row: 3, column: 'Mã đơn vị', message: expect.stringMatching(/outside your scope/) },
    ]);
    expect(await dataChecksum(t.database.db)).toEqual(before);
    const own = await upload(app, scoped, URL_COMMIT, {
      filename: 'c.csv',
      content: `${HEAD},[drug_cases]\n14332-01,x,2024-01,11\n`,
    });
    expect(own.statusCode, own.body).toBe(200);
    // Names are matched within the editor's scope: "Tổ dân phố 1" is unambiguous there.
    const byName = await upload(app, scoped, URL_DRY, {
      filename: 'd.csv',
      content: `Tên đơn vị,Kỳ (YYYY-MM),[drug_cases]\nto dan pho 1,2024-01,11\n`,
    });
    expect(byName.statusCode, byName.body).toBe(200);
    expect(byName.json()).toMatchObject({ values_read: 1, unchanged: 1 });
    const otherName = await upload(app, scoped, URL_DRY, {
      filename: 'e.csv',
      content: `Tên đơn vị,Kỳ (YYYY-MM),[cases_total]\nPhường Phúc Thành,2024-01,11\n`,
    });
    expect(otherName.statusCode).toBe(403);
    expect(otherName.json().report.errors[0].message).not.toMatch(/14335/);
    // The scoped template lists only the editor's own units.
    const tpl = await scoped.get('/api/imports/indicators/template?indicators=drug_cases&period=2024-01');
    const rows = csvRows(tpl.body).slice(1);
    expect(rows.length).toBeGreaterThan(3);
    for (const r of rows) expect(r[0]).toMatch(/^14332-/);
  });

  it('template: unknown indicator → 400; ratios expand to their parts', async () => {
    expect((await editor.get('/api/imports/indicators/template?indicators=nope')).statusCode).toBe(400);
    const r = await editor.get('/api/imports/indicators/template?indicators=cases_solved_rate');
    expect(r.statusCode).toBe(200);
    const head = csvRows(r.body)[0]!;
    expect(head.slice(3).map((x) => /\[(\w+)\]/.exec(x)?.[1])).toEqual(['cases_solved', 'cases_total']);
  });
});
