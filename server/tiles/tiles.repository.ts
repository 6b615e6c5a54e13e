import { sql, type Kysely, type RawBuilder } from 'kysely';
import { GROUP_KINDS, WARD_KINDS } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import {
  pixelSize,
  SIMPLIFY_PIXELS,
  TILE_BUFFER,
  TILE_EXTENT,
  type TileCoords,
  type TileLayer,
  type TileRow,
} from './mvt.ts';

export interface TileQuery extends TileCoords {
  layer: TileLayer;
  /** Boundary date, YYYY-MM-DD. */
  at: string;
  scope: Scope;
}

/**
 * SQL for vector tiles. Both builders share `source()`: the features of a layer on a date, in the
 * caller's scope (`inScope`, so a scoped user's tile never holds another unit's bytes), whose stored
 * geometry (EPSG:4326, GiST-indexed) meets the tile envelope widened by the buffer.
 */
export class TilesRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * A cheap value that changes whenever anything drawn in a tile changes: units (versioned, never
   * edited in place: a new version inserts a row and closes the old one's valid_to), parent links and
   * hotspots with their status history. Writers that ever edit these rows in place must also move one
   * of these aggregates (or this must become a counter they bump).
   */
  async version(): Promise<string> {
    const { rows } = await sql<{ v: string }>`
      select concat_ws('|',
        (select concat_ws(':', count(*), max(created_at), max(valid_to), max(id)) from admin_unit),
        (select concat_ws(':', count(*), max(valid_from), max(valid_to)) from unit_parent),
        (select concat_ws(':', count(*), max(created_at), max(id)) from hotspot),
        (select concat_ws(':', count(*), max(created_at), max(id)) from hotspot_status)) as v`.execute(this.db);
    return rows[0]?.v ?? '';
  }

  /**
   * Every date on which something a tile draws starts or ends (units, parent links, hotspots and
   * their statuses), ascending: tiles are the same between two of them (see epochs.ts).
   */
  async changeDates(): Promise<string[]> {
    const { rows } = await sql<{ d: string }>`
      select to_char(d, 'YYYY-MM-DD') as d from (
        select valid_from as d from admin_unit union select valid_to from admin_unit
        union select valid_from from unit_parent union select valid_to from unit_parent
        union select designated_on from hotspot union select changed_on from hotspot_status
      ) c where d is not null order by d`.execute(this.db);
    return rows.map((r) => r.d);
  }

  /** The tile built by PostGIS in one statement (PostgreSQL only). Empty bytes when nothing is in the tile. */
  async mvt(q: TileQuery): Promise<Uint8Array> {
    const { rows } = await this.mvtQuery(q).execute(this.db);
    return rows[0]?.mvt ?? new Uint8Array(0);
  }

  /** The statement `mvt()` runs (benchmarks run the same SQL through pgbench). */
  mvtQuery(q: TileQuery): RawBuilder<{ mvt: Uint8Array | null }> {
    const { z, x, y } = q;
    return sql<{ mvt: Uint8Array | null }>`
      with src as (${this.source(q)})
      select ST_AsMVT(t, ${q.layer}, ${sql.lit(TILE_EXTENT)}, 'geom', 'fid') as mvt
      from (
        select src.id as fid, src.id, src.code, src.name, src.parent_code, src.status, src.categories,
               ST_AsMVTGeom(${simplified(z)}, ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int),
                            ${sql.lit(TILE_EXTENT)}, ${sql.lit(TILE_BUFFER)}, true) as geom
        from src
        order by src.id
      ) t
      where t.geom is not null`;
  }

  /**
   * The same features for the Node builder: properties plus geometry as GeoJSON in EPSG:4326,
   * simplified exactly as `mvt()` does and clipped to the tile with twice the buffer (geojson-vt
   * then clips to the exact buffer, as ST_AsMVTGeom does).
   */
  async rows(q: TileQuery): Promise<TileRow[]> {
    const { z, x, y } = q;
    const clipMargin = (2 * TILE_BUFFER) / TILE_EXTENT;
    const { rows } = await sql<TileRow>`
      with src as (${this.source(q)})
      select s.id, s.code, s.name, s.parent_code, s.status, s.categories,
             ST_AsGeoJSON(ST_Transform(s.g, 4326), 9) as geometry
      from (
        select src.*, ST_ClipByBox2D(${simplified(z)},
                        ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${clipMargin}::float8)::box2d) as g
        from src
      ) s
      where not ST_IsEmpty(s.g)
      order by s.id`.execute(this.db);
    return rows;
  }

  /** The WGS 84 extent of a layer's features on `at` in scope (TileJSON `bounds`), null when it has none. */
  async bounds(q: Omit<TileQuery, 'z' | 'x' | 'y'>): Promise<[number, number, number, number] | null> {
    const { rows } = await sql<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>`
      select ST_XMin(e.b) as xmin, ST_YMin(e.b) as ymin, ST_XMax(e.b) as xmax, ST_YMax(e.b) as ymax
      from (select ST_Extent(src.geom) as b from (${this.source({ ...q, z: 0, x: 0, y: 0 }, false)}) src) e`.execute(
      this.db,
    );
    const r = rows[0];
    return r && r.xmin !== null ? [r.xmin, r.ymin, r.xmax, r.ymax] : null;
  }

  /** Features of `layer` on `at` in scope whose bounding box meets the buffered tile (GiST `&&`), or anywhere. */
  private source(q: TileQuery, inTile = true): RawBuilder<unknown> {
    const { z, x, y, at } = q;
    const margin = TILE_BUFFER / TILE_EXTENT;
    const near = inTile
      ? sql`u.geom && ST_Transform(ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int, margin => ${margin}::float8), 4326)`
      : sql`true`;
    const parent = sql`
      left join unit_parent l on l.child_id = u.id and l.valid_from <= ${at}::date
                              and (l.valid_to is null or l.valid_to > ${at}::date)
      left join admin_unit p on p.id = l.parent_id`;
    if (q.layer === 'hotspot') {
      // As /api/hotspots: designated on or before `at`, with the status in force on `at`.
      return sql`
        select u.id, u.code, u.short_name as name, p.code as parent_code, cur.status,
               array_to_string(h.categories, ',') as categories, u.geom
        from hotspot h
        join admin_unit u on u.id = h.unit_id
        ${parent}
        join lateral (
          select s.status from hotspot_status s
          where s.hotspot_id = h.id and s.changed_on <= ${at}::date
          order by s.changed_on desc, s.id desc limit 1
        ) cur on true
        where h.designated_on <= ${at}::date and ${near} and ${inScope(q.scope, 'u.id')}`;
    }
    const kinds = q.layer === 'ward' ? WARD_KINDS : GROUP_KINDS;
    // Wards carry no parent_code: the map does not need the city's code on every ward.
    const parentCode = q.layer === 'group' ? sql`p.code` : sql`null::text`;
    return sql`
      select u.id, u.code, u.short_name as name, ${parentCode} as parent_code,
             null::text as status, null::text as categories, u.geom
      from admin_unit u
      ${q.layer === 'group' ? parent : sql``}
      where u.kind = any(${[...kinds]}::text[])
        and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
        and ${near} and ${inScope(q.scope, 'u.id')}`;
  }
}

/** `src.geom` in EPSG:3857, simplified with a tolerance of SIMPLIFY_PIXELS tile pixels at zoom z. */
function simplified(z: number): RawBuilder<unknown> {
  const tolerance = pixelSize(z) * SIMPLIFY_PIXELS;
  return sql`ST_SimplifyPreserveTopology(ST_Transform(src.geom, 3857), ${tolerance}::float8)`;
}
