/**
 * Start-up and memory: the server process started as `npm start` does (node --import tsx
 * scripts/start.ts) until the first answered /api/health, on a warm data folder (PGlite: a folder
 * that already holds the database; PostgreSQL: a database already migrated and loaded). RSS at rest
 * after start, and the peak under 10 s of wrk load (c=4) on tiles and values. REPEATS (3) starts
 * each, interleaved; medians.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_scale SCALE_DATA_DIR=/tmp/atlas-scale-pglite \
 *     node --import tsx bench/startup.ts
 */
import { fmt, median, wrk } from './lib.ts';
import { AT, SCALE_URL, scaleServer, tileList, tilePath } from './scale-common.ts';

const REPEATS = Number(process.env.REPEATS ?? 3);
const PGLITE_DIR = process.env.SCALE_DATA_DIR;

async function main() {
  const targets: [string, Record<string, string>][] = [['PostgreSQL + PostGIS', { DATABASE_URL: SCALE_URL }]];
  if (PGLITE_DIR) targets.push(['PGlite (embedded)', { DATA_DIR: PGLITE_DIR }]);
  const paths = [
    ...tileList(2).map((t) => `${tilePath(t)}?at=${AT}`),
    `/api/values?indicator=cases_total&level=ward&from=2025-12&to=2025-12&at=${AT}&format=bin`,
    `/api/values?indicator=drug_cases&level=group&from=2025-12&to=2025-12&at=${AT}&format=bin`,
  ];
  const out: Record<string, { start: number[]; idle: number[]; peak: number[] }> = {};
  for (let r = 0; r < REPEATS; r++) {
    for (const [label, env] of targets) {
      const t0 = performance.now();
      const server = await scaleServer(env, 39440);
      const start = performance.now() - t0; // includes one login (≈ argon2 verify) after health
      await new Promise((res) => setTimeout(res, 1000));
      const idle = server.rss();
      let peak = idle;
      const timer = setInterval(() => (peak = Math.max(peak, server.rss())), 200);
      await wrk(server.url, paths, { connections: 4, seconds: 10, headers: { cookie: server.cookie } });
      clearInterval(timer);
      await server.stop();
      const o = (out[label] ??= { start: [], idle: [], peak: [] });
      o.start.push(start);
      o.idle.push(idle);
      o.peak.push(peak);
      console.log(
        `  ${label} round ${r + 1}: up in ${fmt(start / 1000, 2)} s, RSS ${fmt(idle / 2 ** 20, 0)} → ${fmt(peak / 2 ** 20, 0)} MB`,
      );
    }
  }
  console.log('\n| database | start to first /api/health + login | RSS at rest | RSS peak under load (c=4) |');
  console.log('| --- | --- | --- | --- |');
  for (const [label, o] of Object.entries(out)) {
    console.log(
      `| ${label} | ${fmt(median(o.start) / 1000, 2)} s | ${fmt(median(o.idle) / 2 ** 20, 0)} MB | ${fmt(median(o.peak) / 2 ** 20, 0)} MB |`,
    );
  }
}

await main();
