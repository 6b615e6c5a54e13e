import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';

export interface UnitRow {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_id: number | null;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
  households: number | null;
  population: number | null;
  geometry: string | null; // GeoJSON text
  bbox?: string | null; // "[west,south,east,north]" when asked for
}

export interface NewUnit {
  code: string;
  name: string;
  short_name: string;
  kind: string;
  geojson: string; // a Polygon or MultiPolygon in EPSG:4326
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  search_text: string;
  demo: boolean;
}

/** A unit as edits and checks see it, and whether the caller's scope includes it (the one scope filter decides). */
export interface ScopedUnit {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  in_scope: boolean;
}

/** A unit with what its display name is told apart by (geo/unit-names.ts): parent and former parent on a date. */
export interface NamingRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parent_id: number | null;
  parent_name: string | null;
  parent_short: string | null;
  former_name: string | null;
  former_short: string | null;
}

/** SQL over admin units, their dated parent links and the boundary crosswalk. */
export class UnitsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Units by id with their attributes, each with `in_scope`: writers check the scope with the same
   * predicate readers filter by, and answer absent and out-of-scope ids alike.
   */
  async byIds(ids: readonly number[], scope: Scope): Promise<ScopedUnit[]> {
    if (!ids.length) return [];
    return this.db
      .selectFrom('admin_unit as u')
      .select([
        'u.id',
        'u.code',
        'u.name',
        'u.short_name',
        'u.kind',
        'u.households',
        'u.population',
        'u.valid_from',
        'u.valid_to',
      ])
      .select(inScope(scope, 'u.id').as('in_scope'))
      .where('u.id', 'in', [...ids])
      .execute();
  }

  /** Edits a unit's names and counts in place (never geometry or validity: those make a new version). */
  async updateAttributes(
    id: number,
    patch: { name?: string; short_name?: string; households?: number | null; population?: number | null },
    searchText: string,
  ): Promise<void> {
    await this.db
      .updateTable('admin_unit')
      .set({ ...patch, search_text: searchText })
      .where('id', '=', id)
      .execute();
  }

  /** Ids of units whose code is given, valid on `at` (scoping accounts by ward code). */
  async idsByCode(codes: readonly string[], at: string): Promise<number[]> {
    if (!codes.length) return [];
    const rows = await this.db
      .selectFrom('admin_unit')
      .select('id')
      .where('code', 'in', [...codes])
      .where('valid_from', '<=', at)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', at)]))
      .execute();
    return rows.map((r) => r.id);
  }

  /** Units of the given kinds valid on `at`, with the parent valid on `at`. */
  async listAt(
    kinds: readonly string[],
    at: string,
    scope: Scope,
    opts: { geometry: boolean; precision?: number; bbox?: boolean },
  ): Promise<UnitRow[]> {
    const precision = opts.precision ?? 6;
    return this.db
      .selectFrom('admin_unit as u')
      .leftJoin('unit_parent as l', (j) =>
        j
          .onRef('l.child_id', '=', 'u.id')
          .on('l.valid_from', '<=', at)
          .on((eb) => eb.or([eb('l.valid_to', 'is', null), eb('l.valid_to', '>', at)])),
      )
      .leftJoin('admin_unit as p', 'p.id', 'l.parent_id')
      .select([
        'u.id',
        'u.code',
        'u.name',
        'u.short_name',
        'u.kind',
        'l.parent_id',
        'p.code as parent_code',
        'u.valid_from',
        'u.valid_to',
        'u.households',
        'u.population',
        opts.geometry
          ? sql<string>`ST_AsGeoJSON(u.geom, ${sql.lit(precision)})`.as('geometry')
          : sql<null>`null`.as('geometry'),
        opts.bbox
          ? sql<string>`concat('[', round(ST_XMin(u.geom)::numeric, 6), ',', round(ST_YMin(u.geom)::numeric, 6), ',',
              round(ST_XMax(u.geom)::numeric, 6), ',', round(ST_YMax(u.geom)::numeric, 6), ']')`.as('bbox')
          : sql<null>`null`.as('bbox'),
      ])
      .where('u.kind', 'in', [...kinds])
      .where('u.valid_from', '<=', at)
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>', at)]))
      .where(inScope(scope, 'u.id'))
      .orderBy('u.code')
      .orderBy('u.id')
      .execute();
  }

  /** Ids of the units of the given kinds valid on `at`, in the same order as `listAt`. */
  async idsAt(kinds: readonly string[], at: string, scope: Scope): Promise<number[]> {
    const rows = await this.db
      .selectFrom('admin_unit as u')
      .select('u.id')
      .where('u.kind', 'in', [...kinds])
      .where('u.valid_from', '<=', at)
      .where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>', at)]))
      .where(inScope(scope, 'u.id'))
      .orderBy('u.code')
      .orderBy('u.id')
      .execute();
    return rows.map((r) => r.id);
  }

  /**
   * The units asked for and every unit under the same parents on `at` — in scope or not, so that a
   * unit carries one name for every user — each with its parent and former parent (the parent its
   * link had before the current one began, when that differs: a merger moved it).
   */
  async naming(ids: readonly number[], at: string): Promise<NamingRow[]> {
    if (!ids.length) return [];
    const valid = (alias: string) =>
      sql`${sql.ref(`${alias}.valid_from`)} <= ${at}::date and (${sql.ref(`${alias}.valid_to`)} is null or ${sql.ref(`${alias}.valid_to`)} > ${at}::date)`;
    const { rows } = await sql<NamingRow>`
      with asked as (select unnest(${[...ids]}::int[]) as id),
      parents as (
        select distinct l.parent_id from unit_parent l join asked a on a.id = l.child_id where ${valid('l')}
      ),
      named as (
        select a.id from asked a
        union
        select l.child_id from unit_parent l join parents p on p.parent_id = l.parent_id
        join admin_unit c on c.id = l.child_id
        where ${valid('l')} and ${valid('c')}
      )
      select distinct on (v.id) v.id, v.code, v.name, v.kind, l.parent_id, p.name as parent_name, p.short_name as parent_short,
             f.name as former_name, f.short_name as former_short
      from named n
      join admin_unit v on v.id = n.id
      left join unit_parent l on l.child_id = v.id and ${valid('l')}
      left join admin_unit p on p.id = l.parent_id
      left join unit_parent l0 on l0.child_id = v.id and l0.valid_to = l.valid_from and l0.parent_id <> l.parent_id
      left join admin_unit f on f.id = l0.parent_id
      order by v.id, l0.valid_from desc nulls last`.execute(this.db);
    return rows;
  }

  async kindsOf(ids: number[]): Promise<Map<number, string>> {
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('admin_unit').select(['id', 'kind']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.kind]));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('admin_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(unit: NewUnit): Promise<number> {
    const row = await this.db
      .insertInto('admin_unit')
      .values({
        code: unit.code,
        name: unit.name,
        short_name: unit.short_name,
        kind: unit.kind,
        geom: sql<string>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${unit.geojson}), 4326))`,
        households: unit.households,
        population: unit.population,
        valid_from: unit.valid_from,
        valid_to: unit.valid_to,
        search_text: unit.search_text,
        demo: unit.demo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async insertParentLinks(
    links: { child_id: number; parent_id: number; valid_from: string; valid_to: string | null }[],
  ): Promise<void> {
    if (links.length) await this.db.insertInto('unit_parent').values(links).execute();
  }

  async insertCrosswalk(
    rows: { from_unit_id: number; to_unit_id: number; area_share: number; household_share: number | null }[],
  ): Promise<void> {
    if (rows.length) await this.db.insertInto('boundary_crosswalk').values(rows).execute();
  }
}
