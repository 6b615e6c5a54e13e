/**
 * Boundary import speed (data-management issue): the same 100,000-polygon GeoJSON
 *   A. through our importer (HTTP, all validation, version bookkeeping, GiST index already there),
 *   B. through ogr2ogr (Debian's gdal-bin) into PostGIS with a GiST index,
 *   C. as COPY of the same rows plus a GiST index (the floor),
 * each into a fresh database, A/B/C interleaved, median of REPEATS runs. PostGIS only.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres npm run bench:import-boundaries
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const REPEATS = Number(process.env.REPEATS ?? 3);
const COLS = 400;
const ROWS = 250;
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) throw new Error('Set DATABASE_URL to a PostgreSQL + PostGIS server (see bench/README.md)');

function gridGeoJson(path: string, csvPath: string): void {
  const feats: string[] = [];
  const csv: string[] = [];
  let n = 0;
  for (let i = 0; i < COLS; i++) {
    for (let j = 0; j < ROWS; j++) {
      const x = 104 + i * 0.01;
      const y = 20 + j * 0.01;
      n++;
      const code = String(n).padStart(6, '0');
      const ring = [
        [x, y],
        [x + 0.01, y],
        [x + 0.01, y + 0.01],
        [x, y + 0.01],
        [x, y],
      ].map(([a, b]) => [+a!.toFixed(4), +b!.toFixed(4)]);
      const parent = `P${Math.floor(i / 40)}${Math.floor(j / 25)}`;
      feats.push(
        JSON.stringify({
          type: 'Feature',
          properties: { code, name: `Xã Thử ${n}`, kind: 'xa', parent_code: parent },
          geometry: { type: 'Polygon', coordinates: [ring] },
        }),
      );
      csv.push(`${code},Xã Thử ${n},xa,${parent},"POLYGON((${ring.map((p) => p.join(' ')).join(',')}))"`);
    }
  }
  writeFileSync(path, `{"type":"FeatureCollection","features":[\n${feats.join(',\n')}\n]}`);
  writeFileSync(csvPath, csv.join('\n') + '\n');
}

function dbUrl(name: string): string {
  const u = new URL(adminUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sqlText: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sqlText);
  await c.end();
}

async function fresh(name: string): Promise<void> {
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  await c.query('create extension postgis');
  await c.end();
}

async function ours(file: string): Promise<number> {
  await fresh('atlas_bench_imp');
  const { connectPostgres } = await import('../server/db/database.ts');
  const { prepareSchema } = await import('../server/bootstrap.ts');
  const { buildApp } = await import('../server/app.ts');
  const { loadConfig } = await import('../server/config.ts');
  const { SYSTEM } = await import('../server/auth/context.ts');
  const database = connectPostgres(dbUrl('atlas_bench_imp'));
  await prepareSchema(database.db, () => {});
  const app = await buildApp({ config: loadConfig({ WEB_DIST: '/x', IMPORT_RATE_LIMIT: '1000' }), database });
  await app.services.users.create(SYSTEM, {
    username: 'bench',
    display_name: 'b',
    role: 'editor',
    password: 'bench-password',
    scope_unit_ids: [],
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench', password: 'bench-password' },
  });
  const headers = {
    cookie: `atlas_session=${login.cookies[0]!.value}`,
    'x-csrf-token': login.json().csrf_token as string,
    'content-type': 'application/geo+json',
  };
  const body = readFileSync(file);
  const t0 = performance.now();
  const res = await app.inject({
    method: 'POST',
    url: '/api/imports/boundaries?valid_from=2025-07-01&dry_run=false',
    headers,
    payload: body,
  });
  const s = (performance.now() - t0) / 1000;
  if (res.statusCode !== 200 || res.json().opened !== COLS * ROWS)
    throw new Error(`import failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  await app.close();
  await database.close();
  return s;
}

async function ogr(file: string): Promise<number> {
  await fresh('atlas_bench_ogr');
  const u = new URL(dbUrl('atlas_bench_ogr'));
  const t0 = performance.now();
  execFileSync('ogr2ogr', [
    '-f',
    'PostgreSQL',
    `PG:host=${u.hostname} port=${u.port} user=${u.username} dbname=atlas_bench_ogr`,
    file,
    '-nln',
    'wards',
    '-lco',
    'SPATIAL_INDEX=GIST',
    '-lco',
    'GEOMETRY_NAME=geom',
    '-nlt',
    'PROMOTE_TO_MULTI',
    '-t_srs',
    'EPSG:4326',
  ]);
  return (performance.now() - t0) / 1000;
}

async function copy(csvPath: string): Promise<number> {
  await fresh('atlas_bench_copy');
  const c = new pg.Client({ connectionString: dbUrl('atlas_bench_copy') });
  await c.connect();
  const t0 = performance.now();
  await c.query(
    'create table wards (code text, name text, kind text, parent_code text, geom geometry(MultiPolygon, 4326))',
  );
  // psql's \copy streams the file from the client, as the importer receives it over HTTP.
  await c.query('create table raw2 (code text, name text, kind text, parent_code text, wkt text)');
  execFileSync('psql', [dbUrl('atlas_bench_copy'), '-qc', `\\copy raw2 from '${csvPath}' csv`]);
  await c.query(
    'insert into wards select code, name, kind, parent_code, ST_Multi(ST_GeomFromText(wkt, 4326)) from raw2',
  );
  await c.query('create index on wards using gist (geom)');
  const s = (performance.now() - t0) / 1000;
  await c.end();
  return s;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
const file = join(dir, 'grid100k.geojson');
const csvPath = join(dir, 'grid100k.csv');
gridGeoJson(file, csvPath);
console.log(
  `100,000 polygons: ${(readFileSync(file).length / 1e6).toFixed(1)} MB GeoJSON; ${REPEATS} interleaved repeats`,
);
const times = { ours: [] as number[], ogr2ogr: [] as number[], copy: [] as number[] };
for (let r = 0; r < REPEATS; r++) {
  times.ours.push(await ours(file));
  times.ogr2ogr.push(await ogr(file));
  times.copy.push(await copy(csvPath));
  console.log(
    `  run ${r + 1}: ours ${times.ours.at(-1)!.toFixed(1)} s, ogr2ogr ${times.ogr2ogr.at(-1)!.toFixed(1)} s, COPY ${times.copy.at(-1)!.toFixed(1)} s`,
  );
}
const [o, g, c] = [median(times.ours), median(times.ogr2ogr), median(times.copy)];
console.log(`\nmedian: ours ${o.toFixed(1)} s, ogr2ogr ${g.toFixed(1)} s, COPY ${c.toFixed(1)} s`);
console.log(`ratio ours/ogr2ogr ${(o / g).toFixed(2)} (goal ≤ 1.5), ours/COPY ${(o / c).toFixed(2)}`);
for (const name of ['atlas_bench_imp', 'atlas_bench_ogr', 'atlas_bench_copy'])
  await admin(`drop database if exists ${name} with (force)`);
