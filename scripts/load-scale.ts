/**
 * Loads the synthetic national dataset (scripts/scale/generate.ts) into an empty database:
 * ≥ 10,000 wards, 10 groups each, 24 monthly periods × 10 indicators (9 entered per group, one per
 * ward). PostgreSQL: `COPY … FROM STDIN` through psql, with the observation table's indexes and
 * constraints dropped during the load and rebuilt after. PGlite: `COPY … FROM '/dev/blob'` in chunks.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_scale node --import tsx scripts/load-scale.ts
 *   DATA_DIR=/tmp/atlas-scale node --import tsx scripts/load-scale.ts --observations ward
 *
 * Options: --wards N (10000), --periods N (24), --last YYYY-MM (2025-12),
 *          --observations all|ward|none (all = every unit; ward = ward-level only), --seed S.
 */
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { foldVietnamese } from '../geo/text.ts';
import { prepareSchema } from '../server/bootstrap.ts';
import { openDatabase, type Database } from '../server/db/database.ts';
import type { DB } from '../server/db/schema.ts';
import { configFromEnv, fail } from './env.ts';
import { DEFAULT_SCALE, generateScale, months, ringWkt, scaleValue } from './scale/generate.ts';

/** Indicators entered per group (summed into wards), with a typical monthly mean. */
export const SCALE_GROUP_INDICATORS: [string, number][] = [
  ['households', 200],
  ['households_registered_safe', 150],
  ['residential_areas_festival', 1],
  ['tips_valuable', 2],
  ['disputes_mediated', 2],
  ['drug_cases', 1],
  ['gambling_cases', 1],
  ['public_order_incidents', 3],
  ['sanitation_complaints', 2],
];
export const SCALE_WARD_INDICATORS: [string, number][] = [['cases_total', 6]];
const VALID_FROM = '2020-01-01';

const { values: args } = parseArgs({
  options: {
    wards: { type: 'string', default: String(DEFAULT_SCALE.wards) },
    periods: { type: 'string', default: '24' },
    last: { type: 'string', default: '2025-12' },
    observations: { type: 'string', default: 'all' },
    seed: { type: 'string', default: DEFAULT_SCALE.seed },
  },
});

/** Rows as COPY text lines, produced in chunks so 20 M rows never sit in memory at once. */
type Rows = Iterable<string>;

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');

async function main() {
  const config = configFromEnv();
  const started = performance.now();
  const lap = (m: string) => console.log(`${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s  ${m}`);
  const database = await openDatabase(config, console.log);
  try {
    await prepareSchema(database.db, () => {});
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from admin_unit`.execute(database.db)).rows[0]!;
    if (n > 0) throw new Error(`the database already holds ${n} units: load the scale dataset into an empty one`);

    const wards = generateScale({ ...DEFAULT_SCALE, wards: Number(args.wards), seed: args.seed });
    const groupCount = wards.reduce((a, w) => a + w.groups.length, 0);
    lap(`generated ${wards.length} wards, ${groupCount} groups`);
    const W = wards.length;
    const groupId = (w: number, g: number) => W + 1 + w * wards[0]!.groups.length + g;

    function* unitRows(): Rows {
      for (const w of wards) {
        const hh = w.groups.reduce((a, g) => a + g.households, 0);
        const name = `${w.kind === 'phuong' ? 'Phường' : 'Xã'} Tổng hợp ${w.index + 1}`;
        yield `${w.index + 1}\t${w.code}\t${name}\t${name}\t${w.kind}\t${ringWkt(w.ring)}\t${hh}\t${hh * 4}\t${VALID_FROM}\t\\N\t${esc(foldVietnamese(`${name} ${w.code}`))}\tf\n`;
      }
      for (const w of wards) {
        for (const [k, g] of w.groups.entries()) {
          const name = `${g.kind === 'to_dan_pho' ? 'Tổ dân phố' : 'Thôn'} ${k + 1} – ${w.code}`;
          const search = esc(foldVietnamese(`${name} ${g.code}`));
          yield `${groupId(w.index, k)}\t${g.code}\t${name}\t${name}\t${g.kind}\t${ringWkt(g.ring)}\t${g.households}\t${g.households * 4}\t${VALID_FROM}\t\\N\t${search}\tf\n`;
        }
      }
    }

    function* linkRows(): Rows {
      for (const w of wards)
        for (let k = 0; k < w.groups.length; k++) yield `${groupId(w.index, k)}\t${w.index + 1}\t${VALID_FROM}\n`;
    }

    const periods = months(Number(args.periods), args.last);
    // Month by month, as the data would be entered: one month of one indicator sits together on disk.
    function* observationRows(): Rows {
      if (args.observations === 'none') return;
      for (let m = 0; m < periods.length; m++) {
        const day = `${periods[m]}-01`;
        for (const [ik, [key, mean]] of SCALE_WARD_INDICATORS.entries()) {
          let lines = '';
          for (let u = 1; u <= W; u++) lines += `${key}\t${u}\t${day}\t${scaleValue(u, 100 + ik, m, mean)}\tf\n`;
          yield lines;
        }
        if (args.observations !== 'all') continue;
        for (const [ik, [key, mean]] of SCALE_GROUP_INDICATORS.entries()) {
          let lines = '';
          for (let u = W + 1; u <= W + groupCount; u++) {
            lines += `${key}\t${u}\t${day}\t${scaleValue(u, ik, m, mean)}\tf\n`;
            if (lines.length > 1 << 20) {
              yield lines;
              lines = '';
            }
          }
          yield lines;
        }
      }
    }

    const unitCols =
      'id, code, name, short_name, kind, geom, households, population, valid_from, valid_to, search_text, demo';
    await copy(database, config.DATABASE_URL, `admin_unit (${unitCols})`, unitRows());
    await sql`select setval(pg_get_serial_sequence('admin_unit', 'id'), (select max(id) from admin_unit))`.execute(
      database.db,
    );
    lap(`admin_unit: ${W + groupCount} rows`);
    await copy(database, config.DATABASE_URL, 'unit_parent (child_id, parent_id, valid_from)', linkRows());
    lap(`unit_parent: ${groupCount} rows`);

    const rebuild = database.backend === 'postgres' ? await dropIndexes(database.db, 'observation') : async () => {};
    const obs = await copy(
      database,
      config.DATABASE_URL,
      'observation (indicator_key, unit_id, period, value, demo)',
      observationRows(),
    );
    lap(`observation: ${obs} rows (${periods[0]} … ${periods.at(-1)})`);
    await rebuild();
    lap('observation indexes and constraints rebuilt');
    // Proposed for the migrations (not there yet): one month of one indicator for every unit is the
    // map's query; the primary key (indicator, unit, period) makes it scan the indicator's whole history.
    await sql`create index if not exists observation_indicator_period_idx on observation (indicator_key, period, unit_id) include (value)`.execute(
      database.db,
    );
    lap('proposed index observation (indicator_key, period, unit_id) include (value)');
    await sql`analyze`.execute(database.db);
    lap('analyzed');
  } finally {
    await database.close();
  }
}

/** COPY rows into `target`; returns the number of lines. */
async function copy(database: Database, url: string | undefined, target: string, rows: Rows): Promise<number> {
  let count = 0;
  if (database.backend === 'postgres') {
    const child = spawn('psql', [url!, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `copy ${target} from stdin`], {
      stdio: ['pipe', 'inherit', 'inherit'],
    });
    const done = new Promise<void>((resolve, reject) =>
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`psql copy ${target}: exit ${code}`)))),
    );
    let buf = '';
    for (const line of rows) {
      buf += line;
      count += countLines(line);
      if (buf.length > 1 << 20) {
        if (!child.stdin.write(buf)) await new Promise((r) => child.stdin.once('drain', r));
        buf = '';
      }
    }
    child.stdin.end(buf);
    await done;
    return count;
  }
  const pglite = database.pglite!;
  let buf: string[] = [];
  let size = 0;
  const flush = async () => {
    if (!buf.length) return;
    await pglite.query(`copy ${target} from '/dev/blob'`, [], { blob: new Blob(buf) });
    buf = [];
    size = 0;
  };
  for (const line of rows) {
    buf.push(line);
    size += line.length;
    count += countLines(line);
    if (size > 16 << 20) await flush();
  }
  await flush();
  return count;
}

function countLines(s: string): number {
  let n = 0;
  for (let k = s.indexOf('\n'); k !== -1; k = s.indexOf('\n', k + 1)) n++;
  return n;
}

/** Drops a table's indexes and key constraints; returns a function that recreates them as they were. */
async function dropIndexes(db: Kysely<DB>, table: string): Promise<() => Promise<void>> {
  const cons = (
    await sql<{ name: string; def: string; type: string }>`
      select conname as name, pg_get_constraintdef(oid) as def, contype as type
      from pg_constraint where conrelid = ${table}::regclass and contype in ('p', 'u', 'f')`.execute(db)
  ).rows;
  const idx = (
    await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where tablename = ${table} and indexname not in (select conname from pg_constraint where conrelid = ${table}::regclass)`.execute(
      db,
    )
  ).rows;
  for (const c of cons) await sql`alter table ${sql.id(table)} drop constraint ${sql.id(c.name)}`.execute(db);
  for (const i of idx) await sql`drop index ${sql.id(i.name)}`.execute(db);
  return async () => {
    await db.connection().execute(async (c) => {
      await sql`set maintenance_work_mem = '1GB'`.execute(c);
      // keys first (the primary key's index serves the foreign keys' checks of other tables)
      for (const k of [...cons].sort((a, b) => (a.type === 'p' ? -1 : b.type === 'p' ? 1 : 0))) {
        await sql`alter table ${sql.id(table)} add constraint ${sql.id(k.name)} ${sql.raw(k.def)}`.execute(c);
      }
      for (const i of idx) await sql.raw(i.def).execute(c);
    });
  };
}

try {
  await main();
} catch (e) {
  fail(e);
}
