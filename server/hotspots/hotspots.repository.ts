import { sql, type Kysely } from 'kysely';
import type { HotspotCategory, HotspotStatus } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';

export interface HotspotRow {
  id: number;
  unit_id: number;
  code: string;
  name: string;
  ward_id: number | null;
  ward_name: string | null;
  categories: HotspotCategory[];
  designated_on: string;
  target_date: string | null;
  note: string;
  status: HotspotStatus;
  status_since: string;
  history: { status: HotspotStatus; changed_on: string; note: string }[];
}

export class HotspotsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Hotspots designated on or before `at`, each with its status on `at` and its full history. */
  async listAt(at: string, scope: Scope): Promise<HotspotRow[]> {
    const result = await sql<HotspotRow>`
      select h.id, h.unit_id, u.code, u.name, w.id as ward_id, w.name as ward_name,
             h.categories, h.designated_on, h.target_date, h.note,
             cur.status, cur.changed_on as status_since,
             (select coalesce(json_agg(json_build_object('status', s.status, 'changed_on', s.changed_on, 'note', s.note)
                      order by s.changed_on, s.id), '[]'::json)
              from hotspot_status s where s.hotspot_id = h.id) as history
      from hotspot h
      join admin_unit u on u.id = h.unit_id
      left join unit_parent l on l.child_id = u.id and l.valid_from <= ${at}::date
                             and (l.valid_to is null or l.valid_to > ${at}::date)
      left join admin_unit w on w.id = l.parent_id
      join lateral (
        select s.status, s.changed_on from hotspot_status s
        where s.hotspot_id = h.id and s.changed_on <= ${at}::date
        order by s.changed_on desc, s.id desc limit 1
      ) cur on true
      where h.designated_on <= ${at}::date
        and ${inScope(scope, 'h.unit_id')}
      order by u.code
    `.execute(this.db);
    return result.rows.map((r) => ({
      ...r,
      history: typeof r.history === 'string' ? JSON.parse(r.history) : r.history,
    }));
  }

  async insert(h: {
    unit_id: number;
    categories: string[];
    designated_on: string;
    target_date: string | null;
    note: string;
    demo: boolean;
    history: { status: string; changed_on: string; note: string }[];
  }): Promise<number> {
    const { id } = await this.db
      .insertInto('hotspot')
      .values({
        unit_id: h.unit_id,
        categories: h.categories,
        designated_on: h.designated_on,
        target_date: h.target_date,
        note: h.note,
        demo: h.demo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (h.history.length) {
      await this.db
        .insertInto('hotspot_status')
        .values(
          h.history.map((s) => ({
            hotspot_id: id,
            status: s.status,
            changed_on: s.changed_on,
            note: s.note,
            created_by: null,
          })),
        )
        .execute();
    }
    return id;
  }
}

/** One hotspot as stored, with its full status history (for edits and their audit before/after). */
export interface HotspotDetail {
  id: number;
  unit_id: number;
  categories: HotspotCategory[];
  designated_on: string;
  target_date: string | null;
  note: string;
  demo: boolean;
  history: { status: HotspotStatus; changed_on: string; note: string }[];
}

/** Writes by editors: additive to the read side above. */
export class HotspotsWriteRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async detail(id: number): Promise<HotspotDetail | undefined> {
    const h = await this.db
      .selectFrom('hotspot')
      .select(['id', 'unit_id', 'categories', 'designated_on', 'target_date', 'note', 'demo'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!h) return undefined;
    const history = await this.db
      .selectFrom('hotspot_status')
      .select(['status', 'changed_on', 'note'])
      .where('hotspot_id', '=', id)
      .orderBy('changed_on')
      .orderBy('id')
      .execute();
    return {
      ...h,
      categories: h.categories as HotspotCategory[],
      history: history.map((r) => ({ ...r, status: r.status as HotspotStatus })),
    };
  }

  async idOfUnit(unitId: number): Promise<number | undefined> {
    const row = await this.db.selectFrom('hotspot').select('id').where('unit_id', '=', unitId).executeTakeFirst();
    return row?.id;
  }

  /** The unit, and whether the scope includes it (the scope filter decides, as for reads). */
  async unit(
    unitId: number,
    scope: Scope,
  ): Promise<
    | {
        id: number;
        code: string;
        name: string;
        kind: string;
        valid_from: string;
        valid_to: string | null;
        in_scope: boolean;
      }
    | undefined
  > {
    return this.db
      .selectFrom('admin_unit as u')
      .select(['u.id', 'u.code', 'u.name', 'u.kind', 'u.valid_from', 'u.valid_to'])
      .select(inScope(scope, 'u.id').as('in_scope'))
      .where('u.id', '=', unitId)
      .executeTakeFirst();
  }

  async create(h: {
    unit_id: number;
    categories: string[];
    designated_on: string;
    target_date: string | null;
    note: string;
    created_by: number | null;
  }): Promise<number> {
    const { id } = await this.db
      .insertInto('hotspot')
      .values({
        unit_id: h.unit_id,
        categories: h.categories,
        designated_on: h.designated_on,
        target_date: h.target_date,
        note: h.note,
        demo: false,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.addStatus({
      hotspot_id: id,
      status: 'identified',
      changed_on: h.designated_on,
      note: h.note,
      created_by: h.created_by,
    });
    return id;
  }

  async addStatus(s: {
    hotspot_id: number;
    status: string;
    changed_on: string;
    note: string;
    created_by: number | null;
  }) {
    await this.db.insertInto('hotspot_status').values(s).execute();
  }

  async update(id: number, patch: { categories?: string[]; target_date?: string | null; note?: string }) {
    if (!Object.keys(patch).length) return;
    await this.db.updateTable('hotspot').set(patch).where('id', '=', id).execute();
  }
}
