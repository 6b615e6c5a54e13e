import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Shared bits of the benchmark scripts: starting the real server in its own process, stats. */

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  rss(): number;
}

export async function startServer(env: Record<string, string>, port = 39400): Promise<RunningServer> {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    rss: () => readRss(child.pid!),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

export function readRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

// ---- tools shared by the scale benchmarks (tiles, values, start-up, load) ----

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
};

export function run(cmd: string, args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}) {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: { ...process.env, ...opts.env },
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')}: exit ${code}\n${out}`)),
    );
  });
}

/** Signs in through the real login route; returns the Cookie header value. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return `atlas_session=${/atlas_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!}`;
}

export interface WrkResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const toMs = (v: string, unit: string) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[unit] ?? 1);

/**
 * wrk against `base`, cycling through `paths` (a Lua script), with extra headers. `wrk --latency`
 * percentiles; errors = socket errors + non-2xx/3xx responses.
 */
export async function wrk(
  base: string,
  paths: string[],
  opts: { connections: number; seconds: number; headers?: Record<string, string>; threads?: number },
): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-wrk-'));
  const script = join(dir, 'paths.lua');
  writeFileSync(
    script,
    `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}
local n = #paths
local i = 0
request = function()
  i = i % n + 1
  return wrk.format("GET", paths[i])
end
`,
  );
  const args = [
    `-t${opts.threads ?? Math.min(2, opts.connections)}`,
    `-c${opts.connections}`,
    `-d${opts.seconds}s`,
    '--latency',
    '--timeout',
    '10s',
    '-s',
    script,
  ];
  for (const [k, v] of Object.entries(opts.headers ?? {})) args.push('-H', `${k}: ${v}`);
  const out = await run('wrk', [...args, base]);
  const pct = (p: string) => {
    const m = new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`).exec(out);
    return m ? toMs(m[1]!, m[2]!) : NaN;
  };
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: pct('50'),
    p99: pct('99'),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    errors: (sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + non2xx,
    non2xx,
  };
}

/** Debian's nginx-light serving `root` on 127.0.0.1:`port` (its own prefix, no daemon). */
export async function startNginx(root: string, port: number): Promise<{ stop(): Promise<void> }> {
  chmodSync(root, 0o755); // nginx's workers run as www-data
  const prefix = mkdtempSync(join(tmpdir(), 'atlas-nginx-'));
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
error_log ${prefix}/logs/error.log warn;
pid ${prefix}/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { application/vnd.mapbox-vector-tile mvt; application/json json; application/octet-stream bin; }
  client_body_temp_path ${prefix}/tmp; proxy_temp_path ${prefix}/tmp; fastcgi_temp_path ${prefix}/tmp;
  uwsgi_temp_path ${prefix}/tmp; scgi_temp_path ${prefix}/tmp;
  server { listen 127.0.0.1:${port}; root ${root}; etag on; }
}
`,
  );
  mkdirSync(join(prefix, 'tmp'), { recursive: true });
  const child = spawn('/usr/sbin/nginx', ['-p', prefix, '-c', conf], { stdio: 'inherit' });
  for (let k = 0; k < 50; k++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** A compiled Kysely query with its parameters written in as SQL literals (for pgbench scripts). */
export function inlineSql(compiled: { sql: string; parameters: readonly unknown[] }): string {
  const lit = (v: unknown): string => {
    if (typeof v === 'number') return String(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    if (Array.isArray(v))
      return `'{${v.map((x) => (typeof x === 'number' ? String(x) : `"${String(x)}"`)).join(',')}}'`;
    return `'${String(v).replace(/'/g, "''")}'`;
  };
  return compiled.sql
    .replace(/--[^\n]*/g, '')
    .replace(/\$(\d+)/g, (_, n: string) => lit(compiled.parameters[Number(n) - 1]))
    .replace(/\s+/g, ' ');
}

/**
 * pgbench running `statements` (one per line, in order) as one transaction, `seconds` long on one
 * connection; returns the mean milliseconds per statement.
 */
export async function pgbench(url: string, statements: string[], seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pgbench-'));
  const file = join(dir, 'q.sql');
  writeFileSync(file, statements.map((s) => `${s};\n`).join(''));
  const out = await run('/usr/lib/postgresql/15/bin/pgbench', [
    '-n',
    '-c',
    '1',
    '-j',
    '1',
    '-T',
    String(seconds),
    '-f',
    file,
    url,
  ]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  return latency / statements.length;
}

export const fmt = (x: number, d = 1) =>
  Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : 'n/a';
