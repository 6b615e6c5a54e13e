/**
 * Load test: CONNECTIONS (200) concurrent connections for DURATION (60) s on a mix of tiles
 * (z10–z16, ward and group, cached after the first request) and values (10,000 wards and 100,000
 * groups, JSON and binary, several months) against the server on PostgreSQL + PostGIS with the scale
 * dataset, all signed in as one session. Reports throughput, errors (socket errors + non-2xx/3xx:
 * must be zero), p50 and p99.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_scale node --import tsx bench/load-mix.ts
 */
import { fmt, wrk } from './lib.ts';
import { AT, SCALE_URL, scaleServer, tileList, tilePath } from './scale-common.ts';

const CONNECTIONS = Number(process.env.CONNECTIONS ?? 200);
const DURATION = Number(process.env.DURATION ?? 60);

async function main() {
  const server = await scaleServer({ DATABASE_URL: SCALE_URL }, 39450);
  try {
    const values: string[] = [];
    for (const m of ['2025-10', '2025-11', '2025-12']) {
      values.push(`/api/values?indicator=cases_total&level=ward&from=${m}&to=${m}&at=${AT}`);
      values.push(`/api/values?indicator=cases_total&level=ward&from=${m}&to=${m}&at=${AT}&format=bin`);
      values.push(`/api/values?indicator=drug_cases&level=group&from=${m}&to=${m}&at=${AT}&format=bin`);
    }
    const tiles = tileList().map((t) => `${tilePath(t)}?at=${AT}`);
    // 10 tiles per values request, interleaved.
    const mix: string[] = [];
    tiles.forEach((t, k) => {
      mix.push(t);
      if (k % 10 === 9) mix.push(values[((k / 10) % values.length) | 0]!);
    });
    const rssBefore = server.rss();
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, server.rss())), 500);
    const r = await wrk(server.url, mix, {
      connections: CONNECTIONS,
      seconds: DURATION,
      threads: 2,
      headers: { cookie: server.cookie },
    });
    clearInterval(timer);
    console.log(
      `${mix.length} paths (${tiles.length} tiles, ${mix.length - tiles.length} values), ${CONNECTIONS} connections, ${DURATION} s`,
    );
    console.log('\n| requests | throughput | errors | p50 | p99 | RSS before → peak |');
    console.log('| --- | --- | --- | --- | --- | --- |');
    console.log(
      `| ${r.requests.toLocaleString('en-US')} | ${fmt(r.rps, 0)} req/s | ${r.errors} | ${fmt(r.p50)} ms | ${fmt(r.p99)} ms | ${fmt(rssBefore / 2 ** 20, 0)} → ${fmt(peak / 2 ** 20, 0)} MB |`,
    );
  } finally {
    await server.stop();
  }
}

await main();
