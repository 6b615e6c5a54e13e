import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import type { SavedView, ViewState } from './views.schemas.ts';

/**
 * Whether a viewer sees a shared item (a saved view or a briefing) whose creator's scope covered
 * `column` (ward ids; empty = the whole area): city-wide viewers see everything, the owner sees
 * their own, anyone else only items all of whose wards their scope includes.
 */
export function sharedWith(scope: Scope, userId: number | null, alias: string): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  const wards = sql.ref(`${alias}.scope_unit_ids`);
  return sql<boolean>`(
    ${sql.ref(`${alias}.owner_id`)} is not distinct from ${userId}
    or (cardinality(${wards}) > 0
        and not exists (select 1 from unnest(${wards}) as sw(id) where not ${inScope(scope, 'sw.id')}))
  )`;
}

interface ViewRow {
  id: number;
  title: string;
  note: string;
  state: unknown;
  position: number;
  owner_id: number | null;
  owner_name: string | null;
  scope_unit_ids: number[];
  created_at: Date | string;
  updated_at: Date | string;
}

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function toView(r: ViewRow, userId: number | null): SavedView {
  return {
    id: r.id,
    title: r.title,
    note: r.note,
    state: (typeof r.state === 'string' ? JSON.parse(r.state) : r.state) as ViewState,
    position: r.position,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? '',
    mine: r.owner_id !== null && r.owner_id === userId,
    scopeUnitIds: r.scope_unit_ids,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A saved view's columns, from `saved_view as v` joined with its owner `app_user as u`. */
export const VIEW_COLUMNS = [
  'v.id',
  'v.title',
  'v.note',
  'v.state',
  'v.position',
  'v.owner_id',
  'u.display_name as owner_name',
  'v.scope_unit_ids',
  'v.created_at',
  'v.updated_at',
] as const;

const jsonb = (v: unknown) => sql<unknown>`cast(${JSON.stringify(v)} as text)::jsonb`;

export class ViewsRepository {
  constructor(private readonly db: Kysely<DB>) {}

  #select() {
    return this.db.selectFrom('saved_view as v').leftJoin('app_user as u', 'u.id', 'v.owner_id').select(VIEW_COLUMNS);
  }

  /** Views the viewer may see, by position then id. */
  async list(scope: Scope, userId: number | null): Promise<SavedView[]> {
    const rows = await this.#select()
      .where(sharedWith(scope, userId, 'v'))
      .orderBy('v.position')
      .orderBy('v.id')
      .execute();
    return rows.map((r) => toView(r, userId));
  }

  /** One view, with whether the viewer may see it. */
  async get(id: number, scope: Scope, userId: number | null): Promise<(SavedView & { visible: boolean }) | undefined> {
    const row = await this.#select()
      .select(sharedWith(scope, userId, 'v').as('visible'))
      .where('v.id', '=', id)
      .executeTakeFirst();
    return row ? { ...toView(row, userId), visible: row.visible } : undefined;
  }

  /** The wards a user's scope is made of (empty = the whole area). */
  async scopeWardsOf(userId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('user_scope')
      .select('unit_id')
      .where('user_id', '=', userId)
      .orderBy('unit_id')
      .execute();
    return rows.map((r) => r.unit_id);
  }

  async insert(v: {
    owner_id: number | null;
    title: string;
    note: string;
    state: ViewState;
    scope_unit_ids: number[];
  }): Promise<number> {
    const { id } = await this.db
      .insertInto('saved_view')
      .values({
        ...v,
        state: jsonb(v.state),
        position: sql<number>`coalesce((select max(position) + 1 from saved_view
          where owner_id is not distinct from ${v.owner_id}), 1)`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async update(id: number, patch: { title?: string; note?: string; state?: ViewState }): Promise<void> {
    await this.db
      .updateTable('saved_view')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        ...(patch.state !== undefined ? { state: jsonb(patch.state) } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  }

  /** The owner's view ids in their current order. */
  async idsOwnedBy(ownerId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('saved_view')
      .select('id')
      .where('owner_id', '=', ownerId)
      .orderBy('position')
      .orderBy('id')
      .execute();
    return rows.map((r) => r.id);
  }

  async setPositions(ids: readonly number[]): Promise<void> {
    for (const [i, id] of ids.entries()) {
      await this.db
        .updateTable('saved_view')
        .set({ position: i + 1 })
        .where('id', '=', id)
        .execute();
    }
  }

  /** Deletes a view; the foreign key takes it out of every briefing. Returns the briefings it was in. */
  async delete(id: number): Promise<number[]> {
    const rows = await this.db.selectFrom('briefing_view').select('briefing_id').where('view_id', '=', id).execute();
    await this.db.deleteFrom('saved_view').where('id', '=', id).execute();
    return rows.map((r) => r.briefing_id);
  }
}
