import { sql, type Kysely } from 'kysely';

// VN-2000 systems the OGC API and downloads serve (geo/crs.ts), registered in spatial_ref_sys under
// SRIDs of their own (900000 + EPSG code) with a PROJ string that carries the Decision
// 05/2007/QĐ-BTNMT datum shift. Why not transform to the PROJ text directly: PostGIS builds a PROJ
// object per row for a text argument but caches one per SRID (measured on PGlite: 183 groups in
// ~8 s by text, ~40 ms by SRID). Why not the EPSG SRIDs: PostGIS 3.3's table lacks 9205–9218, and
// for those it has, PROJ may pick another datum transformation than the portal's importer uses. No
// auth_name: PostGIS then takes the PROJ string as it is. Kept here (migrations import no app
// code); a unit test checks these rows against geo/crs.ts.
export const SRID_OFFSET = 900000;
const TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

/** EPSG code, central meridian, scale factor. */
export const VN2000_ZONES: readonly (readonly [number, number, number])[] = [
  [3405, 105, 0.9996],
  [3406, 111, 0.9996],
  [5896, 102, 0.9999],
  [9205, 103, 0.9999],
  [9206, 104, 0.9999],
  [9207, 104.5, 0.9999],
  [9208, 104.75, 0.9999],
  [5897, 105, 0.9999],
  [9209, 105.5, 0.9999],
  [9210, 105.75, 0.9999],
  [9211, 106, 0.9999],
  [9212, 106.25, 0.9999],
  [9213, 106.5, 0.9999],
  [9214, 107, 0.9999],
  [9215, 107.25, 0.9999],
  [9216, 107.5, 0.9999],
  [5899, 107.75, 0.9999],
  [5898, 108, 0.9999],
  [9217, 108.25, 0.9999],
  [9218, 108.5, 0.9999],
];

export const zoneProj = (lon0: number, k: number) =>
  `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${TOWGS84} +units=m +no_defs`;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [epsg, lon0, k] of VN2000_ZONES) {
    await sql`insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
              values (${SRID_OFFSET + epsg}, null, null, null, ${zoneProj(lon0, k)})
              on conflict (srid) do update set proj4text = excluded.proj4text`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from spatial_ref_sys where srid = any(${VN2000_ZONES.map(([e]) => SRID_OFFSET + e)}::int[])`.execute(
    db,
  );
}
