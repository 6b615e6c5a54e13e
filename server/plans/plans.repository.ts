import { sql, type Kysely } from 'kysely';
import { GROUP_KINDS, type HotspotCategory, type HotspotStatus } from '../../geo/units.ts';
import type { Scope } from '../auth/scope.ts';
import { inScope } from '../auth/scope.sql.ts';
import type { DB } from '../db/schema.ts';
import { ACTIVE_PLAN_STATUSES, type PlanStatus } from './plans.schemas.ts';

/** A residential group with its ward and hotspot designation on a date. */
export interface GroupRow {
  id: number;
  code: string;
  name: string;
  households: number | null;
  ward_id: number | null;
  ward_name: string | null;
  categories: HotspotCategory[] | null;
  status: HotspotStatus | null;
}

export interface PlanRow {
  id: number;
  name: string;
  year: number;
  description: string;
  status: PlanStatus;
  owner_id: number | null;
  owner_name: string | null;
  revision: number;
  previous_id: number | null;
  root_id: number;
  review_comment: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by_name: string | null;
  started_on: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ItemRow extends GroupRow {
  priority: number;
  rationale: string;
  responsible_unit: string;
  target_date: string | null;
}

export interface ItemInput {
  unit_id: number;
  priority: number;
  rationale: string;
  responsible_unit: string;
  target_date: string | null;
}

/** Hotspot categories and status of a group on `at` (null when not designated by then), as SQL columns. */
function hotspotColumns(at: string) {
  return sql`
    h.categories,
    (select s.status from hotspot_status s
      where s.hotspot_id = h.id and s.changed_on <= ${at}::date
      order by s.changed_on desc, s.id desc limit 1) as status`;
}

/** The ward a group belongs to on `at`, and its hotspot if designated by then. */
function groupJoins(at: string) {
  return sql`
    left join unit_parent l on l.child_id = u.id and l.valid_from <= ${at}::date
                           and (l.valid_to is null or l.valid_to > ${at}::date)
    left join admin_unit w on w.id = l.parent_id
    left join hotspot h on h.unit_id = u.id and h.designated_on <= ${at}::date`;
}

/**
 * Plans the caller may see (the plan is `p`): every group in them is inside the scope; a plan without
 * groups is seen by its owner and by users with the whole area. Also the OGC plan-items collection's rule.
 */
export function planVisible(scope: Scope, actorId: number | null) {
  return sql<boolean>`(
      not exists (select 1 from plan_item vi where vi.plan_id = p.id and not ${inScope(scope, 'vi.unit_id')})
      and (${scope.all} or p.owner_id = ${actorId}::int
           or exists (select 1 from plan_item vi2 where vi2.plan_id = p.id)))`;
}

/** Every SQL statement of the planning feature. */
export class PlansRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /** The groups valid on `at` inside the scope: the field candidates are scored across. */
  async groupsAt(at: string, scope: Scope): Promise<GroupRow[]> {
    const { rows } = await sql<GroupRow>`
      select u.id, u.code, u.name, u.households, w.id as ward_id, w.name as ward_name, ${hotspotColumns(at)}
      from admin_unit u
      ${groupJoins(at)}
      where u.kind = any(${[...GROUP_KINDS]}::text[])
        and u.valid_from <= ${at}::date and (u.valid_to is null or u.valid_to > ${at}::date)
        and ${inScope(scope, 'u.id')}
      order by u.code, u.id
    `.execute(this.db);
    return rows;
  }

  /**
   * Groups held by active plans (draft … approved, not superseded) that the caller may open, except
   * the revisions of plan `except`. A plan the caller cannot open is not named.
   */
  async activeMemberships(
    except: number | null,
    scope: Scope,
    actorId: number | null,
  ): Promise<{ unit_id: number; plan_id: number; name: string; status: PlanStatus }[]> {
    const { rows } = await sql<{ unit_id: number; plan_id: number; name: string; status: PlanStatus }>`
      select i.unit_id, p.id as plan_id, p.name, p.status
      from plan_item i join plan p on p.id = i.plan_id
      where p.status = any(${[...ACTIVE_PLAN_STATUSES]}::text[])
        and ${this.visibleSql(scope, actorId)}
        and (${except}::int is null
             or p.root_id is distinct from (select e.root_id from plan e where e.id = ${except}::int))
      order by p.id
    `.execute(this.db);
    return rows;
  }

  /**
   * Plans the caller may see: every group in them is inside the scope; a plan without groups is
   * seen by its owner and by users with the whole area.
   */
  private visibleSql(scope: Scope, actorId: number | null) {
    return planVisible(scope, actorId);
  }

  async list(
    scope: Scope,
    actorId: number | null,
    filter: { status?: PlanStatus | undefined; year?: number | undefined },
  ): Promise<
    (Pick<PlanRow, 'id' | 'name' | 'year' | 'status' | 'revision' | 'previous_id' | 'owner_name' | 'updated_at'> & {
      item_count: number;
      households: number;
    })[]
  > {
    const { rows } = await sql<
      Pick<PlanRow, 'id' | 'name' | 'year' | 'status' | 'revision' | 'previous_id' | 'owner_name' | 'updated_at'> & {
        item_count: number;
        households: number;
      }
    >`
      select p.id, p.name, p.year, p.status, p.revision, p.previous_id, o.display_name as owner_name, p.updated_at,
             (select count(*)::int from plan_item i where i.plan_id = p.id) as item_count,
             (select coalesce(sum(u.households), 0)::float8 from plan_item i join admin_unit u on u.id = i.unit_id
               where i.plan_id = p.id) as households
      from plan p left join app_user o on o.id = p.owner_id
      where ${this.visibleSql(scope, actorId)}
        and (${filter.status ?? null}::text is null or p.status = ${filter.status ?? null}::text)
        and (${filter.year ?? null}::int is null or p.year = ${filter.year ?? null}::int)
      order by p.updated_at desc, p.id desc
    `.execute(this.db);
    return rows;
  }

  /** One plan, or undefined when it does not exist or the caller may not see it. `lock` holds it for the transaction. */
  async get(id: number, scope: Scope, actorId: number | null, lock = false): Promise<PlanRow | undefined> {
    if (lock) await sql`select id from plan where id = ${id} for update`.execute(this.db);
    const { rows } = await sql<PlanRow & { visible: boolean }>`
      select p.id, p.name, p.year, p.description, p.status, p.owner_id, o.display_name as owner_name,
             p.revision, p.previous_id, p.root_id, p.review_comment, p.submitted_at, p.approved_at,
             a.display_name as approved_by_name, to_char(p.started_on, 'YYYY-MM-DD') as started_on,
             p.created_at, p.updated_at, ${this.visibleSql(scope, actorId)} as visible
      from plan p
      left join app_user o on o.id = p.owner_id
      left join app_user a on a.id = p.approved_by
      where p.id = ${id}
    `.execute(this.db);
    const row = rows[0];
    if (!row?.visible) return undefined;
    const { visible: _visible, ...plan } = row;
    return plan;
  }

  /** The plan's items with their group, ward and hotspot status on `at`, by priority. */
  async items(planId: number, at: string): Promise<ItemRow[]> {
    const { rows } = await sql<ItemRow>`
      select u.id, u.code, u.name, u.households, w.id as ward_id, w.name as ward_name, ${hotspotColumns(at)},
             i.priority, i.rationale, i.responsible_unit, to_char(i.target_date, 'YYYY-MM-DD') as target_date
      from plan_item i
      join admin_unit u on u.id = i.unit_id
      ${groupJoins(at)}
      where i.plan_id = ${planId}
      order by i.priority, u.code
    `.execute(this.db);
    return rows;
  }

  async revisions(rootId: number): Promise<{ id: number; revision: number; status: PlanStatus }[]> {
    const rows = await this.db
      .selectFrom('plan')
      .select(['id', 'revision', 'status'])
      .where('root_id', '=', rootId)
      .orderBy('revision')
      .execute();
    return rows.map((r) => ({ ...r, status: r.status as PlanStatus }));
  }

  /** The open (draft, submitted or returned) revision of a family, if any. */
  async openRevision(rootId: number): Promise<{ id: number; revision: number } | undefined> {
    return this.db
      .selectFrom('plan')
      .select(['id', 'revision'])
      .where('root_id', '=', rootId)
      .where('status', 'in', ['draft', 'submitted', 'returned'])
      .executeTakeFirst();
  }

  async approvedRevision(rootId: number, except: number): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('plan')
      .select('id')
      .where('root_id', '=', rootId)
      .where('status', '=', 'approved')
      .where('id', '<>', except)
      .executeTakeFirst();
    return row?.id;
  }

  async events(planId: number): Promise<{ at: Date; user_name: string | null; action: string; comment: string }[]> {
    return this.db
      .selectFrom('plan_event')
      .select(['at', 'user_name', 'action', 'comment'])
      .where('plan_id', '=', planId)
      .orderBy('at')
      .orderBy('id')
      .execute();
  }

  async addEvent(e: {
    plan_id: number;
    user_id: number | null;
    user_name: string | null;
    action: string;
    comment: string;
  }) {
    await this.db.insertInto('plan_event').values(e).execute();
  }

  /** A new plan (or revision); the id is drawn first so that revision 1 is its own root. */
  async create(p: {
    name: string;
    year: number;
    description: string;
    owner_id: number | null;
    revision: number;
    previous_id: number | null;
    root_id: number | null;
  }): Promise<number> {
    const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('plan', 'id'))::int as id`.execute(
      this.db,
    );
    const id = rows[0]!.id;
    await this.db
      .insertInto('plan')
      .values({
        id,
        name: p.name,
        year: p.year,
        description: p.description,
        owner_id: p.owner_id,
        revision: p.revision,
        previous_id: p.previous_id,
        root_id: p.root_id ?? id,
      } as never)
      .execute();
    return id;
  }

  async update(
    id: number,
    patch: Partial<{
      name: string;
      year: number;
      description: string;
      status: PlanStatus;
      review_comment: string | null;
      submitted_at: Date | null;
      approved_at: Date | null;
      approved_by: number | null;
      started_on: string | null;
    }>,
  ): Promise<void> {
    await this.db
      .updateTable('plan')
      .set({ ...patch, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .execute();
  }

  async itemInputs(planId: number): Promise<ItemInput[]> {
    return this.db
      .selectFrom('plan_item')
      .select([
        'unit_id',
        'priority',
        'rationale',
        'responsible_unit',
        sql<string | null>`to_char(target_date, 'YYYY-MM-DD')`.as('target_date'),
      ])
      .where('plan_id', '=', planId)
      .orderBy('priority')
      .orderBy('unit_id')
      .execute();
  }

  async replaceItems(planId: number, items: readonly ItemInput[]): Promise<void> {
    await this.db.deleteFrom('plan_item').where('plan_id', '=', planId).execute();
    if (items.length) {
      await this.db
        .insertInto('plan_item')
        .values(items.map((i) => ({ plan_id: planId, ...i })))
        .execute();
    }
  }

  async delete(id: number): Promise<void> {
    await this.db.deleteFrom('plan').where('id', '=', id).execute();
  }

  /** The database's "now" (the clock audit and events use). */
  async now(): Promise<Date> {
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(this.db);
    return rows[0]!.now;
  }

  /** Status changes of the hotspots of these groups, in order (groups that are not hotspots are absent). */
  async statusHistories(
    unitIds: readonly number[],
  ): Promise<{ unit_id: number; changed_on: string; status: HotspotStatus }[]> {
    if (!unitIds.length) return [];
    const { rows } = await sql<{ unit_id: number; changed_on: string; status: HotspotStatus }>`
      select h.unit_id, to_char(s.changed_on, 'YYYY-MM-DD') as changed_on, s.status
      from hotspot h join hotspot_status s on s.hotspot_id = h.id
      where h.unit_id = any(${[...unitIds]}::int[])
      order by h.unit_id, s.changed_on, s.id
    `.execute(this.db);
    return rows;
  }
}
