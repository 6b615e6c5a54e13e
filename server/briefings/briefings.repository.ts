import { sql, type Kysely } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import type { DB } from '../db/schema.ts';
import { sharedWith, toView, VIEW_COLUMNS } from '../views/views.repository.ts';
import type { SavedView } from '../views/views.schemas.ts';
import type { BriefingDetail, BriefingItem } from './briefings.schemas.ts';

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export interface BriefingRecord extends Omit<BriefingDetail, 'views' | 'hiddenCount'> {
  ownerId: number | null;
  visible: boolean;
  /** Every view id in order, seen or not (for the audit and for keeping hidden views on edit). */
  viewIds: number[];
}

export class BriefingsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** Briefings the viewer may see, each with the number of its views they may see. */
  async list(scope: Scope, userId: number | null): Promise<BriefingItem[]> {
    const rows = await this.db
      .selectFrom('briefing as b')
      .leftJoin('app_user as u', 'u.id', 'b.owner_id')
      .select(['b.id', 'b.title', 'b.owner_id', 'u.display_name as owner_name', 'b.updated_at'])
      .select(
        sql<number>`(select count(*)::int from briefing_view bv join saved_view v on v.id = bv.view_id
                     where bv.briefing_id = b.id and ${sharedWith(scope, userId, 'v')})`.as('view_count'),
      )
      .where(sharedWith(scope, userId, 'b'))
      .orderBy('b.updated_at', 'desc')
      .orderBy('b.id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      viewCount: Number(r.view_count),
      ownerName: r.owner_name ?? '',
      mine: r.owner_id !== null && r.owner_id === userId,
      updatedAt: iso(r.updated_at),
    }));
  }

  async get(id: number, scope: Scope, userId: number | null): Promise<BriefingRecord | undefined> {
    const row = await this.db
      .selectFrom('briefing as b')
      .leftJoin('app_user as u', 'u.id', 'b.owner_id')
      .select(['b.id', 'b.title', 'b.owner_id', 'u.display_name as owner_name', 'b.updated_at'])
      .select(sharedWith(scope, userId, 'b').as('visible'))
      .where('b.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const ids = await this.db
      .selectFrom('briefing_view')
      .select('view_id')
      .where('briefing_id', '=', id)
      .orderBy('position')
      .execute();
    return {
      id: row.id,
      title: row.title,
      ownerId: row.owner_id,
      ownerName: row.owner_name ?? '',
      mine: row.owner_id !== null && row.owner_id === userId,
      updatedAt: iso(row.updated_at),
      visible: row.visible,
      viewIds: ids.map((r) => r.view_id),
    };
  }

  /** The briefing's views the viewer may see, in order, and how many others it holds. */
  async views(id: number, scope: Scope, userId: number | null): Promise<{ views: SavedView[]; hidden: number }> {
    const rows = await this.db
      .selectFrom('briefing_view as bv')
      .innerJoin('saved_view as v', 'v.id', 'bv.view_id')
      .leftJoin('app_user as u', 'u.id', 'v.owner_id')
      .select(VIEW_COLUMNS)
      .select(sharedWith(scope, userId, 'v').as('visible'))
      .where('bv.briefing_id', '=', id)
      .orderBy('bv.position')
      .execute();
    const seen = rows.filter((r) => r.visible);
    return { views: seen.map((r) => toView(r, userId)), hidden: rows.length - seen.length };
  }

  /** Of `ids`, those that exist and the viewer may see. */
  async visibleViewIds(ids: readonly number[], scope: Scope, userId: number | null): Promise<number[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .selectFrom('saved_view as v')
      .select('v.id')
      .where('v.id', 'in', [...ids])
      .where(sharedWith(scope, userId, 'v'))
      .execute();
    return rows.map((r) => r.id);
  }

  async insert(b: { owner_id: number | null; title: string; scope_unit_ids: number[] }): Promise<number> {
    const { id } = await this.db.insertInto('briefing').values(b).returning('id').executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: { title?: string }): Promise<void> {
    await this.db
      .updateTable('briefing')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  async setViews(id: number, viewIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('briefing_view').where('briefing_id', '=', id).execute();
    if (viewIds.length) {
      await this.db
        .insertInto('briefing_view')
        .values(viewIds.map((view_id, i) => ({ briefing_id: id, view_id, position: i + 1 })))
        .execute();
    }
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('briefing').where('id', '=', id).execute();
  }
}
