import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connectPostgres } from '../../server/db/database.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { ROOT } from '../helpers/template.ts';

const ADMIN_PASSWORD = 'two-process-admin-pw';
const url = process.env.DATABASE_URL;

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string, username = 'admin', password = ADMIN_PASSWORD): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = /atlas_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  return { cookie: `atlas_session=${cookie}`, csrf: ((await res.json()) as { csrf_token: string }).csrf_token };
}

const get = (base: string, s: Session, path: string) => fetch(`${base}${path}`, { headers: { cookie: s.cookie } });
const send = (base: string, s: Session, method: string, path: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

/** Polls until `ok` holds; returns how long it took (ms), or fails after `limitMs`. */
async function until(ok: () => Promise<boolean>, limitMs: number): Promise<number> {
  const start = performance.now();
  for (;;) {
    if (await ok()) return performance.now() - start;
    if (performance.now() - start > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Two server processes on one PostgreSQL, as behind a load balancer: caches in each (sessions for a
 * minute, here) stay coherent because the domain events travel over LISTEN/NOTIFY. Without that,
 * process B would keep answering a signed-out session from its cache for SESSION_CACHE_MS.
 */
describe.skipIf(!url)('two server processes on one PostgreSQL', () => {
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let c: ServerProcess | undefined;
  let dbName = '';
  let admin: ReturnType<typeof connectPostgres> | undefined;

  beforeAll(async () => {
    admin = connectPostgres(url!, 1);
    dbName = `atlas_p_${randomBytes(5).toString('hex')}`;
    await sql`create database ${sql.id(dbName)} template ${sql.id(inject('postgresTemplate')!)}`.execute(admin.db);
    const dbUrl = new URL(url!);
    dbUrl.pathname = `/${dbName}`;
    const env = { DATABASE_URL: dbUrl.toString(), ADMIN_PASSWORD, SESSION_CACHE_MS: '60000', WORKERS: '1' };
    a = await startServerProcess(env, 39331);
    b = await startServerProcess(env, 39332);
    c = await startServerProcess({ ...env, WORKERS: '2' }, 39333);
    // The cluster answers once its first worker listens; the second starts only then (it takes a
    // while on a loaded CI machine): wait for the primary to say both are up.
    await until(async () => c!.output().includes('server processes'), 300_000);
  }, 600_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await c?.kill();
    if (admin) {
      await sql`drop database if exists ${sql.id(dbName)} with (force)`.execute(admin.db);
      await admin.close();
    }
  });

  it('each listens to the other', async () => {
    const s = await signIn(a!.url);
    for (const p of [a!, b!]) {
      const r = (await (await get(p.url, s, '/api/admin/runtime')).json()) as { events: string; pid: number };
      expect(r.events).toBe('listening');
      expect(r.pid).toBe(p.child.pid);
    }
  });

  it('a sign-out through one process locks the session out of the other at once, its cache notwithstanding', async () => {
    const s = await signIn(a!.url);
    // B resolves the session and caches it for a minute.
    expect((await get(b!.url, s, '/api/auth/me')).status).toBe(200);
    expect((await get(b!.url, s, '/api/auth/me')).status).toBe(200);
    expect((await send(a!.url, s, 'POST', '/api/auth/logout')).status).toBe(204);
    const ms = await until(async () => (await get(b!.url, s, '/api/auth/me')).status === 401, 2_000);
    console.log(`revocation through A honoured by B after ${ms.toFixed(1)} ms`);
  });

  it('a user disabled through one process is refused by the other', async () => {
    const s = await signIn(a!.url);
    const created = await send(a!.url, s, 'POST', '/api/admin/users', {
      username: 'viewer.two',
      display_name: 'Hai tiến trình',
      role: 'viewer',
      password: 'viewer-two-password',
      scope_unit_ids: [],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const v = await signIn(b!.url, 'viewer.two', 'viewer-two-password');
    expect((await get(b!.url, v, '/api/auth/me')).status).toBe(200);
    expect((await send(a!.url, s, 'PATCH', `/api/admin/users/${id}`, { disabled: true })).status).toBe(200);
    await until(async () => (await get(b!.url, v, '/api/auth/me')).status === 401, 2_000);
  });

  it('a write through one process is read back through the other', async () => {
    const s = await signIn(a!.url);
    const name = { name_vi: `Tỉnh thử ${randomBytes(2).toString('hex')}`, name_en: 'Test province' };
    expect((await send(a!.url, s, 'PUT', '/api/settings/place', name)).status).toBe(200);
    const place = (await (await get(b!.url, s, '/api/place')).json()) as { name_vi: string };
    expect(place.name_vi).toBe(name.name_vi);
  });

  it('WORKERS=2 answers from two processes on one port; a worker killed is replaced and the port keeps answering', async () => {
    const base = 'http://127.0.0.1:39333';
    const s = await signIn(base);
    // A new connection per request (fetch would keep one alive, and so one worker).
    const pidOf = () =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(`${base}/api/admin/runtime`, { agent: false, headers: { cookie: s.cookie } }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () =>
            res.statusCode === 200 ? resolve((JSON.parse(body) as { pid: number }).pid) : reject(new Error(body)),
          );
        });
        req.on('error', reject);
        // A connection handed to the worker being killed gets no answer: give up on it, not hang.
        req.setTimeout(5_000, () => req.destroy(new Error('no answer')));
      });
    // The second worker starts once the first listens (it migrated the database): wait for it.
    const seen = new Set<number>();
    await until(async () => seen.add(await pidOf()).size === 2, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; seen ${[...seen].join(', ')}; cluster output:\n${c!.output().slice(-3000)}`);
    });
    const [victim] = [...seen];
    process.kill(victim!, 'SIGKILL');
    // Requests made after the kill reach the other worker (the primary hands connections only to
    // live ones) and, soon, the replacement: a new pid, while the killed one never answers again.
    const after = new Set<number>();
    await until(async () => {
      const pid = await pidOf().catch(() => null);
      if (pid !== null) after.add(pid);
      return after.size === 2;
    }, 240_000).catch((e: Error) => {
      throw new Error(`${e.message}; seen ${[...after].join(', ')}; cluster output:\n${c!.output().slice(-3000)}`);
    });
    expect(after.has(victim!)).toBe(false);
  }, 300_000);

  // Last: it kills process B.
  it('behind nginx (docs/deploy/atlas.nginx.conf), a process killed under load costs no failed read', async () => {
    const prefix = mkdtempSync(join(tmpdir(), 'atlas-nginx-'));
    const site = readFileSync(join(ROOT, 'docs/deploy/atlas.nginx.conf'), 'utf8')
      .replace('127.0.0.1:3001', '127.0.0.1:39331')
      .replace('127.0.0.1:3002', '127.0.0.1:39332')
      .replace(/listen 80;/, 'listen 127.0.0.1:39334;');
    writeFileSync(join(prefix, 'atlas.conf'), site);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `${k}_temp_path ${prefix}/${k};`);
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `worker_processes 1; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log;
       events { worker_connections 512; }
       http { access_log off; ${temp.join(' ')} include ${prefix}/atlas.conf; }`,
    );
    const nginx = spawn('nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    try {
      const base = 'http://127.0.0.1:39334';
      await until(async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok === true, 10_000);
      const s = await signIn(base);
      // Bounded load on loopback: 4 clients × 150 reads; B is killed after the first 100.
      const statuses: number[] = [];
      let killed = false;
      const client = async () => {
        for (let i = 0; i < 150; i++) {
          const res = await get(base, s, '/api/place').catch(() => null);
          statuses.push(res?.status ?? 0);
          await res?.arrayBuffer();
          if (!killed && statuses.length >= 100) {
            killed = true;
            b!.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all([client(), client(), client(), client()]);
      expect(killed).toBe(true);
      expect(statuses.length).toBe(600);
      expect(statuses.filter((x) => x !== 200)).toEqual([]);
    } finally {
      nginx.kill('SIGTERM');
    }
  }, 120_000);
});
