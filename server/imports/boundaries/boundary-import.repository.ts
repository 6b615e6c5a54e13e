import { sql, type Kysely } from 'kysely';
import { foldVietnamese } from '../../../geo/text.ts';
import type { Scope } from '../../auth/scope.ts';
import { inScope } from '../../auth/scope.sql.ts';
import type { DB } from '../../db/schema.ts';
import type { Crs } from './crs.ts';
import type { MappedUnit, RowIssue } from './mapping.ts';

/** Viet Nam with a margin: anything outside after transforming means a wrong coordinate system. */
const VN_BOX = { minLon: 101, maxLon: 118, minLat: 6, maxLat: 24 };

/**
 * Boundary import in SQL, inside the caller's transaction: stage the file in a temporary table,
 * transform and check every feature in PostGIS, then (on commit) close the units it replaces, open
 * the new version, re-link children and compute the crosswalk from area overlap.
 */
export class BoundaryImportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createStage(): Promise<void> {
    const db = this.db;
    await sql`create temp table boundary_stage (
        row int, code text, name text, short_name text, kind text, parent_code text,
        households int, population int, search_text text, g geometry, issue text
      ) on commit drop`.execute(db);
    // Parse and transform per row so one bad feature is reported by its row, not as a failed statement.
    await sql`create or replace function pg_temp.atlas_read(gj text, wkt text) returns geometry language plpgsql as $$
      begin
        return case when gj is not null then ST_GeomFromGeoJSON(gj) else ST_GeomFromText(wkt) end;
      exception when others then return null;
      end $$`.execute(db);
    await sql`create or replace function pg_temp.atlas_to4326(g geometry, srid int, proj text) returns geometry language plpgsql as $$
      begin
        if proj is not null then return ST_Transform(ST_SetSRID(g, 0), proj, 4326); end if;
        if srid = 4326 then return ST_SetSRID(g, 4326); end if;
        return ST_Transform(ST_SetSRID(g, srid), 4326);
      exception when others then return null;
      end $$`.execute(db);
  }

  /** Adds a batch of mapped features, geometry still as text, parsed into a geometry in the database. */
  async stageBatch(units: MappedUnit[]): Promise<void> {
    if (!units.length) return;
    const col = <K extends keyof MappedUnit>(k: K) => units.map((u) => u[k]);
    await sql`insert into boundary_stage (row, code, name, short_name, kind, parent_code, households, population, search_text, g)
      select r, c, n, sn, k, pc, h, p, st, pg_temp.atlas_read(gj, wkt)
      from unnest(${col('row')}::int[], ${col('code')}::text[], ${col('name')}::text[], ${col('short_name')}::text[],
        ${col('kind')}::text[], ${col('parent_code')}::text[], ${col('households')}::int[], ${col('population')}::int[],
        ${units.map((u) => foldVietnamese(`${u.name} ${u.code}`))}::text[],
        ${units.map((u) => ('geojson' in u.geometry ? u.geometry.geojson : null))}::text[],
        ${units.map((u) => ('wkt' in u.geometry ? u.geometry.wkt : null))}::text[]) as t(r, c, n, sn, k, pc, h, p, st, gj, wkt)`.execute(
      this.db,
    );
  }

  /** Once every feature is staged: transform, check and index them; returns the per-row problems. */
  async finishStage(crs: Crs, repair: boolean): Promise<RowIssue[]> {
    const db = this.db;
    const srid = 'srid' in crs ? crs.srid : null;
    const proj = 'proj' in crs ? crs.proj : null;
    await sql`update boundary_stage set issue = 'unreadable' where g is null`.execute(db);
    await sql`update boundary_stage set issue = 'type:' || ST_GeometryType(g)
      where issue is null and ST_GeometryType(g) not in ('ST_Polygon', 'ST_MultiPolygon')`.execute(db);
    if (srid !== null && srid !== 4326) {
      const known = await sql<{
        n: number;
      }>`select count(*)::int as n from spatial_ref_sys where srid = ${srid}`.execute(db);
      if (!known.rows[0]?.n)
        return [
          {
            row: 0,
            code: null,
            field: 'crs',
            severity: 'error',
            message: `EPSG:${srid} không có trong PostGIS / unknown to PostGIS`,
          },
        ];
    }
    await sql`update boundary_stage set g = pg_temp.atlas_to4326(g, ${srid}::int, ${proj}::text) where issue is null`.execute(
      db,
    );
    await sql`update boundary_stage set issue = 'transform' where issue is null and g is null`.execute(db);
    await sql`update boundary_stage set issue = 'outside' where issue is null and not (
        ST_XMin(g) >= ${VN_BOX.minLon} and ST_XMax(g) <= ${VN_BOX.maxLon} and ST_YMin(g) >= ${VN_BOX.minLat} and ST_YMax(g) <= ${VN_BOX.maxLat})`.execute(
      db,
    );
    const invalid = await sql<{ row: number; code: string; reason: string }>`
      select row, code, ST_IsValidReason(g) as reason from boundary_stage where issue is null and not ST_IsValid(g) order by row`.execute(
      db,
    );
    if (repair) {
      await sql`update boundary_stage set g = ST_Multi(ST_CollectionExtract(ST_MakeValid(g), 3)) where issue is null and not ST_IsValid(g)`.execute(
        db,
      );
      await sql`update boundary_stage set issue = 'empty_after_repair' where issue is null and ST_IsEmpty(g)`.execute(
        db,
      );
    } else {
      // Already reported above; kept out of the topology checks, which GEOS cannot run on them.
      await sql`update boundary_stage set issue = 'invalid' where issue is null and not ST_IsValid(g)`.execute(db);
    }
    await sql`update boundary_stage set g = ST_Multi(g) where issue is null`.execute(db);
    // The updates above leave broken HOT chains, and an index built on such a table in the same
    // transaction is invisible to that transaction (indcheckxmin): the checks below would then
    // compare every pair of features. A fresh copy has no such history, so its index is used.
    await sql`create temp table boundary_checked on commit drop as select * from boundary_stage`.execute(db);
    await sql`drop table boundary_stage`.execute(db);
    await sql`alter table boundary_checked rename to boundary_stage`.execute(db);
    await sql`create index on boundary_stage using gist (g)`.execute(db);
    await sql`analyze boundary_stage`.execute(db);

    const issues: RowIssue[] = invalid.rows.map((r) => ({
      row: r.row,
      code: r.code,
      field: 'geometry',
      severity: repair ? 'warning' : 'error',
      message: repair
        ? `Hình học không hợp lệ đã được sửa bằng ST_MakeValid / invalid geometry repaired (${r.reason})`
        : `Hình học không hợp lệ / invalid geometry: ${r.reason}. Chọn "sửa tự động" (repair=true) để sửa bằng ST_MakeValid`,
    }));
    const bad = await sql<{ row: number; code: string; issue: string }>`
      select row, code, issue from boundary_stage where issue is not null and issue <> 'invalid' order by row`.execute(
      db,
    );
    const messages: Record<string, string> = {
      unreadable: 'Hình học không đọc được / unreadable geometry',
      transform: 'Không chuyển được hệ tọa độ / could not transform the coordinates',
      outside:
        'Nằm ngoài Việt Nam sau khi chuyển tọa độ: sai hệ tọa độ? / lies outside Viet Nam after transforming: wrong CRS?',
      empty_after_repair: 'Hình học rỗng sau khi sửa / empty after repair',
    };
    for (const r of bad.rows) {
      issues.push({
        row: r.row,
        code: r.code,
        field: 'geometry',
        severity: 'error',
        message: r.issue.startsWith('type:')
          ? `Sai loại hình học ${r.issue.slice(8)}, cần Polygon/MultiPolygon / wrong geometry type, Polygon or MultiPolygon expected`
          : (messages[r.issue] ?? r.issue),
      });
    }
    return issues;
  }

  /** Topology checks against the file itself and the units valid on `at` (warnings, by row). */
  async check(at: string, tolerance: number): Promise<RowIssue[]> {
    const issues: RowIssue[] = [];
    const unknownParents = await sql<{ row: number; code: string; parent_code: string }>`
      select s.row, s.code, s.parent_code from boundary_stage s
      where s.issue is null and s.parent_code is not null
        and not exists (select 1 from boundary_stage p where p.code = s.parent_code and p.issue is null)
        and not exists (select 1 from admin_unit u where u.code = s.parent_code and u.valid_from <= ${at}::date
                        and (u.valid_to is null or u.valid_to > ${at}::date))
      order by s.row`.execute(this.db);
    for (const r of unknownParents.rows) {
      issues.push({
        row: r.row,
        code: r.code,
        field: 'parent_code',
        severity: 'warning',
        message: `Đơn vị cấp trên ${r.parent_code} chưa có; nhập sau sẽ liên kết / parent ${r.parent_code} not known yet: imported without a parent link`,
      });
    }
    const outside = await sql<{ row: number; code: string; parent_code: string; share: number }>`
      with parents as (
        select code, g from boundary_stage where issue is null
        union all
        select u.code, u.geom from admin_unit u where u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
          and not exists (select 1 from boundary_stage s where s.code = u.code)
      )
      select s.row, s.code, s.parent_code,
             ST_Area(ST_Difference(s.g, p.g)) / nullif(ST_Area(s.g), 0) as share
      from boundary_stage s join parents p on p.code = s.parent_code
      where s.issue is null and not ST_CoveredBy(s.g, p.g)`.execute(this.db);
    for (const r of outside.rows.filter((x) => x.share > tolerance)) {
      issues.push({
        row: r.row,
        code: r.code,
        field: 'geometry',
        severity: 'warning',
        message: `${(r.share * 100).toFixed(1)}% diện tích nằm ngoài đơn vị cấp trên ${r.parent_code} / of the area lies outside its parent`,
      });
    }
    const overlaps = await sql<{ row: number; code: string; other: string; share: number }>`
      select a.row, a.code, b.code as other,
             ST_Area(ST_Intersection(a.g, b.g)) / nullif(least(ST_Area(a.g), ST_Area(b.g)), 0) as share
      from boundary_stage a join boundary_stage b
        on a.g && b.g and a.row < b.row and a.parent_code is not distinct from b.parent_code
      where a.issue is null and b.issue is null
        -- Neighbours that only touch usually have boxes meeting along an edge: boxes without a
        -- common area cannot overlap, and this arithmetic is far cheaper than GEOS.
        and least(ST_XMax(a.g), ST_XMax(b.g)) > greatest(ST_XMin(a.g), ST_XMin(b.g))
        and least(ST_YMax(a.g), ST_YMax(b.g)) > greatest(ST_YMin(a.g), ST_YMin(b.g))
        and ST_Relate(a.g, b.g, '2********')`.execute(this.db);
    for (const r of overlaps.rows.filter((x) => x.share > tolerance)) {
      issues.push({
        row: r.row,
        code: r.code,
        field: 'geometry',
        severity: 'warning',
        message: `Chồng lấn ${(r.share * 100).toFixed(1)}% với ${r.other} / overlaps sibling ${r.other}`,
      });
    }
    const gaps = await sql<{ code: string; row: number; share: number }>`
      select p.code, p.row, ST_Area(ST_Difference(p.g, ST_Union(c.g))) / nullif(ST_Area(p.g), 0) as share
      from boundary_stage p join boundary_stage c on c.parent_code = p.code and c.issue is null
      where p.issue is null group by p.code, p.row, p.g`.execute(this.db);
    for (const r of gaps.rows.filter((x) => x.share > tolerance)) {
      issues.push({
        row: r.row,
        code: r.code,
        field: 'geometry',
        severity: 'warning',
        message: `Các đơn vị con để hở ${(r.share * 100).toFixed(1)}% diện tích / children leave a gap of this share`,
      });
    }
    return issues;
  }

  /** Rows a scoped editor may not import: features not lying inside the editor's units. */
  async outsideScope(scope: Scope, at: string): Promise<{ row: number; code: string }[]> {
    if (scope.all) return [];
    const { rows } = await sql<{ row: number; code: string }>`
      with mine as (
        select ST_Union(u.geom) as g from admin_unit u
        where ${inScope(scope, 'u.id')} and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
      )
      select s.row, s.code from boundary_stage s cross join mine
      where s.issue is null and (mine.g is null or ST_Area(ST_Difference(s.g, mine.g)) > 0.01 * ST_Area(s.g))
      order by s.row`.execute(this.db);
    return rows;
  }

  async counts(): Promise<{ features: number; by_kind: Record<string, number> }> {
    const { rows } = await sql<{ kind: string; n: number }>`
      select kind, count(*)::int as n from boundary_stage where issue is null group by kind`.execute(this.db);
    return { features: rows.reduce((a, r) => a + r.n, 0), by_kind: Object.fromEntries(rows.map((r) => [r.kind, r.n])) };
  }

  /** Staged features as GeoJSON for the preview map (simplified to keep the answer small). */
  async preview(limit: number): Promise<string> {
    const { rows } = await sql<{ fc: string }>`
      select json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
        'type', 'Feature', 'properties', json_build_object('row', row, 'code', code, 'name', name, 'kind', kind),
        'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(g, 0.0002), 6)::json) order by row), '[]'::json))::text as fc
      from (select * from boundary_stage where issue is null order by row limit ${limit}) s`.execute(this.db);
    return rows[0]?.fc ?? '{"type":"FeatureCollection","features":[]}';
  }

  /** Codes that already have a version starting on `at`: importing them again would clash. */
  async clashes(at: string): Promise<{ row: number; code: string }[]> {
    const { rows } = await sql<{ row: number; code: string }>`
      select s.row, s.code from boundary_stage s join admin_unit u on u.code = s.code and u.valid_from = ${at}::date
      where s.issue is null order by s.row`.execute(this.db);
    return rows;
  }

  /**
   * Makes the staged set the version valid from `at`: closes the units of the same kinds it
   * replaces (those overlapping it), opens the new ones, links parents, re-links the children of
   * closed units to the new unit containing them, and writes the crosswalk both ways.
   */
  async commit(
    at: string,
    scope: Scope,
  ): Promise<{ opened: number[]; closed: number[]; relinked: number; crosswalk: number }> {
    const db = this.db;
    const closed = await sql<{ id: number }>`
      update admin_unit u set valid_to = ${at}::date
      where u.valid_from < ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
        and u.kind in (select distinct kind from boundary_stage where issue is null)
        and exists (select 1 from boundary_stage s where s.issue is null and s.g && u.geom
                    and ST_Area(ST_Intersection(s.g, u.geom)) > 0.01 * least(ST_Area(s.g), ST_Area(u.geom)))
        and ${inScope(scope, 'u.id')}
      returning u.id`.execute(db);
    const closedIds = closed.rows.map((r) => r.id);
    const opened = await sql<{ id: number; code: string }>`
      insert into admin_unit (code, name, short_name, kind, geom, households, population, valid_from, valid_to, search_text, demo)
      select code, name, short_name, kind, g, households, population, ${at}::date, null, search_text, false
      from boundary_stage s where s.issue is null order by s.row
      returning id, code`.execute(db);
    await sql`
      update unit_parent l set valid_to = ${at}::date
      where l.valid_from < ${at}::date and (l.valid_to is null or l.valid_to > ${at}::date)
        and (l.child_id = any(${closedIds}::int[]))`.execute(db);
    await sql`
      insert into unit_parent (child_id, parent_id, valid_from, valid_to)
      select c.id, p.id, ${at}::date, null
      from boundary_stage s
      join admin_unit c on c.code = s.code and c.valid_from = ${at}::date
      join admin_unit p on p.code = s.parent_code and p.valid_from <= ${at}::date and (p.valid_to is null or p.valid_to > ${at}::date)
      where s.issue is null`.execute(db);
    const relinked = await sql<{ child_id: number }>`
      with moved as (
        update unit_parent l set valid_to = ${at}::date
        where l.parent_id = any(${closedIds}::int[]) and l.valid_from < ${at}::date
          and (l.valid_to is null or l.valid_to > ${at}::date)
          and not (l.child_id = any(${closedIds}::int[]))
        returning l.child_id
      )
      insert into unit_parent (child_id, parent_id, valid_from, valid_to)
      select m.child_id, n.id, ${at}::date, null
      from moved m join admin_unit c on c.id = m.child_id
      join lateral (
        select u.id from admin_unit u where u.valid_from = ${at}::date and u.id = any(${opened.rows.map((r) => r.id)}::int[])
          and ST_Intersects(u.geom, ST_PointOnSurface(c.geom)) limit 1
      ) n on true
      returning child_id`.execute(db);
    const xw = await sql`
      insert into boundary_crosswalk (from_unit_id, to_unit_id, area_share, household_share)
      select o.id, n.id, least(1, a.inter / nullif(ST_Area(o.geom), 0)), null::float8
      from admin_unit o join admin_unit n on n.id = any(${opened.rows.map((r) => r.id)}::int[]) and o.geom && n.geom
      cross join lateral (select ST_Area(ST_Intersection(o.geom, n.geom)) as inter) a
      where o.id = any(${closedIds}::int[]) and a.inter > 1e-4 * ST_Area(o.geom)
      union all
      select n.id, o.id, least(1, a.inter / nullif(ST_Area(n.geom), 0)), null::float8
      from admin_unit o join admin_unit n on n.id = any(${opened.rows.map((r) => r.id)}::int[]) and o.geom && n.geom
      cross join lateral (select ST_Area(ST_Intersection(o.geom, n.geom)) as inter) a
      where o.id = any(${closedIds}::int[]) and a.inter > 1e-4 * ST_Area(n.geom)
      on conflict do nothing`.execute(db);
    return {
      opened: opened.rows.map((r) => r.id),
      closed: closedIds,
      relinked: relinked.rows.length,
      crosswalk: Number(xw.numAffectedRows ?? 0),
    };
  }
}
