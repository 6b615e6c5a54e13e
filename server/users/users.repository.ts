import { sql, type Kysely } from 'kysely';
import type { Role } from '../auth/roles.ts';
import type { DB } from '../db/schema.ts';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  demo: boolean;
  scope_unit_ids: number[];
  created_at: Date;
}

export interface UserWithHash extends UserRow {
  password_hash: string;
  password_changed_at: Date;
}

export class UsersRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private base() {
    return this.db
      .selectFrom('app_user as u')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.disabled',
        'u.demo',
        'u.created_at',
        'u.password_hash',
        'u.password_changed_at',
        sql<
          number[]
        >`coalesce((select array_agg(s.unit_id order by s.unit_id) from user_scope s where s.user_id = u.id), '{}')`.as(
          'scope_unit_ids',
        ),
      ])
      .$castTo<UserWithHash>();
  }

  async byUsername(username: string): Promise<UserWithHash | undefined> {
    return this.base().where('u.username', '=', username).executeTakeFirst();
  }

  async byId(id: number): Promise<UserWithHash | undefined> {
    return this.base().where('u.id', '=', id).executeTakeFirst();
  }

  async list(): Promise<UserRow[]> {
    const rows = await this.base().orderBy('u.username').execute();
    return rows.map(withoutHash);
  }

  async count(): Promise<number> {
    const r = await this.db
      .selectFrom('app_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(u: {
    username: string;
    display_name: string;
    password_hash: string;
    role: Role;
    demo: boolean;
    scope_unit_ids: number[];
  }): Promise<number> {
    const { id } = await this.db
      .insertInto('app_user')
      .values({
        username: u.username,
        display_name: u.display_name,
        password_hash: u.password_hash,
        role: u.role,
        demo: u.demo,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.setScope(id, u.scope_unit_ids);
    return id;
  }

  async update(
    id: number,
    patch: Partial<{ display_name: string; role: Role; disabled: boolean; password_hash: string }>,
  ): Promise<void> {
    const values: Record<string, unknown> = { ...patch, updated_at: new Date() };
    if (patch.password_hash) values.password_changed_at = new Date();
    await this.db.updateTable('app_user').set(values).where('id', '=', id).execute();
  }

  async setScope(userId: number, unitIds: number[]): Promise<void> {
    await this.db.deleteFrom('user_scope').where('user_id', '=', userId).execute();
    if (unitIds.length) {
      await this.db
        .insertInto('user_scope')
        .values(unitIds.map((unit_id) => ({ user_id: userId, unit_id })))
        .execute();
    }
  }

  /**
   * Every unit inside the given scope units: the units themselves, everything linked below them at
   * any date (groups keep their link history across mergers), and units of other boundary versions
   * lying wholly inside them (by the crosswalk).
   */
  async unitsWithin(rootIds: readonly number[]): Promise<number[]> {
    if (rootIds.length === 0) return [];
    const { rows } = await sql<{ id: number }>`
      with recursive roots as (select unnest(${[...rootIds]}::int[]) as id),
      inside as (
        select id from roots
        union
        select c.from_unit_id from boundary_crosswalk c join roots r on r.id = c.to_unit_id where c.area_share >= 0.999
      ),
      down(id) as (
        select id from inside
        union
        select p.child_id from unit_parent p join down d on p.parent_id = d.id
      )
      select id from down order by id
    `.execute(this.db);
    return rows.map((r) => r.id);
  }
}

export function withoutHash(u: UserWithHash): UserRow {
  const { password_hash: _h, password_changed_at: _p, ...rest } = u;
  return rest;
}
