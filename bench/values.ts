/**
 * The values API on the scale dataset: one month of one indicator for 10,000 wards and for
 * 100,000 groups, as JSON, as the binary matrix with ids, and as the binary matrix without ids (the
 * client holds the ids list of the boundary version); against the same query in the database
 * (pgbench, the floor) and nginx serving the very same bytes from a file (the ceiling). wrk at c=1,
 * A/B interleaved, REPEATS rounds (default 3), medians. Goal: 100,000 units p50 ≤ 30 ms and
 * ≤ 4 bytes per value on the wire.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_scale node --import tsx bench/values.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL } from '../server/auth/scope.ts';
import { connectPostgres } from '../server/db/database.ts';
import { ValuesRepository } from '../server/values/values.repository.ts';
import { decodeValues } from '../geo/values-codec.ts';
import { fmt, inlineSql, median, run, startNginx, wrk } from './lib.ts';
import { AT, SCALE_URL, scaleServer } from './scale-common.ts';

const REPEATS = Number(process.env.REPEATS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const MONTH = '2025-12';

const CASES = [
  { label: '10,000 wards', level: 'ward', indicator: 'cases_total', sqlOf: 'own' },
  { label: '100,000 groups', level: 'group', indicator: 'drug_cases', sqlOf: 'own' },
  { label: '10,000 wards summed from 100,000 groups', level: 'ward', indicator: 'drug_cases', sqlOf: 'child' },
] as const;

/** pgbench on one connection with the server's session settings; p50 from its per-transaction log. */
async function pgbenchP50(statement: string, seconds: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-pgbench-'));
  const file = join(dir, 'q.sql');
  writeFileSync(file, `${statement};\n`);
  await run(
    '/usr/lib/postgresql/15/bin/pgbench',
    ['-n', '-c', '1', '-j', '1', '-T', String(seconds), '-l', '--log-prefix', join(dir, 'log'), '-f', file, SCALE_URL],
    { env: { PGOPTIONS: '-c jit=off -c work_mem=64MB' }, cwd: dir },
  );
  const { readdirSync, readFileSync } = await import('node:fs');
  const log = readdirSync(dir).find((f) => f.startsWith('log'))!;
  const us = readFileSync(join(dir, log), 'utf8')
    .trim()
    .split('\n')
    .map((l) => Number(l.split(' ')[2]));
  return median(us) / 1000;
}

async function main() {
  const server = await scaleServer({ DATABASE_URL: SCALE_URL }, 39430);
  const root = mkdtempSync(join(tmpdir(), 'atlas-values-nginx-'));
  const nginx = await startNginx(root, 39431);
  const db = connectPostgres(SCALE_URL, 1);
  const repo = new ValuesRepository(db.db);
  const rows: string[] = [];
  try {
    for (const c of CASES) {
      const q = `/api/values?indicator=${c.indicator}&level=${c.level}&from=${MONTH}&to=${MONTH}&at=${AT}`;
      const get = async (path: string) => {
        const res = await fetch(server.url + path, { headers: { cookie: server.cookie } });
        if (!res.ok) throw new Error(`${path}: ${res.status}`);
        return new Uint8Array(await res.arrayBuffer());
      };
      const bin = await get(`${q}&format=bin`);
      const header = decodeValues(bin).header;
      const variants = [
        { name: 'JSON', path: q, file: `${c.level}-${c.indicator}.json` },
        { name: 'binary with ids', path: `${q}&format=bin`, file: `${c.level}-${c.indicator}.bin` },
        {
          name: 'binary, ids cached',
          path: `${q}&format=bin&ids_version=${header.idsVersion}`,
          file: `${c.level}-${c.indicator}.lean.bin`,
        },
      ];
      const floorSql =
        c.sqlOf === 'own'
          ? inlineSql(repo.ownColumnsQuery(c.indicator, MONTH, MONTH, ALL).compile(db.db))
          : inlineSql(repo.childSumColumnsQuery(c.indicator, AT, MONTH, MONTH, ALL).compile(db.db));
      const sizes: Record<string, number> = {};
      for (const v of variants) {
        const body = await get(v.path);
        sizes[v.name] = body.byteLength;
        writeFileSync(join(root, v.file), body);
      }
      const n = header.n;
      const floor: number[] = [];
      const res: Record<string, { ours: number[]; nginx: number[] }> = {};
      for (let r = 0; r < REPEATS; r++) {
        floor.push(await pgbenchP50(floorSql, SECONDS));
        for (const v of variants) {
          res[v.name] ??= { ours: [], nginx: [] };
          const a = await wrk(server.url, [v.path], {
            connections: 1,
            seconds: SECONDS,
            headers: { cookie: server.cookie },
          });
          const b = await wrk('http://127.0.0.1:39431', [`/${v.file}`], { connections: 1, seconds: SECONDS });
          if (a.errors || b.errors) throw new Error(`errors: ours ${a.errors}, nginx ${b.errors}`);
          res[v.name]!.ours.push(a.p50);
          res[v.name]!.nginx.push(b.p50);
        }
        console.log(
          `  ${c.label} round ${r + 1}: SQL ${fmt(floor[r]!)} ms; ${variants.map((v) => `${v.name} ${fmt(res[v.name]!.ours[r]!)} ms`).join(', ')}`,
        );
      }
      const f = median(floor);
      for (const v of variants) {
        const o = median(res[v.name]!.ours);
        const x = median(res[v.name]!.nginx);
        rows.push(
          `| ${c.label} | ${v.name} | ${fmt(sizes[v.name]! / 1024, 0)} KB (${fmt(sizes[v.name]! / n, 2)} B/value) | ${fmt(o)} ms | ${fmt(f)} ms | ${fmt(o / f, 2)}× | ${fmt(x, 2)} ms | ${fmt(o / x, 1)}× |`,
        );
      }
    }
    console.log(
      '\n| units | representation | body | ours p50 | SQL p50 (floor) | ours/SQL | nginx p50 (ceiling) | ours/nginx |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of rows) console.log(r);
  } finally {
    await db.close();
    await nginx.stop();
    await server.stop();
  }
}

await main();
