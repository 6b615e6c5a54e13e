/**
 * Throughput of `WORKERS=2` against `WORKERS=1` at c=4 on the scale dataset (issue #18), the two
 * measured in alternating rounds in one run: cached boundary tiles (70 tiles, every request signed
 * in — the session check is part of the cost) and a small JSON read (`/api/place`).
 *
 *   DATABASE_URL=postgres://…/atlas_scale npm run bench:workers
 *
 * On this 2-core machine wrk itself takes part of a core, so 2× is out of reach; the figure says how
 * much of the second core the second process turns into answers.
 */
import { fmt, median, wrk } from './lib.ts';
import { AT, scaleServer, tileList, tilePath } from './scale-common.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const tiles = tileList().map((t) => `${tilePath(t)}?at=${AT}`);
const suites = { 'cached tiles': tiles, '/api/place': ['/api/place'] } as const;
const results: Record<string, Record<number, number[]>> = {};

for (let round = 0; round < ROUNDS; round++) {
  for (const workers of [1, 2]) {
    const server = await scaleServer({ WORKERS: String(workers), WEB_DIST: '/nonexistent' }, 39480);
    try {
      // Every worker up (the second starts after the first listens) and every tile cached in each.
      await new Promise((r) => setTimeout(r, workers > 1 ? 15_000 : 1_000));
      const headers = { cookie: server.cookie };
      await wrk(server.url, tiles, { connections: 4, seconds: 3, headers });
      for (const [name, paths] of Object.entries(suites)) {
        const r = await wrk(server.url, [...paths], { connections: 4, seconds: SECONDS, headers });
        if (r.errors) throw new Error(`${name}: ${r.errors} errors`);
        ((results[name] ??= {})[workers] ??= []).push(r.rps);
        console.log(`round ${round + 1} WORKERS=${workers} ${name}: ${fmt(r.rps, 0)} req/s (p99 ${fmt(r.p99)} ms)`);
      }
    } finally {
      await server.stop();
    }
  }
}

console.log('\n| c=4, median of rounds | WORKERS=1 | WORKERS=2 | ratio |\n| --- | --- | --- | --- |');
for (const [name, by] of Object.entries(results)) {
  const one = median(by[1]!);
  const two = median(by[2]!);
  console.log(`| ${name} | ${fmt(one, 0)} req/s | ${fmt(two, 0)} req/s | ${fmt(two / one, 2)}× |`);
}
