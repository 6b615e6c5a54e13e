/**
 * Peak memory of a large import (data-management issue: "peak RSS during a 200 MB import stays
 * under 500 MB above idle"). Generates a ~200 MB boundary GeoJSON (detailed polygons, as land
 * offices deliver them) and a ~200 MB indicator CSV, starts the real server in its own process on
 * a fresh PostGIS database, sends each file with a streamed body, and samples the server's RSS
 * every 20 ms from /proc. Reference: the same server's idle RSS, and the file size.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npm run bench:import-memory
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { once } from 'node:events';
import { request } from 'node:http';
import pg from 'pg';
import { mb, readRss, startServer } from './lib.ts';

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL + PostGIS server (see bench/README.md)');
const TARGET_BYTES = Number(process.env.IMPORT_BYTES ?? 200 * 1024 * 1024);
const PASSWORD = 'bench-import-memory';
const VERTICES = 600;
/** ~22 bytes per vertex in GeoJSON text, plus the feature's properties. */
const FEATURES = Math.ceil(TARGET_BYTES / (VERTICES * 22 + 200));

async function write(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

/** Non-overlapping cells of a grid, each a 600-vertex near-circle: ~15 KB of GeoJSON per feature. */
function* boundaryFile(): Generator<string> {
  const vertices = VERTICES;
  const n = FEATURES;
  const cols = Math.ceil(Math.sqrt(n));
  yield '{"type":"FeatureCollection","features":[\n';
  for (let k = 0; k < n; k++) {
    const cx = 104 + (k % cols) * 0.01 + 0.005;
    const cy = 19 + Math.floor(k / cols) * 0.01 + 0.005;
    const ring: number[][] = [];
    for (let v = 0; v < vertices; v++) {
      const a = (2 * Math.PI * v) / vertices;
      const r = 0.0045 * (1 + 0.05 * Math.sin(7 * a));
      ring.push([+(cx + r * Math.cos(a)).toFixed(6), +(cy + r * Math.sin(a)).toFixed(6)]);
    }
    ring.push(ring[0]!);
    const code = `M${String(k).padStart(6, '0')}`;
    const f = {
      type: 'Feature',
      properties: { code, name: `Phường Thử ${k}`, kind: 'phuong' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    };
    yield `${k ? ',\n' : ''}${JSON.stringify(f)}`;
  }
  yield '\n]}\n';
}

/** Rows of (unit code, name, month, value) for the wards just imported, until the size is reached. */
function* indicatorFile(wards: number): Generator<string> {
  yield '\uFEFFMã đơn vị,Tên đơn vị,Kỳ (YYYY-MM),Số vụ án [cases_total],Đối tượng bị bắt [subjects_arrested]\n';
  let bytes = 0;
  // Months from 2000-01, when the imported units start.
  for (let m = 0; bytes < TARGET_BYTES; m++) {
    const period = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (let k = 0; k < wards && bytes < TARGET_BYTES; k++) {
      const line = `M${String(k).padStart(6, '0')},Phường Thử ${k},${period},${(k * 7 + m) % 13},${(k + m) % 5}\n`;
      bytes += Buffer.byteLength(line);
      yield line;
    }
  }
}

async function freshDatabase(name: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

interface Peak {
  idle: number;
  peak: number;
  seconds: number;
  status: number;
  answer: string;
}

/** Streams a file as the body (or a one-file multipart form) over plain HTTP: no client timeout. */
async function send(
  url: string,
  pid: number,
  auth: Record<string, string>,
  path: string,
  file: string,
  as: 'body' | 'multipart',
  contentType: string,
): Promise<Peak> {
  await new Promise((r) => setTimeout(r, 1000));
  const idle = readRss(pid);
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, readRss(pid))), 20);
  const t0 = performance.now();
  const boundary = `----atlas${Date.now()}`;
  const pre = Buffer.from(
    `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${basename(file)}"\r\ncontent-type: ${contentType}\r\n\r\n`,
  );
  const post = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = statSync(file).size;
  const headers =
    as === 'body'
      ? { 'content-type': contentType, 'content-length': String(size) }
      : {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(pre.length + size + post.length),
        };
  const { status, answer } = await new Promise<{ status: number; answer: string }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { ...auth, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, answer: text }));
    });
    req.on('error', reject);
    if (as === 'multipart') req.write(pre);
    const input = createReadStream(file);
    input.pipe(req, { end: false });
    input.on('end', () => req.end(as === 'multipart' ? post : undefined));
    input.on('error', reject);
  });
  clearInterval(timer);
  return { idle, peak, seconds: (performance.now() - t0) / 1000, status, answer: answer.slice(0, 300) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-import-memory-'));
  const geo = join(dir, 'wards.geojson');
  const geoBytes = await write(geo, boundaryFile());
  const wards = FEATURES;
  const csv = join(dir, 'values.csv');
  const csvBytes = await write(csv, indicatorFile(wards));
  console.log(`files: boundaries ${mb(geoBytes)} (${wards} polygons × 600 vertices), indicators ${mb(csvBytes)}`);

  const server = await startServer(
    {
      DATABASE_URL: await freshDatabase('atlas_bench_mem'),
      DEMO_DATA: 'false',
      ADMIN_PASSWORD: PASSWORD,
      IMPORT_MAX_BYTES: String(TARGET_BYTES * 2),
      IMPORT_RATE_LIMIT: '100',
    },
    39411,
  );
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = `atlas_session=${/atlas_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!}`;
    const auth = { cookie, 'x-csrf-token': ((await login.json()) as { csrf_token: string }).csrf_token };
    const pid = server.child.pid!;

    const only = process.env.ONLY;
    if (only !== 'indicators') {
      const b = await send(
        server.url,
        pid,
        auth,
        '/api/imports/boundaries?valid_from=2000-01-01&dry_run=false',
        geo,
        'body',
        'application/geo+json',
      );
      report('boundaries (GeoJSON)', geoBytes, b);
    }
    if (only === 'boundaries') return;
    const i = await send(server.url, pid, auth, '/api/imports/indicators?dry_run=false', csv, 'multipart', 'text/csv');
    report('indicators (CSV)', csvBytes, i);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function report(what: string, bytes: number, p: Peak): void {
  console.log(
    `${what}: file ${mb(bytes)}, HTTP ${p.status} in ${p.seconds.toFixed(1)} s; server RSS idle ${mb(p.idle)}, ` +
      `peak ${mb(p.peak)}, peak above idle ${mb(p.peak - p.idle)} (goal ≤ 500 MB)` +
      (p.status === 200 ? '' : `\n  answer: ${p.answer}`),
  );
}

await main();
