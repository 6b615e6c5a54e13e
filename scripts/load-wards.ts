/**
 * Loads the real 3,321 wards of Vietnam (2025-07-01, simplified) from the shared data folder into
 * an empty database, as units valid from 2025-07-01. The file stays where it is: it is read, never
 * copied into the repository (see ../shared/data/boundaries/SOURCES.md for fields and licence).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:55432/atlas_wards node --import tsx scripts/load-wards.ts
 *   DATA_DIR=/tmp/atlas-wards node --import tsx scripts/load-wards.ts [--file path]
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { foldVietnamese } from '../geo/text.ts';
import { prepareSchema } from '../server/bootstrap.ts';
import { openDatabase } from '../server/db/database.ts';
import { configFromEnv, fail } from './env.ts';

const DEFAULT_FILE = resolve(import.meta.dirname, '../../shared/data/boundaries/vn_wards_2025_simplified.geojson');

interface WardFeature {
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
  properties: { code: string; name: string; kind: string; parent_code: string | null; valid_from?: string };
}

const { values: args } = parseArgs({ options: { file: { type: 'string', default: DEFAULT_FILE } } });

async function main() {
  const started = performance.now();
  const fc = JSON.parse(readFileSync(args.file, 'utf8')) as { features: WardFeature[] };
  const database = await openDatabase(configFromEnv(), console.log);
  try {
    await prepareSchema(database.db, () => {});
    const { n } = (await sql<{ n: number }>`select count(*)::int as n from admin_unit`.execute(database.db)).rows[0]!;
    if (n > 0) throw new Error(`the database already holds ${n} units: load the wards into an empty one`);
    const chunk = 500;
    for (let k = 0; k < fc.features.length; k += chunk) {
      const part = fc.features.slice(k, k + chunk);
      const names = part.map((f) => f.properties.name.normalize('NFC'));
      await sql`
        insert into admin_unit (code, name, short_name, kind, geom, valid_from, search_text, demo)
        select c, nm, regexp_replace(nm, '^(Phường|Xã|Đặc khu|Thị trấn) ', ''), k,
               ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326)), coalesce(vf, '2025-07-01')::date, st, false
        from unnest(${part.map((f) => f.properties.code)}::text[], ${names}::text[],
                    ${part.map((f) => f.properties.kind)}::text[], ${part.map((f) => JSON.stringify(f.geometry))}::text[],
                    ${part.map((f) => f.properties.valid_from ?? null)}::text[],
                    ${part.map((f, i) => foldVietnamese(`${names[i]} ${f.properties.code}`))}::text[])
             as t(c, nm, k, g, vf, st)`.execute(database.db);
    }
    await sql`analyze admin_unit`.execute(database.db);
    console.log(`${fc.features.length} wards loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (e) {
  fail(e);
}
