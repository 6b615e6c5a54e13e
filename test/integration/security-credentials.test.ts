import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

/** Findings 4 and 5 of issue #12 (credentials, limits, refusals and exports in the audit log), on both databases. */
describe.each(BACKENDS)('security findings 4–5: credentials and audit on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: Client;
  const login = (username: string, password: string, ip = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
  const bearer = (token: string) =>
    app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
  const audit = async (query: string) => {
    await app.services.refusals.flush();
    return (await admin.get(`/api/admin/audit?${query}`)).json() as {
      action: string;
      user_id: number | null;
      entity_type: string;
      entity_id: string | null;
      after: Record<string, unknown>;
    }[];
  };
  /** Pretends the last failure was long ago, so the next attempt is past its delay. */
  const waitOut = (username: string) =>
    sql`update login_throttle set last_failed_at = now() - interval '1 day' where key = ${`user:${username}`}`.execute(
      t.database.db,
    );

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { LOGIN_RATE_LIMIT: '10000' });
    admin = await signIn(app, 'admin');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  describe('finding 4: API tokens survived a password change and a reset; tokens could live forever', () => {
    it('a password change revokes the user’s API tokens, and says so in the audit log', async () => {
      const c = await signIn(app, 'planner');
      const token = (await c.send('POST', '/api/auth/tokens', { name: 'QGIS' })).json().token as string;
      expect((await bearer(token)).statusCode).toBe(200);
      const change = await c.send('POST', '/api/auth/password', {
        current_password: c.password,
        new_password: 'kế hoạch chuyển hóa năm sau',
      });
      expect(change.statusCode).toBe(204);
      expect((await bearer(token)).statusCode).toBe(401);
      const entry = (await audit(`action=auth.password_change&entity_id=${c.userId}`))[0]!;
      expect(entry.after).toMatchObject({ password: 'changed', tokens_revoked: 1 });
    });

    it('an administrator’s password reset revokes them too', async () => {
      const c = await signIn(app, 'viewer');
      const token = (await c.send('POST', '/api/auth/tokens', { name: 'script' })).json().token as string;
      expect((await bearer(token)).statusCode).toBe(200);
      const reset = await admin.send('PATCH', `/api/admin/users/${c.userId}`, {
        password: 'mật khẩu mới do quản trị đặt',
      });
      expect(reset.statusCode).toBe(200);
      expect((await bearer(token)).statusCode).toBe(401);
      expect((await bearer(token)).json().code).toBe('auth.invalid_token');
    });

    it('every token expires: by default after the maximum lifetime, never later; the administrator sets it', async () => {
      const c = await signIn(app, 'viewer');
      const made = (await c.send('POST', '/api/auth/tokens', { name: 'default' })).json();
      const days = (Date.parse(made.expires_at) - Date.now()) / 86400_000;
      expect(days).toBeGreaterThan(89.9);
      expect(days).toBeLessThanOrEqual(90);
      const tooLong = await c.send('POST', '/api/auth/tokens', { name: 'forever', expires_in_days: 3650 });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json()).toMatchObject({ code: 'auth.token_lifetime_too_long', params: { max_days: 90 } });
      const rows = await sql<{ n: number }>`select count(*)::int as n from api_token where expires_at is null`.execute(
        t.database.db,
      );
      expect(rows.rows[0]!.n).toBe(0);

      // The administrator shortens it to 30 days: a token older than that stops working at once.
      expect((await admin.send('PUT', '/api/settings/security', { token_max_days: 30 })).statusCode).toBe(200);
      expect((await c.get('/api/settings/security')).json()).toEqual({ token_max_days: 30 });
      await sql`update api_token set created_at = now() - interval '40 days' where id = ${made.id}`.execute(
        t.database.db,
      );
      expect((await bearer(made.token)).statusCode).toBe(401);
      const shorter = (await c.send('POST', '/api/auth/tokens', { name: 'short' })).json();
      expect((Date.parse(shorter.expires_at) - Date.now()) / 86400_000).toBeLessThanOrEqual(30);
      expect((await admin.send('PUT', '/api/settings/security', { token_max_days: 90 })).statusCode).toBe(200);
      expect((await audit('action=settings.security'))[0]!.after).toEqual({ token_max_days: 90 });
    });
  });

  describe('finding 5: sign-in limits, passwords, scoped administrators', () => {
    it('50 guesses at one account from five addresses: 3 are tried, then each must wait, then the account locks', async () => {
      const victim = await signIn(app, 'commander');
      const codes: number[] = [];
      const started = performance.now();
      for (let i = 0; i < 50; i++)
        codes.push((await login(victim.username, `guess-${i}`, `10.0.0.${i % 5}`)).statusCode);
      const seconds = (performance.now() - started) / 1000;
      expect(codes.slice(0, 4)).toEqual([401, 401, 401, 429]);
      // The waits double (2 s, 4 s, 8 s…): in t seconds at most 3 + log2(t / 2 + 1) + 1 guesses are tried,
      // however slow the machine running the 50.
      const tried = codes.filter((c) => c === 401).length;
      expect(tried).toBeLessThanOrEqual(3 + Math.ceil(Math.log2(seconds / 2 + 1)) + 1);
      expect(codes.filter((c) => c === 429).length).toBe(50 - tried);
      const waiting = await login(victim.username, 'guess', '10.0.0.9');
      expect(waiting.json()).toMatchObject({ code: 'auth.login_delayed' });
      expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
      // Even the right password waits its turn.
      expect((await login(victim.username, victim.password)).statusCode).toBe(429);

      // Waiting each delay out, the 10th failure locks the account; then even the right password is refused.
      for (let i = tried; i < 10; i++) {
        await waitOut(victim.username);
        expect((await login(victim.username, `guess-${i}`)).statusCode).toBe(401);
      }
      await waitOut(victim.username);
      const locked = await login(victim.username, victim.password);
      expect(locked.statusCode).toBe(423);
      expect(locked.json().code).toBe('auth.account_locked');
      expect((await audit(`action=auth.account_locked&entity_id=${victim.userId}`)).length).toBe(1);

      // The administrator sees the lock and lifts it (audited); the right password works again.
      const listed = (await admin.get('/api/admin/users')).json().find((u: { id: number }) => u.id === victim.userId);
      expect(listed.locked).toBe(true);
      const unlock = await admin.send('POST', `/api/admin/users/${victim.userId}/unlock`);
      expect(unlock.statusCode).toBe(200);
      expect(unlock.json().locked).toBe(false);
      expect((await audit(`action=user.unlock&entity_id=${victim.userId}`))[0]!.after).toEqual({ locked: false });
      expect((await login(victim.username, victim.password)).statusCode).toBe(200);
    });

    it('parallel guesses cannot all slip past the count: at most the free attempts reach the password check', async () => {
      const victim = await signIn(app, 'planner');
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => login(victim.username, `parallel-${i}`, `10.1.0.${i}`)),
      );
      expect(answers.filter((a) => a.statusCode === 401).length).toBeLessThanOrEqual(3);
      expect(answers.filter((a) => a.statusCode === 429).length).toBeGreaterThanOrEqual(17);
    });

    it('failed attempts do not tell whether the account exists: same answers, same sequence, same cost', async () => {
      const real = await signIn(app, 'viewer');
      const sequence = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i < 5; i++) {
          const res = await login(username, `wrong-${i}`, `10.2.0.${i}`);
          out.push(`${res.statusCode} ${res.json().code} ${res.json().message}`);
        }
        return out;
      };
      expect(await sequence('khong.ton.tai')).toEqual(await sequence(real.username));

      // An unknown name costs a password hash too (a dummy one): not answered in a fraction of the time.
      const time = async (username: string) => {
        const ms: number[] = [];
        for (let i = 0; i < 3; i++) {
          await sql`delete from login_throttle`.execute(t.database.db);
          const started = performance.now();
          await login(username, 'sai-mat-khau-roi', `10.3.0.${i}`);
          ms.push(performance.now() - started);
        }
        return ms.sort((a, b) => a - b)[1]!;
      };
      const unknown = await time('ai.do.khong.co');
      const known = await time(real.username);
      expect(unknown / known).toBeGreaterThan(0.3);
    });

    it('passwords: at least 12 characters, not a common one; Vietnamese passphrases welcome', async () => {
      const attempt = (password: string, username = `pw.${Math.random().toString(36).slice(2, 8)}`) =>
        admin.send('POST', '/api/admin/users', { username, display_name: 'Mật khẩu', role: 'viewer', password });
      for (const [password, code] of [
        ['aaaaaaaaaa', 'auth.password_too_short'],
        ['aaaaaaaaaaaa', 'auth.password_too_repetitive'],
        ['password1234', 'auth.password_too_common'],
        ['123456789012', 'auth.password_too_common'],
      ] as const) {
        const res = await attempt(password);
        expect(res.statusCode, password).toBe(400);
        expect(res.json(), password).toMatchObject({ code, field: 'password' });
      }
      const phrase = 'Đêm trăng rằm bên hồ Kỳ Lân';
      const ok = await attempt(phrase, 'pw.tiengviet');
      expect(ok.statusCode).toBe(201);
      // Typed decomposed on another keyboard: still the same password.
      expect((await login('pw.tiengviet', phrase.normalize('NFD'))).statusCode).toBe(200);
      const c = await signIn(app, 'viewer');
      const weak = await c.send('POST', '/api/auth/password', {
        current_password: c.password,
        new_password: 'qwerty123456',
      });
      expect(weak.json()).toMatchObject({ statusCode: 400, code: 'auth.password_too_common', field: 'new_password' });
    });

    it('an administrator limited to a ward cannot widen their own scope or role, nor reach it through others', async () => {
      const scoped = await signIn(app, 'admin', { wardCodes: ['14332'] });
      const [bichDao] = await app.services.units.idsByCode(['14332'], '2017-12-31');
      const [other] = await app.services.units.idsByCode(['14335'], '2017-12-31');
      expect(other).toBeDefined();
      const self = `/api/admin/users/${scoped.userId}`;
      for (const body of [{ scope_unit_ids: [] }, { scope_unit_ids: [bichDao, other] }, { role: 'admin' }]) {
        const res = await scoped.send('PATCH', self, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(403);
        expect(res.json().code).toBe('user.cannot_change_own_access');
      }
      const user = { display_name: 'x', role: 'admin', password: 'mot cau mat khau dai' };
      for (const scope of [[], [other]]) {
        const res = await scoped.send('POST', '/api/admin/users', {
          ...user,
          username: `w${scope.length}.x`,
          scope_unit_ids: scope,
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('user.scope_outside_yours');
      }
      const inside = await scoped.send('POST', '/api/admin/users', {
        ...user,
        username: 'ward.admin2',
        scope_unit_ids: [bichDao],
      });
      expect(inside.statusCode).toBe(201);
      // The city-wide admin is invisible to them: no reset of its password, no unlock, not in the list.
      for (const [method, url, body] of [
        ['PATCH', `/api/admin/users/${admin.userId}`, { password: 'chiem quyen quan tri' }],
        ['POST', `/api/admin/users/${admin.userId}/unlock`, undefined],
      ] as const) {
        const res = await scoped.send(method, url, body);
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('user.not_found');
      }
      const listed = (await scoped.get('/api/admin/users')).json() as { id: number; scope_unit_ids: number[] }[];
      expect(listed.map((u) => u.id)).not.toContain(admin.userId);
      for (const u of listed) expect(u.scope_unit_ids.length).toBeGreaterThan(0);
      // What reaches everyone is for administrators of the whole area.
      expect((await scoped.send('PUT', '/api/settings/security', { token_max_days: 3650 })).json().code).toBe(
        'auth.whole_area_required',
      );
      expect(
        (await scoped.send('PUT', '/api/settings/export', { classification: 'x', source: '', attribution: '' }))
          .statusCode,
      ).toBe(403);
      expect(
        (await scoped.send('POST', '/api/admin/remove-demo', { confirm: 'XOA DU LIEU MINH HOA' })).statusCode,
      ).toBe(403);
      // Their audit log holds what they and their accounts did, not the city's.
      const seen = (await scoped.get('/api/admin/audit?limit=1000')).json() as { user_id: number | null }[];
      const mine = new Set(listed.map((u) => u.id));
      for (const e of seen) expect(e.user_id !== null && mine.has(e.user_id)).toBe(true);
    });
  });

  describe('audit: refusals counted and sampled, exports recorded', () => {
    it('a flood of CSRF refusals adds a bounded number of rows, with the counts', async () => {
      await app.services.refusals.flush();
      const before = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db))
        .rows[0]!.n;
      const c = await signIn(app, 'editor');
      for (let i = 0; i < 200; i++) {
        const res = await app.inject({
          method: 'PUT',
          url: '/api/observations',
          headers: { cookie: c.cookie },
          payload: {},
          remoteAddress: `10.4.${i >> 8}.${i & 255}`,
        });
        expect(res.statusCode).toBe(403);
      }
      await app.services.refusals.flush();
      const rows = await sql<{ action: string; after: { counts?: Record<string, number>; kind?: string } }>`
        select action, after from audit_log order by id desc limit 100`.execute(t.database.db);
      const after = (await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.database.db)).rows[0]!
        .n;
      // One login row, at most 20 single refusals and one summary per window (two if a minute turned).
      expect(after - before).toBeLessThanOrEqual(1 + 2 * 21);
      const summary = rows.rows.find((r) => r.action === 'security.refusals')!;
      expect(summary.after.counts?.csrf).toBeGreaterThan(0);
      expect(rows.rows.some((r) => r.action === 'security.refused' && r.after.kind === 'csrf')).toBe(true);
      const runtime = (await admin.get('/api/admin/runtime')).json();
      expect(runtime.refusals.csrf).toBeGreaterThanOrEqual(200);
      expect(runtime.event_loop.max_ms).toBeGreaterThanOrEqual(0);
    });

    it('XLSX, CSV, PNG and PDF exports are recorded with who, what and when', async () => {
      const c = await signIn(app, 'commander');
      const plan = (
        await (await signIn(app, 'planner')).send('POST', '/api/plans', { name: 'Xuất thử', year: 2018 })
      ).json();
      expect((await c.get(`/api/plans/${plan.id}/export?format=csv`)).statusCode).toBe(200);
      expect((await c.get('/api/summary/annual.xlsx?year=2017')).statusCode).toBe(200);
      const png = await c.send('POST', '/api/exports', {
        format: 'png',
        kind: 'map',
        title: 'Tỷ lệ hộ an toàn, 12/2017',
        file_name: 'ban-do.png',
        paper: 'A3 300 dpi',
      });
      expect(png.statusCode).toBe(204);
      const pdf = await c.send('POST', '/api/exports', {
        format: 'pdf',
        kind: 'atlas',
        title: 'Atlas',
        file_name: 'atlas.pdf',
        pages: 14,
      });
      expect(pdf.statusCode).toBe(204);
      const rows = (await audit(`user_id=${c.userId}`)).filter((r) => r.action.startsWith('export.'));
      expect(rows.map((r) => r.action).sort()).toEqual(['export.csv', 'export.pdf', 'export.png', 'export.xlsx']);
      expect(rows.find((r) => r.action === 'export.png')!.after).toMatchObject({
        title: 'Tỷ lệ hộ an toàn, 12/2017',
        scope: 'all',
      });
      expect(rows.find((r) => r.action === 'export.csv')).toMatchObject({
        entity_type: 'plan',
        entity_id: String(plan.id),
      });
      // A viewer may export what they see, but not announce another format than a picture or a PDF.
      expect(
        (await c.send('POST', '/api/exports', { format: 'xlsx', kind: 'map', title: '', file_name: '' })).statusCode,
      ).toBe(400);
    });

    it('a fresh session after the failures still signs in (the address limit counts attempts, not successes)', async () => {
      const limited = await testApp(t.database, { LOGIN_RATE_LIMIT: '3' });
      try {
        const c = await signIn(app, 'viewer');
        for (let i = 0; i < 6; i++) {
          const res = await limited.inject({
            method: 'POST',
            url: '/api/auth/login',
            payload: { username: c.username, password: c.password },
            remoteAddress: '10.5.0.1',
          });
          expect(res.statusCode).toBe(200);
        }
        expect((await loginAs(app, c.username, c.password)).userId).toBe(c.userId);
      } finally {
        await limited.close();
      }
    });
  });
});
