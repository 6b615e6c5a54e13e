import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CrsDef } from '../../geo/crs.ts';
import { GROUP_KINDS, WARD_KINDS } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import { planVisible } from '../plans/plans.repository.ts';

export const COLLECTIONS = ['wards', 'groups', 'hotspots', 'plan-items'] as const;
export type CollectionId = (typeof COLLECTIONS)[number];

/** A feature's key: the unit or hotspot id; plan items are (plan id, unit id). */
export type FeatureKey = readonly [number] | readonly [number, number];

/** Dates, inclusive. An instant has start = end; `start` null = open ("../end"). */
export interface TimeFilter {
  start: string | null;
  end: string;
}

/** A rectangle in WGS 84 longitude/latitude (SRID 4326) or in a projected system (its PostGIS SRID, geo/crs.ts). */
export interface BboxFilter {
  coords: readonly [number, number, number, number];
  srid: number;
}

export interface FeatureQuery {
  collection: CollectionId;
  time: TimeFilter;
  bbox: BboxFilter | null;
  scope: Scope;
  /** Who asks (plan visibility: a plan without groups is seen by its owner). */
  actorId: number | null;
}

export interface PageQuery extends FeatureQuery {
  limit: number;
  /** Keys strictly after (next page) or before (previous page) this one. */
  after?: FeatureKey;
  before?: FeatureKey;
  /** One feature only. */
  key?: FeatureKey;
}

export interface GeometryOptions {
  crs: CrsDef;
  /** geojson: text in `crs`; wkb: little-endian WKB with its envelope (GeoPackage); none. */
  geometry: 'geojson' | 'wkb' | 'none';
  /** A point on the surface (x, y in `crs`, longitude first): CSV rows. */
  point?: boolean;
}

export interface FeatureRow {
  /** Unit id (wards, groups, plan items) or hotspot id. */
  id: number;
  plan_id: number | null;
  unit_id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_code: string | null;
  parent_name: string | null;
  parent_short: string | null;
  former_name: string | null;
  former_short: string | null;
  /** The parent's id on the reference date (the siblings a display name is told apart from). */
  parent_id: number | null;
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  /** The date its parent, name and values are taken at (the instant, or its last valid day in an interval). */
  ref: string;
  // hotspots
  categories?: string | null;
  designated_on?: string | null;
  hotspot_target_date?: string | null;
  status?: string | null;
  status_since?: string | null;
  // plan items
  plan_name?: string;
  plan_year?: number;
  plan_status?: string;
  plan_revision?: number;
  priority?: number;
  rationale?: string;
  responsible_unit?: string;
  target_date?: string | null;
  // geometry
  geometry?: string | Uint8Array | null;
  xmin?: number | null;
  ymin?: number | null;
  xmax?: number | null;
  ymax?: number | null;
  x?: number | null;
  y?: number | null;
}

const day = (d: string) => sql`${d}::date`;
const OPEN_END = '9999-12-31';

/**
 * SQL of the OGC collections and the map downloads: units (wards, groups), hotspots and plan items
 * with their parent and former parent on the reference date, in the caller's scope
 * (`inScope`, plans by `planVisible`), filtered by validity and bounding box, keyset-paged by id.
 */
export class OgcRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async page(q: PageQuery, g: GeometryOptions): Promise<FeatureRow[]> {
    const backwards = q.before !== undefined;
    const keyCols = this.keyColumns(q.collection);
    const order = backwards ? sql`desc` : sql`asc`;
    const orderBy = sql.join(
      keyCols.map((c) => sql`${sql.ref(c)} ${order}`),
      sql`, `,
    );
    const keyset = q.key
      ? this.keyEquals(keyCols, q.key)
      : q.after
        ? this.keyCompare(keyCols, '>', q.after)
        : q.before
          ? this.keyCompare(keyCols, '<', q.before)
          : sql`true`;
    const { rows } = await sql<FeatureRow>`
      ${this.select(q, g)} and ${keyset}
      order by ${orderBy}
      limit ${q.limit}`.execute(this.db);
    if (backwards) rows.reverse();
    return rows;
  }

  async count(q: FeatureQuery): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from (${this.select(q, null)}) c`.execute(this.db);
    return rows[0]?.n ?? 0;
  }

  /** Extent (WGS 84) and validity span of a collection over all dates, in the caller's scope. */
  async extent(
    collection: CollectionId,
    scope: Scope,
    actorId: number | null,
  ): Promise<{ bbox: [number, number, number, number] | null; from: string | null; to: string | null; open: boolean }> {
    const source =
      collection === 'hotspots'
        ? sql`from hotspot h join admin_unit u on u.id = h.unit_id where ${inScope(scope, 'h.unit_id')}`
        : collection === 'plan-items'
          ? sql`from plan_item i join plan p on p.id = i.plan_id join admin_unit u on u.id = i.unit_id
                where p.status <> 'superseded' and ${planVisible(scope, actorId)}`
          : sql`from admin_unit u where u.kind = any(${this.kinds(collection)}::text[]) and ${inScope(scope, 'u.id')}`;
    const { rows } = await sql<{
      xmin: number | null;
      ymin: number | null;
      xmax: number | null;
      ymax: number | null;
      from: string | null;
      to: string | null;
      open: boolean | null;
    }>`
      select ST_XMin(e.b) as xmin, ST_YMin(e.b) as ymin, ST_XMax(e.b) as xmax, ST_YMax(e.b) as ymax,
             e.f as from, e.t as to, e.o as open
      from (select ST_Extent(u.geom) as b, to_char(min(u.valid_from), 'YYYY-MM-DD') as f,
                   to_char(max(u.valid_to), 'YYYY-MM-DD') as t, bool_or(u.valid_to is null) as o
            ${source}) e`.execute(this.db);
    const r = rows[0];
    const bbox = r && r.xmin !== null ? ([r.xmin, r.ymin, r.xmax, r.ymax] as [number, number, number, number]) : null;
    return { bbox, from: r?.from ?? null, to: r?.to ?? null, open: r?.open ?? true };
  }

  private kinds(collection: CollectionId): string[] {
    return [...(collection === 'wards' ? WARD_KINDS : GROUP_KINDS)];
  }

  private keyColumns(collection: CollectionId): string[] {
    if (collection === 'plan-items') return ['i.plan_id', 'i.unit_id'];
    if (collection === 'hotspots') return ['h.id'];
    return ['u.id'];
  }

  private keyEquals(cols: string[], key: FeatureKey): RawBuilder<boolean> {
    return sql<boolean>`(${sql.join(
      cols.map((c, i) => sql`${sql.ref(c)} = ${key[i] ?? 0}::int`),
      sql` and `,
    )})`;
  }

  private keyCompare(cols: string[], op: '>' | '<', key: FeatureKey): RawBuilder<boolean> {
    const left = sql.join(cols.map((c) => sql.ref(c)));
    const right = sql.join(cols.map((_, i) => sql`${key[i] ?? 0}::int`));
    return sql<boolean>`(${left}) ${sql.raw(op)} (${right})`;
  }

  /** The statement up to its `where` clause (callers append `and …`, order and limit). */
  private select(q: FeatureQuery, g: GeometryOptions | null): RawBuilder<FeatureRow> {
    const countOnly = g === null;
    const end = q.time.end ?? OPEN_END;
    const start = q.time.start;
    const units = q.collection === 'wards' || q.collection === 'groups';
    const kinds = units ? this.kinds(q.collection) : [...GROUP_KINDS];
    // Units of an interval are named as on their last valid day inside it; hotspots and plan items at its end.
    const ref = units ? sql`least(${day(end)}, coalesce(u.valid_to - 1, ${day(end)}))` : day(end);
    const columns = g === null ? sql`1` : this.columns(q.collection, g);
    const bbox = q.bbox ? sql`and u.geom && ${envelope(q.bbox)} and ST_Intersects(u.geom, ${envelope(q.bbox)})` : sql``;
    // The parent (pa) on the reference date and the former parent (fa) its link replaced.
    const joins = sql`
      cross join lateral (select ${ref} as ref) r
      left join unit_parent l on l.child_id = u.id and l.valid_from <= r.ref and (l.valid_to is null or l.valid_to > r.ref)
      left join admin_unit pa on pa.id = l.parent_id
      left join unit_parent l0 on l0.child_id = u.id and l0.valid_to = l.valid_from and l0.parent_id <> l.parent_id
      left join admin_unit fa on fa.id = l0.parent_id
      ${g?.geometry === 'wkb' ? sql`cross join lateral (select ${inCrs(g.crs)} as g) t` : sql``}`;
    if (units) {
      return sql<FeatureRow>`
        select ${columns}
        from admin_unit u ${countOnly ? sql`cross join lateral (select 1) r` : joins}
        where u.kind = any(${kinds}::text[])
          and u.valid_from <= ${day(end)}
          and (u.valid_to is null or u.valid_to > ${day(start ?? '0001-01-01')})
          and ${inScope(q.scope, 'u.id')} ${bbox}`;
    }
    if (q.collection === 'hotspots') {
      // As the hotspot tiles: designated on or before the date, with the status in force then.
      return sql<FeatureRow>`
        select ${columns}
        from hotspot h
        join admin_unit u on u.id = h.unit_id
        ${countOnly ? sql`cross join lateral (select ${day(end)} as ref) r` : joins}
        join lateral (
          select s.status, s.changed_on from hotspot_status s
          where s.hotspot_id = h.id and s.changed_on <= r.ref
          order by s.changed_on desc, s.id desc limit 1
        ) cur on true
        where h.designated_on <= ${day(end)} and ${inScope(q.scope, 'h.unit_id')} ${bbox}`;
    }
    // Plan items of the plans the caller may open; superseded revisions are history, not plans.
    return sql<FeatureRow>`
      select ${columns}
      from plan_item i
      join plan p0 on p0.id = i.plan_id
      join admin_unit u on u.id = i.unit_id
      ${countOnly ? sql`` : joins}
      where p0.status <> 'superseded'
        and exists (select 1 from plan p where p.id = p0.id and ${planVisible(q.scope, q.actorId)}) ${bbox}`;
  }

  /**
   * The units under these parents on `ref` (of the given kinds, in scope or not) with their former
   * parent's name: what a display name must be told apart from (geo/unit-names.ts).
   */
  async siblings(
    parentIds: readonly number[],
    ref: string,
    kinds: readonly string[],
  ): Promise<
    { id: number; parent_id: number; code: string; name: string; kind: string; former_name: string | null }[]
  > {
    if (!parentIds.length) return [];
    const { rows } = await sql<{
      id: number;
      parent_id: number;
      code: string;
      name: string;
      kind: string;
      former_name: string | null;
    }>`
      select v.id, vl.parent_id, v.code, v.name, v.kind, vf.name as former_name
      from unit_parent vl
      join admin_unit v on v.id = vl.child_id
      left join unit_parent vl0 on vl0.child_id = v.id and vl0.valid_to = vl.valid_from and vl0.parent_id <> vl.parent_id
      left join admin_unit vf on vf.id = vl0.parent_id
      where vl.parent_id = any(${[...parentIds]}::int[])
        and vl.valid_from <= ${day(ref)} and (vl.valid_to is null or vl.valid_to > ${day(ref)})
        and v.kind = any(${[...kinds]}::text[])
        and v.valid_from <= ${day(ref)} and (v.valid_to is null or v.valid_to > ${day(ref)})`.execute(this.db);
    return rows;
  }

  private columns(collection: CollectionId, g: GeometryOptions): RawBuilder<unknown> {
    const id =
      collection === 'hotspots'
        ? sql`h.id, null::int as plan_id`
        : collection === 'plan-items'
          ? sql`u.id, i.plan_id`
          : sql`u.id, null::int as plan_id`;
    const extra =
      collection === 'hotspots'
        ? sql`, array_to_string(h.categories, ',') as categories, to_char(h.designated_on, 'YYYY-MM-DD') as designated_on,
             to_char(h.target_date, 'YYYY-MM-DD') as hotspot_target_date, cur.status,
             to_char(cur.changed_on, 'YYYY-MM-DD') as status_since`
        : collection === 'plan-items'
          ? sql`, p0.name as plan_name, p0.year as plan_year, p0.status as plan_status, p0.revision as plan_revision,
               i.priority, i.rationale, i.responsible_unit, to_char(i.target_date, 'YYYY-MM-DD') as target_date`
          : sql``;
    return sql`${id}, u.id as unit_id, u.code, u.name, u.short_name, u.kind,
      pa.code as parent_code, pa.name as parent_name, pa.short_name as parent_short,
      l.parent_id, fa.name as former_name, fa.short_name as former_short,
      u.households, u.population, to_char(u.valid_from, 'YYYY-MM-DD') as valid_from,
      to_char(u.valid_to, 'YYYY-MM-DD') as valid_to, to_char(r.ref, 'YYYY-MM-DD') as ref
      ${extra} ${geometryColumns(g)}`;
  }
}

/** The bounding box as a WGS 84 polygon (edges densified every km before a projected box is transformed). */
function envelope(b: BboxFilter): RawBuilder<unknown> {
  const [x1, y1, x2, y2] = b.coords;
  if (b.srid === 4326) return sql`ST_MakeEnvelope(${x1}::float8, ${y1}::float8, ${x2}::float8, ${y2}::float8, 4326)`;
  return sql`ST_Transform(ST_Segmentize(ST_MakeEnvelope(${x1}::float8, ${y1}::float8, ${x2}::float8, ${y2}::float8,
                                                        ${b.srid}::int), 1000), 4326)`;
}

/** `u.geom` in the asked system: transformed by PostGIS, or flipped for EPSG:4326's latitude-first order. */
function inCrs(crs: CrsDef, column = sql`u.geom`): RawBuilder<unknown> {
  if (crs.srid !== 4326) return sql`ST_Transform(${column}, ${crs.srid}::int)`;
  return crs.latFirst ? sql`ST_FlipCoordinates(${column})` : column;
}

function geometryColumns(g: GeometryOptions): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (g.geometry === 'geojson') {
    // Options 0: no "crs" member (the default 8 looks up auth_name, which the VN-2000 SRIDs leave null,
    // and fails with "SRID unknown"); the system is said by the Content-Crs header or the file.
    parts.push(sql`, ST_AsGeoJSON(${inCrs(g.crs)}, ${sql.lit(g.crs.precision)}, 0) as geometry`);
  } else if (g.geometry === 'wkb') {
    parts.push(sql`, ST_AsBinary(t.g, 'NDR') as geometry, ST_XMin(t.g) as xmin, ST_YMin(t.g) as ymin,
                     ST_XMax(t.g) as xmax, ST_YMax(t.g) as ymax`);
  }
  if (g.point) {
    const pt = inCrs(g.crs, sql`ST_PointOnSurface(u.geom)`);
    parts.push(sql`, round(ST_X(${pt})::numeric, ${sql.lit(g.crs.precision)})::float8 as x,
                     round(ST_Y(${pt})::numeric, ${sql.lit(g.crs.precision)})::float8 as y`);
  }
  return sql.join(parts, sql``);
}
