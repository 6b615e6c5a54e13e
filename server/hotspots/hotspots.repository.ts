import { sql, type Kysely } from 'kysely';
import type { HotspotCategory, HotspotStatus } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { Hotspot, HotspotDetail } from './hotspots.schemas.ts';

export interface StatusEntry {
  status: HotspotStatus;
  changed_on: string;
  note: string;
  created_by: number | null;
}

export interface NewHotspot {
  unit_id: number;
  categories: string[];
  designated_on: string;
  target_date: string | null;
  note: string;
  demo: boolean;
  history: StatusEntry[];
}

/** Hotspots: the list on a date (reads, in scope) and the writes of editors and the demo loader. */
export class HotspotsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Hotspots designated on or before `at`, each with its status on `at` and its full history. */
  async listAt(at: string, scope: Scope): Promise<Omit<Hotspot, 'display_name'>[]> {
    const result = await sql<Omit<Hotspot, 'display_name'>>`
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

  /** A hotspot with its status history (designation: one `identified` entry; the demo: its whole past). */
  async insert(h: NewHotspot): Promise<number> {
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
        .values(h.history.map((s) => ({ hotspot_id: id, ...s })))
        .execute();
    }
    return id;
  }

  /** One hotspot as stored, with its full status history (for edits and their audit before/after). */
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

  async addStatus(s: StatusEntry & { hotspot_id: number }): Promise<void> {
    await this.db.insertInto('hotspot_status').values(s).execute();
  }

  async update(
    id: number,
    patch: { categories?: string[]; target_date?: string | null; note?: string },
  ): Promise<void> {
    if (!Object.keys(patch).length) return;
    await this.db.updateTable('hotspot').set(patch).where('id', '=', id).execute();
  }
}
