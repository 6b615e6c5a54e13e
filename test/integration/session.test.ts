import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

describe.each(BACKENDS)('sessions, passwords and audit on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('sets an httpOnly, SameSite=Strict session cookie and stores only its hash', async () => {
    const c = await signIn(app, 'viewer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.username, password: c.password },
    });
    const cookie = res.cookies.find((x) => x.name === 'atlas_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    const rows = await t.database.db.selectFrom('user_session').select('id').execute();
    expect(rows.some((r) => r.id === cookie.value)).toBe(false);
    expect((await me(`atlas_session=${cookie.value}`)).json().user.username).toBe(c.username);
  });

  it('rejects wrong passwords, forged, expired, idle and revoked sessions', async () => {
    const c = await signIn(app, 'planner');
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.username, password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(401);
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toBe(wrong.json().message);

    expect((await me('atlas_session=forged-value')).statusCode).toBe(401);
    expect((await me(`${c.cookie}x`)).statusCode).toBe(401);

    const expired = await loginAs(app, c.username, c.password);
    await sql`update user_session set expires_at = now() - interval '1 minute' where revoked_at is null and user_id = ${c.userId}`.execute(
      t.database.db,
    );
    expect((await me(expired.cookie)).statusCode).toBe(401);

    const idle = await loginAs(app, c.username, c.password);
    await sql`update user_session set last_seen_at = now() - interval '3 hours' where revoked_at is null and user_id = ${c.userId}`.execute(
      t.database.db,
    );
    expect((await me(idle.cookie)).statusCode).toBe(401);

    const live = await loginAs(app, c.username, c.password);
    expect((await me(live.cookie)).statusCode).toBe(200);
    expect((await live.send('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await me(live.cookie)).statusCode).toBe(401);
  });

  it('with SESSION_CACHE_MS a revocation written outside the servers (psql) waits for the cache; sign-out and user edits act at once', async () => {
    const cached = await testApp(t.database, { SESSION_CACHE_MS: '5000' });
    const meCached = (cookie: string) => cached.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    try {
      const c = await signIn(cached, 'viewer');
      expect((await meCached(c.cookie)).statusCode).toBe(200);
      // Revoked straight in the database, by no server process: no event says so. (Revocations by
      // another server process reach this one over LISTEN/NOTIFY: test/integration/processes.test.ts.)
      await sql`update user_session set revoked_at = now() where user_id = ${c.userId}`.execute(t.database.db);
      expect((await me(c.cookie)).statusCode).toBe(401);
      expect((await meCached(c.cookie)).statusCode).toBe(200);

      const live = await loginAs(cached, c.username, c.password);
      expect((await meCached(live.cookie)).statusCode).toBe(200);
      expect((await live.send('POST', '/api/auth/logout')).statusCode).toBe(204);
      expect((await meCached(live.cookie)).statusCode).toBe(401);

      const again = await loginAs(cached, c.username, c.password);
      expect((await meCached(again.cookie)).statusCode).toBe(200);
      const admin = await signIn(cached, 'admin');
      expect((await admin.send('PATCH', `/api/admin/users/${c.userId}`, { disabled: true })).statusCode).toBe(200);
      expect((await meCached(again.cookie)).statusCode).toBe(401);
    } finally {
      await cached.close();
    }
  });

  it('a password change signs out the other sessions; disabling a user ends theirs', async () => {
    const c = await signIn(app, 'editor');
    const other = await loginAs(app, c.username, c.password);
    const change = await c.send('POST', '/api/auth/password', {
      current_password: c.password,
      new_password: 'a-new-long-passphrase',
    });
    expect(change.statusCode).toBe(204);
    expect((await me(c.cookie)).statusCode).toBe(200);
    expect((await me(other.cookie)).statusCode).toBe(401);
    const relogin = await loginAs(app, c.username, 'a-new-long-passphrase');

    const admin = await signIn(app, 'admin');
    const disable = await admin.send('PATCH', `/api/admin/users/${c.userId}`, { disabled: true });
    expect(disable.statusCode).toBe(200);
    expect((await me(relogin.cookie)).statusCode).toBe(401);
    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: c.username, password: 'a-new-long-passphrase' },
    });
    expect(again.statusCode).toBe(401);
  });

  it('audits logins, failed logins and user changes with before and after', async () => {
    const admin = await signIn(app, 'admin');
    const created = await admin.send('POST', '/api/admin/users', {
      username: 'audit.subject',
      display_name: 'Đối tượng kiểm tra',
      role: 'viewer',
      password: 'long-enough-pw',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    await admin.send('PATCH', `/api/admin/users/${id}`, { role: 'planner', display_name: 'Cán bộ kế hoạch' });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'audit.subject', password: 'nope' },
    });
    await loginAs(app, 'audit.subject', 'long-enough-pw');
    const log = (await admin.get(`/api/admin/audit?entity_type=user&entity_id=${id}`)).json() as {
      action: string;
      user_id: number | null;
      before: { role: string } | null;
      after: { role: string; display_name: string } | null;
    }[];
    const actions = log.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.create', 'user.update', 'auth.login']));
    const update = log.find((e) => e.action === 'user.update')!;
    expect(update.before?.role).toBe('viewer');
    expect(update.after?.role).toBe('planner');
    expect(update.after?.display_name).toBe('Cán bộ kế hoạch');
    expect(update.user_id).toBe(admin.userId);
    expect(JSON.stringify(log)).not.toContain('argon2');
    await app.services.refusals.flush();
    const failed = (await admin.get('/api/admin/audit?action=auth.login_failed')).json() as {
      after: { username: string };
    }[];
    expect(failed.some((e) => e.after.username === 'audit.subject')).toBe(true);
  });

  it('rate-limits logins per client address', async () => {
    const limited = await testApp(t.database, { LOGIN_RATE_LIMIT: '3' });
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await limited.inject({
        method: 'POST',
        url: '/api/auth/login',
        // A different name each time: the per-account limit has its own test (security-findings).
        payload: { username: `x${i}`, password: 'y' },
        remoteAddress: '10.9.8.7',
      });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 429, 429]);
    await limited.close();
  });
});
