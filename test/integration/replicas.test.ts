import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartClusters, startPrimary, startReplica, type Cluster } from '../helpers/pg-cluster.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const ADMIN_PASSWORD = 'replica-test-admin-pw';
const MAX_LAG_MS = 1500;

interface Health {
  databases: { role: string; name: string; state: string; lag_ms: number }[];
}

/** Cookies as a browser keeps them: the session, its CSRF token, and the last write's LSN. */
class Browser {
  cookies = new Map<string, string>();
  csrf = '';
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), cookie, 'x-csrf-token': this.csrf },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  async signIn(base: string) {
    const res = await this.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    expect(res.status).toBe(200);
    this.csrf = ((await res.json()) as { csrf_token: string }).csrf_token;
  }
  setPlace(base: string, name: string) {
    return this.fetch(`${base}/api/settings/place`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name_vi: name, name_en: name }),
    });
  }
}

const placeName = async (res: Response) => {
  expect(res.status).toBe(200);
  return ((await res.json()) as { name_vi: string }).name_vi;
};

async function until(ok: () => Promise<boolean>, limitMs: number): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A primary and a streaming replica (PostgreSQL 15, `pg_basebackup -R`) on loopback, and two server
 * processes reading from the replica: reads go to the replica, a session reads its own writes
 * through the other process (by LSN), a lagging or stopped replica is skipped.
 */
describe.skipIf(!canStartClusters() || !process.env.DATABASE_URL)(
  'a primary, a streaming replica, two server processes',
  () => {
    let primary: Cluster | undefined;
    let replica: Cluster | undefined;
    let a: ServerProcess | undefined;
    let b: ServerProcess | undefined;
    let replicaSql: pg.Client | undefined;
    const browser = new Browser();
    let token = '';
    const byToken = (base: string, path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const health = async (p: ServerProcess) => (await (await fetch(`${p.url}/api/health`)).json()) as Health;

    beforeAll(async () => {
      primary = startPrimary(39351);
      const admin = new pg.Client(primary.url());
      await admin.connect();
      await admin.query('create database atlas');
      await admin.end();
      replica = startReplica(primary, 39352);
      replicaSql = new pg.Client(replica.url('atlas'));
      await replicaSql.connect();
      const env = {
        DATABASE_URL: primary.url('atlas'),
        DATABASE_REPLICA_URLS: replica.url('atlas'),
        REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
        DEMO_DATA: 'false',
        ADMIN_PASSWORD,
        WORKERS: '1',
      };
      a = await startServerProcess(env, 39353);
      b = await startServerProcess(env, 39354);
      await browser.signIn(a.url);
      const t = await browser.fetch(`${a.url}/api/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'replica test' }),
      });
      expect(t.status).toBe(201);
      token = ((await t.json()) as { token: string }).token;
    }, 240_000);

    afterAll(async () => {
      await replicaSql?.end().catch(() => {});
      await a?.kill();
      await b?.kill();
      replica?.remove();
      primary?.remove();
    });

    it('reports the primary and the replica in /api/health', async () => {
      for (const p of [a!, b!]) {
        const h = await health(p);
        expect(h.databases.map((d) => `${d.role}:${d.state}`)).toEqual(['primary:ok', 'replica:ok']);
      }
    });

    it('sends reads to the replica, and a session reads its own write through the other process', async () => {
      const runtime = async () =>
        ((await (await browser.fetch(`${b!.url}/api/admin/runtime`)).json()) as { queries: { replicas: number[] } })
          .queries.replicas[0]!;
      const before = await runtime();
      await byToken(b!.url, '/api/place');
      expect(await runtime()).toBeGreaterThan(before);

      // The replica stops replaying: what it serves is frozen from now on.
      await replicaSql!.query('select pg_wal_replay_pause()');
      expect((await browser.setPlace(a!.url, 'Tên mới')).status).toBe(200);
      // The writer, through the other process: its LSN cookie sends the read to the primary.
      expect(await placeName(await browser.fetch(`${b!.url}/api/place`))).toBe('Tên mới');
      // A client that has not written (a token, no cookie) reads the replica, which has not replayed it…
      expect(await placeName(await byToken(b!.url, '/api/place'))).not.toBe('Tên mới');
      // …until the replica has been behind for longer than the bound: then it is skipped.
      await until(async () => (await health(b!)).databases[1]!.state === 'lagging', 10_000);
      expect(await placeName(await byToken(b!.url, '/api/place'))).toBe('Tên mới');

      await replicaSql!.query('select pg_wal_replay_resume()');
      await until(async () => (await health(b!)).databases[1]!.state === 'ok', 10_000);
      expect(await placeName(await byToken(b!.url, '/api/place'))).toBe('Tên mới');
    });

    it('a stopped replica is skipped: reads keep working from the primary', async () => {
      await replicaSql!.end();
      replicaSql = undefined;
      replica!.stop('immediate');
      // At once (before the next poll notices), and after it.
      expect(await placeName(await byToken(b!.url, '/api/place'))).toBe('Tên mới');
      await until(async () => (await health(b!)).databases[1]!.state === 'down', 5_000);
      for (let i = 0; i < 10; i++)
        expect((await byToken(b!.url, '/api/boundaries/versions?level=ward')).status).toBe(200);
    });
  },
);
