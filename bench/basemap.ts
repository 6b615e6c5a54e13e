/**
 * Basemap tiles: our server reading PMTiles and MBTiles archives vs nginx serving the same bytes
 * from files, wrk at c=1 and c=4, every request signed in (the access plugin checks the session
 * each time, as in production). Run once with SESSION_CACHE_MS=0 (the default) and once with
 * 5000 (README "Sessions"), A/B interleaved, REPEATS rounds (default 3), medians. Also the
 * readers alone, in-process: what a tile costs before HTTP and the session.
 *
 * The archives are the test city built by tilemaker (test/helpers/basemap-archives.ts); set
 * BENCH_BASEMAP_DIR to a folder with real archives to measure those instead (z12–z14 tiles over
 * their bounds are used, at most 400). The server runs on the embedded database, or with
 * DATABASE_URL set on a throwaway database created on that PostgreSQL server (and dropped after).
 *
 *   npm run bench:basemap
 *   DATABASE_URL=postgres://postgres@127.0.0.1:54329/postgres npm run bench:basemap
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { dirname, join } from 'node:path';
import { BasemapService } from '../server/basemap/basemap.service.ts';
import { connectPostgres } from '../server/db/database.ts';
import { testBasemaps, tilesOver } from '../test/helpers/basemap-archives.ts';
import { fmt, login, median, startNginx, startServer, wrk, type RunningServer } from './lib.ts';

const REPEATS = Number(process.env.REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ADMIN_PASSWORD = 'bench-admin-password';
const PORT = 39430;
const NGINX_PORT = 39431;

interface Archive {
  id: string;
  format: string;
  version: string;
  paths: string[];
}

async function readerTilesPerSecond(service: BasemapService, a: Archive, tiles: { z: number; x: number; y: number }[]) {
  const rounds = 200;
  for (const t of tiles) await service.tile(a.id, t.z, t.x, t.y, true); // warm: directories, pages
  const started = performance.now();
  for (let r = 0; r < rounds; r++) for (const t of tiles) await service.tile(a.id, t.z, t.x, t.y, true);
  return (rounds * tiles.length) / ((performance.now() - started) / 1000);
}

/** A fresh database on the PostgreSQL server of `url` (the server migrates and seeds it), and its drop. */
async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `atlas_bench_basemap_${randomBytes(4).toString('hex')}`;
  const admin = connectPostgres(url, 1);
  await sql`create database ${sql.id(name)}`.execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin.db);
      await admin.close();
    },
  };
}

async function main() {
  const pg = process.env.DATABASE_URL ? await throwawayDatabase(process.env.DATABASE_URL) : undefined;
  const backend = pg ? 'PostgreSQL' : 'PGlite';
  const dir = process.env.BENCH_BASEMAP_DIR ?? testBasemaps().dir;
  const service = await BasemapService.open(dir);
  const root = mkdtempSync(join(tmpdir(), 'atlas-basemap-nginx-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-basemap-bench-'));
  const archives: Archive[] = [];
  const readers: string[] = [];
  let server: RunningServer | undefined;
  const nginx = await startNginx(root, NGINX_PORT);
  try {
    for (const info of service.list()) {
      const tj = service.tileJson(info.id)!;
      const tiles = [12, 13, 14].flatMap((z) => tilesOver(tj.bounds, z)).slice(0, 400);
      const a: Archive = { id: info.id, format: info.format, version: tj.version, paths: [] };
      let bytes = 0;
      for (const t of tiles) {
        const tile = await service.tile(info.id, t.z, t.x, t.y, true);
        if (!tile || tile.body.length === 0) continue;
        const path = `/tiles/basemap/${info.id}/${t.z}/${t.x}/${t.y}.mvt`;
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), tile.body);
        a.paths.push(`${path}?v=${tj.version}`);
        bytes += tile.body.length;
      }
      archives.push(a);
      const tps = await readerTilesPerSecond(service, a, tiles);
      readers.push(
        `| ${a.format} reader alone (in-process, ${tiles.length} tiles z12–14) | ${fmt(tps, 0)} tiles/s | | | reported |`,
      );
      console.log(
        `${a.id} (${a.format}): ${a.paths.length} non-empty tiles z12–z14, mean ${fmt(bytes / a.paths.length / 1024, 1)} KB gzip`,
      );
    }

    const rows: string[] = [];
    for (const cacheMs of ['0', '5000']) {
      server = await startServer(
        {
          DATA_DIR: dataDir,
          BASEMAP_PATH: dir,
          ADMIN_PASSWORD,
          LOGIN_RATE_LIMIT: '10000',
          SESSION_CACHE_MS: cacheMs,
          DATABASE_URL: '',
        },
        PORT,
      );
      const cookie = await login(server.url, 'admin', ADMIN_PASSWORD);
      const headers = { cookie, 'accept-encoding': 'gzip' };
      for (const a of archives) {
        // Warm-up: directories cached, SQLite pages read once, JIT warm.
        await wrk(server.url, a.paths, { connections: 1, seconds: 1, headers });
        for (const c of [1, 4]) {
          const ours: number[] = [];
          const ref: number[] = [];
          const p99: number[] = [];
          for (let r = 0; r < REPEATS; r++) {
            const o = await wrk(server.url, a.paths, { connections: c, seconds: SECONDS, headers });
            const n = await wrk(`http://127.0.0.1:${NGINX_PORT}`, a.paths, {
              connections: c,
              seconds: SECONDS,
              headers: { 'accept-encoding': 'gzip' },
            });
            if (o.errors || n.errors) throw new Error(`errors: ours ${o.errors}, nginx ${n.errors}`);
            ours.push(o.rps);
            ref.push(n.rps);
            p99.push(o.p99);
            console.log(
              `  ${a.format} SESSION_CACHE_MS=${cacheMs} c=${c} round ${r + 1}: ours ${fmt(o.rps, 0)} req/s, nginx ${fmt(n.rps, 0)} req/s`,
            );
          }
          const [mo, mn] = [median(ours), median(ref)];
          rows.push(
            `| ${a.format}, c=${c}, SESSION_CACHE_MS=${cacheMs} | ${fmt(mo, 0)} req/s (p99 ${fmt(median(p99))} ms) | ${fmt(mn, 0)} req/s | ${fmt(mo / mn, 2)}× | ≥ 0.7× |`,
          );
        }
      }
      if (cacheMs === '0') {
        // The framework's floor: the same URLs without a cookie, answered 401 by the access plugin
        // before any session lookup or tile read.
        for (const c of [1, 4]) {
          const floor = await wrk(server.url, archives[0]!.paths, { connections: c, seconds: SECONDS });
          rows.push(
            `| same URLs, c=${c}, no cookie (401 from the access plugin: Fastify + hooks only) | ${fmt(floor.rps, 0)} req/s | | | reported |`,
          );
        }
      }
      console.log(`RSS of the server after SESSION_CACHE_MS=${cacheMs}: ${(server.rss() / 2 ** 20).toFixed(0)} MB`);
      await server.stop();
      server = undefined;
    }
    console.log(`\nServer database: ${backend}.`);
    console.log('| measure | ours (signed in, gzip as stored) | nginx, same bytes from files | ratio | goal |');
    console.log('| --- | --- | --- | --- | --- |');
    for (const r of [...rows, ...readers]) console.log(r);
  } finally {
    await server?.stop();
    await nginx.stop();
    await service.close();
    await pg?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
