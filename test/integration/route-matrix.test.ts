import type { FastifyInstance, HTTPMethods, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../server/auth/roles.ts';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn, type Client } from '../helpers/auth.ts';
import { openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { sampleUrl } from '../helpers/routes.ts';

/**
 * Every route Fastify registered under /api, /tiles or /ogc, against every principal: anonymous,
 * each role. A route with no rule cannot even register (the app refuses to start), and a route whose
 * rule is not honoured fails here. New routes are picked up automatically.
 */
describe('route × role matrix (PGlite)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const accounts = new Map<Role, { username: string; password: string }>();

  beforeAll(async () => {
    t = await openDemoDatabase('pglite');
    app = await testApp(t.database);
    for (const role of ROLES) {
      const c = await signIn(app, role);
      accounts.set(role, { username: c.username, password: c.password });
    }
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('knows every guarded route', () => {
    expect(app.routeRules.length).toBeGreaterThanOrEqual(14);
    // Asked of the router itself: the printed tree splits shared prefixes (`/annual` + `.xlsx`).
    for (const r of app.routeRules) {
      expect(app.hasRoute({ method: r.method as HTTPMethods, url: r.url }), `${r.method} ${r.url}`).toBe(true);
    }
  });

  it('answers 401 to anonymous callers of every non-public route', async () => {
    for (const r of app.routeRules) {
      const res = await app.inject({ method: r.method as InjectOptions['method'], url: sampleUrl(r.url) });
      if (r.access === 'public') expect([401, 403], `${r.method} ${r.url}`).not.toContain(res.statusCode);
      else expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('lets each role through exactly the routes its rule allows', async () => {
    for (const r of app.routeRules) {
      if (r.access === 'public') continue;
      for (const role of ROLES) {
        const a = accounts.get(role)!;
        // A fresh session per call: some routes (logout, password) end the session they run in.
        const client: Client = await loginAs(app, a.username, a.password);
        const res = await client.send(
          r.method as InjectOptions['method'],
          sampleUrl(r.url),
          r.method === 'GET' ? undefined : {},
        );
        const label = `${role} ${r.method} ${r.url} → ${res.statusCode} ${res.body.slice(0, 120)}`;
        if (r.access.includes(role)) {
          expect([401, 403], label).not.toContain(res.statusCode);
          expect(res.statusCode, label).toBeLessThan(500);
        } else {
          expect(res.statusCode, label).toBe(403);
        }
      }
    }
    // A sign-in per request (argon2) for every route and role: minutes on a loaded machine.
  }, 300_000);

  it('refuses state-changing requests from a cookie session without the CSRF token', async () => {
    const a = accounts.get('admin')!;
    const client = await loginAs(app, a.username, a.password);
    const writes = app.routeRules.filter((r) => r.method !== 'GET' && r.access !== 'public');
    expect(writes.length).toBeGreaterThan(3);
    for (const r of writes) {
      const res = await app.inject({
        method: r.method as InjectOptions['method'],
        url: sampleUrl(r.url),
        headers: { cookie: client.cookie },
        payload: {},
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(res.json().message).toContain('CSRF');
      const forged = await app.inject({
        method: r.method as InjectOptions['method'],
        url: sampleUrl(r.url),
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrf.slice(0, -2) + 'xx' },
        payload: {},
      });
      expect(forged.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('refuses to start when a guarded route has no access rule', async () => {
    const { buildApp } = await import('../../server/app.ts');
    const { loadConfig } = await import('../../server/config.ts');
    const bad = await buildApp({ config: loadConfig({ WEB_DIST: '/nonexistent' }), database: t.database });
    expect(() => bad.get('/api/forgotten', async () => ({ leaked: true }))).toThrow(/no access rule/);
    await bad.close();
  });
});
