/**
 * Tiles on the 100,000-group scale dataset (scripts/load-scale.ts), against references:
 *  1. uncached: our endpoint, each request a cache miss (a distinct `at`), vs the same tile SQL run
 *     by pgbench on one connection (the floor) — goal ≤ 1.2×;
 *  2. cached: our endpoint with the session cookie vs nginx serving the same tile bytes from disk,
 *     wrk at c=1 and c=4 — goal ≥ 0.7× nginx;
 *  3. PGlite (tiles built in Node with geojson-vt + vt-pbf), uncached, beside it (when SCALE_DATA_DIR
 *     holds the scale dataset loaded with `DATA_DIR=… scripts/load-scale.ts --observations ward`).
 * A/B interleaved, REPEATS rounds (default 3), medians.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_scale SCALE_DATA_DIR=/tmp/atlas-scale-pglite \
 *     node --import tsx bench/tiles.ts
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ALL } from '../server/auth/scope.ts';
import { connectPostgres } from '../server/db/database.ts';
import { TilesRepository } from '../server/tiles/tiles.repository.ts';
import { fmt, inlineSql, median, pgbench, startNginx, wrk } from './lib.ts';
import { AT, SCALE_URL, scaleServer, tileList, tilePath, type TileRef } from './scale-common.ts';

const REPEATS = Number(process.env.REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const PGLITE_DIR = process.env.SCALE_DATA_DIR;

let atCounter = 0;
/** A fresh boundary date per request: a distinct cache key, the same units (all valid since 2020). */
function freshAt(): string {
  const d = new Date(Date.UTC(2021, 0, 1) + (atCounter++ % 1500) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function uncachedMs(url: string, cookie: string, tiles: TileRef[]): Promise<number> {
  const started = performance.now();
  for (const t of tiles) {
    const res = await fetch(`${url}${tilePath(t)}?at=${freshAt()}`, {
      headers: { cookie, 'accept-encoding': 'identity' },
    });
    if (res.status !== 200 && res.status !== 204) throw new Error(`${tilePath(t)}: ${res.status}`);
    await res.arrayBuffer();
  }
  return (performance.now() - started) / tiles.length;
}

async function main() {
  const tiles = tileList();
  console.log(`${tiles.length} tiles (z10–z16, ward and group), ${REPEATS} rounds`);
  const db = connectPostgres(SCALE_URL, 1);
  const repo = new TilesRepository(db.db);
  const statements = tiles.map((t) => inlineSql(repo.mvtQuery({ ...t, at: AT, scope: ALL }).compile(db.db)));
  await db.close();

  const server = await scaleServer({ DATABASE_URL: SCALE_URL }, 39410);
  const pglite = PGLITE_DIR ? await scaleServer({ DATA_DIR: PGLITE_DIR }, 39411) : undefined;
  const root = mkdtempSync(join(tmpdir(), 'atlas-tiles-nginx-'));
  const nginx = await startNginx(root, 39420);
  try {
    // Warm-up and the bytes nginx serves: the tiles as our endpoint returns them at AT.
    const hot: string[] = [];
    let bytes = 0;
    for (const t of tiles) {
      const res = await fetch(`${server.url}${tilePath(t)}?at=${AT}`, {
        headers: { cookie: server.cookie, 'accept-encoding': 'identity' },
      });
      if (res.status !== 200) continue;
      const body = Buffer.from(await res.arrayBuffer());
      bytes += body.length;
      const file = join(root, tilePath(t));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, body);
      hot.push(`${tilePath(t)}?at=${AT}`);
    }
    console.log(`${hot.length} non-empty tiles, mean ${fmt(bytes / hot.length / 1024)} KB`);
    await uncachedMs(server.url, server.cookie, tiles.slice(0, 10));
    if (pglite) await uncachedMs(pglite.url, pglite.cookie, tiles.slice(0, 5));

    const ours: number[] = [];
    const floor: number[] = [];
    const node: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      ours.push(await uncachedMs(server.url, server.cookie, tiles));
      floor.push(await pgbench(SCALE_URL, statements, SECONDS * 2));
      if (pglite) node.push(await uncachedMs(pglite.url, pglite.cookie, tiles));
      console.log(
        `  round ${r + 1}: ours ${fmt(ours[r]!)} ms, SQL ${fmt(floor[r]!)} ms${pglite ? `, PGlite ${fmt(node[r]!)} ms` : ''} per tile`,
      );
    }
    const cached: Record<string, { ours: number[]; nginx: number[]; p99: number[] }> = {};
    for (const c of [1, 4]) {
      cached[c] = { ours: [], nginx: [], p99: [] };
      for (let r = 0; r < REPEATS; r++) {
        const a = await wrk(server.url, hot, { connections: c, seconds: SECONDS, headers: { cookie: server.cookie } });
        const b = await wrk('http://127.0.0.1:39420', hot, { connections: c, seconds: SECONDS });
        if (a.errors || b.errors) throw new Error(`errors: ours ${a.errors}, nginx ${b.errors}`);
        cached[c].ours.push(a.rps);
        cached[c].nginx.push(b.rps);
        cached[c].p99.push(a.p99);
        console.log(`  c=${c} round ${r + 1}: ours ${fmt(a.rps, 0)} req/s, nginx ${fmt(b.rps, 0)} req/s`);
      }
    }
    const mo = median(ours);
    const mf = median(floor);
    console.log('\n| measure | ours | reference | ratio | goal |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| uncached tile, mean per tile (PostGIS ST_AsMVT) | ${fmt(mo)} ms | ${fmt(mf)} ms (pgbench, same SQL) | ${fmt(mo / mf, 2)}× | ≤ 1.2× |`,
    );
    if (pglite)
      console.log(
        `| uncached tile, PGlite (geojson-vt + vt-pbf in Node) | ${fmt(median(node))} ms | ${fmt(mf)} ms (PostGIS SQL) | ${fmt(median(node) / mf, 2)}× | reported |`,
      );
    for (const c of [1, 4]) {
      const o = median(cached[c]!.ours);
      const n = median(cached[c]!.nginx);
      console.log(
        `| cached tiles, c=${c}, wrk (ours with session cookie) | ${fmt(o, 0)} req/s (p99 ${fmt(median(cached[c]!.p99))} ms) | ${fmt(n, 0)} req/s (nginx, same bytes) | ${fmt(o / n, 2)}× | ≥ 0.7× |`,
      );
    }
    console.log(
      `\nRSS after: PostGIS server ${(server.rss() / 2 ** 20).toFixed(0)} MB${pglite ? `, PGlite server ${(pglite.rss() / 2 ** 20).toFixed(0)} MB` : ''}`,
    );
  } finally {
    await nginx.stop();
    await server.stop();
    await pglite?.stop();
  }
}

await main();
