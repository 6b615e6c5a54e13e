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
