import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../server/auth/roles.ts';
import { testApp } from '../helpers/app.ts';
import { loginAs, signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';
import { sampleUrl, spellings } from '../helpers/routes.ts';

type Method = InjectOptions['method'];

/**
 * Issue #12, finding 1: access must not depend on how a URL is spelled. Every registered route ×
 * every principal (anonymous, each role, a ward-scoped user, an API token) × every spelling of its
 * path (percent-encoded letters in each segment and in all, mixed case, `//`, a trailing `/`, `/./`,
 * `%2e`, `/x/../`, `;` suffixes) must get the very answer the canonical path gets — status and body —
 * and HEAD and OPTIONS likewise. New routes are picked up automatically.
 *
 * Requests are made cheap on purpose (GET with an unknown query parameter, writes with an empty
 * body): a principal the rule admits gets the route's 400, the others 401/403, so what is compared is
 * the access decision itself, not a report's running time. A few GET routes are also compared with
 * their full 200 bodies.
 */
describe.each(BACKENDS)('route × principal × spelling on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const principals = new Map<
    string,
    (method: Method, url: string, payload?: unknown) => Promise<LightMyRequestResponse>
  >();
  const accounts = new Map<string, Client>();

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    principals.set('anonymous', (method, url, payload) =>
      app.inject({ method, url, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) }),
    );
    for (const role of ROLES) accounts.set(role, await signIn(app, role));
    accounts.set('viewer (Bích Đào)', await signIn(app, 'viewer', { wardCodes: ['14332'] }));
    for (const [name, c] of accounts) principals.set(name, (method, url, payload) => c.send(method, url, payload));
    const token = (await accounts.get('planner')!.send('POST', '/api/auth/tokens', { name: 'matrix' })).json().token;
    principals.set('planner API token', (method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      }),
    );
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  /** Logout ends the session it runs in: each of its requests gets a session of its own. */
  async function ask(principal: string, method: Method, url: string, payload?: unknown, endsSession = false) {
    const c = accounts.get(principal);
    if (c && endsSession) {
      const fresh = await loginAs(app, c.username, c.password);
      return fresh.send(method, url, payload);
    }
    return principals.get(principal)!(method, url, payload);
  }

  it('gives every spelling of every route the canonical answer, for every principal', async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const route of app.routeRules) {
      const url = sampleUrl(route.url);
      const isGet = route.method === 'GET';
      const cheap = isGet ? `${url}${url.includes('?') ? '&' : '?'}unexpected_param=1` : url;
      const payload = isGet ? undefined : {};
      const variants = spellings(route.url, cheap);
      const endsSession = route.url === '/api/auth/logout';
      for (const principal of principals.keys()) {
        // HEAD shares its GET route's rule and OPTIONS matches no route: asked by two principals, not all eight.
        const extra: Method[] =
          principal === 'anonymous' || principal === 'viewer' ? (isGet ? ['HEAD', 'OPTIONS'] : ['OPTIONS']) : [];
        const methods: Method[] = [route.method as Method, ...extra];
        for (const method of methods) {
          const body = method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? undefined : payload;
          const canonical = await ask(principal, method, cheap, body, endsSession);
          for (const v of variants) {
            const res = await ask(principal, method, v, body, endsSession);
            compared++;
            if (res.statusCode !== canonical.statusCode || res.body !== canonical.body) {
              mismatches.push(
                `${principal} ${method} ${v}: ${res.statusCode} ${res.body.slice(0, 80)} ≠ ${canonical.statusCode} ${canonical.body.slice(0, 80)}`,
              );
            }
          }
          // The decision itself, on the canonical path: anonymous callers never pass a guarded rule.
          if (principal === 'anonymous' && route.access !== 'public' && method !== 'OPTIONS') {
            expect(canonical.statusCode, `${method} ${route.url}`).toBe(401);
          }
        }
      }
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(5000);
  }, 900_000);

  it('serves the same data under every spelling (full 200 bodies)', async () => {
    const admin = accounts.get('admin')!;
    for (const [pattern, url] of [
      ['/api/admin/users', '/api/admin/users'],
      ['/api/indicators', '/api/indicators'],
      ['/api/hotspots', '/api/hotspots?at=2017-12-31'],
      ['/api/plans', '/api/plans'],
    ] as const) {
      const canonical = await admin.get(url);
      expect(canonical.statusCode, url).toBe(200);
      for (const v of spellings(pattern, url)) {
        const res = await admin.get(v);
        expect(res.statusCode, v).toBe(200);
        expect(res.body, v).toBe(canonical.body);
      }
    }
  });
});
