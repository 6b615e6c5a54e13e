import { WARD_KINDS } from '../../geo/units.ts';
import { hashPassword } from '../auth/auth.service.ts';
import type { AuthRepository } from '../auth/auth.repository.ts';
import type { RequestContext } from '../auth/context.ts';
import type { LoginThrottle } from '../auth/login-throttle.ts';
import { checkPassword } from '../auth/password-policy.ts';
import type { Role } from '../auth/roles.ts';
import { ALL, type Scope } from '../auth/scope.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { badRequest, conflict, forbidden, notFoundInScope } from '../errors.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { CreateUserBody, UpdateUserBody } from './users.schemas.ts';
import { withoutHash, type UserRow, type UsersRepository, type UserWithHash } from './users.repository.ts';

export type UserView = UserRow & { locked: boolean };

export interface UsersStore {
  users: Pick<UsersRepository, 'list' | 'count' | 'byId' | 'byUsername' | 'insert' | 'update' | 'setScope'>;
  units: Pick<UnitsRepository, 'byIds'>;
  auth: Pick<AuthRepository, 'revokeUserSessions' | 'revokeUserTokens'>;
}

/** What account administration needs of sign-in: the lock per account name. */
type Locks = Pick<LoginThrottle, 'lockedNames' | 'unlock'>;

/**
 * Account administration. Every change is audited with before/after (never the hash).
 *
 * An administrator of the whole area manages everyone. An administrator limited to some wards
 * manages only accounts limited to wards inside theirs, gives only such scopes, and cannot change
 * their own scope or role: no way to reach more than they were given, directly or through an
 * account they make or reset. Accounts they may not manage are "not found", like absent ones.
 */
export class UsersService {
  constructor(
    private readonly uow: UnitOfWork<UsersStore>,
    private readonly locks: Locks,
  ) {}

  async list(ctx: RequestContext): Promise<UserView[]> {
    const all = (await this.uow.read.users.list()).filter((u) => manages(ctx, u));
    const locked = await this.locks.lockedNames(all.map((u) => u.username));
    return all.map((u) => ({ ...u, locked: locked.has(u.username) }));
  }

  /** Ids of the accounts the caller manages (null: every account, for an administrator of the whole area). */
  async managedIds(ctx: RequestContext): Promise<number[] | null> {
    if (ctx.scope.all) return null;
    return (await this.uow.read.users.list()).filter((u) => manages(ctx, u)).map((u) => u.id);
  }

  /** Whether any account exists (the first start creates the administrator). */
  async any(): Promise<boolean> {
    return (await this.uow.read.users.count()) > 0;
  }

  async create(ctx: RequestContext, body: CreateUserBody, demo = false): Promise<UserView> {
    this.#checkGrantedScope(ctx, body.scope_unit_ids);
    if (await this.uow.read.users.byUsername(body.username)) {
      throw conflict('user.username_taken', `Tên đăng nhập "${body.username}" đã tồn tại / username already exists`, {
        field: 'username',
        params: { username: body.username },
      });
    }
    checkPassword(body.password, 'password');
    // Hashed before the transaction: argon2 takes a while, and the embedded database has one connection.
    const passwordHash = await hashPassword(body.password);
    const created = await this.uow.write(ctx, async (tx) => {
      await checkWards(tx.repos, body.scope_unit_ids);
      const id = await tx.repos.users.insert({
        username: body.username,
        display_name: body.display_name,
        password_hash: passwordHash,
        role: body.role,
        demo,
        scope_unit_ids: body.scope_unit_ids,
      });
      const after = withoutHash((await tx.repos.users.byId(id))!);
      await tx.audit({ action: 'user.create', entity_type: 'user', entity_id: id, after });
      tx.emit({ type: 'usersChanged', userIds: [id] });
      return after;
    });
    // Failures typed earlier against this name (when it was nobody's) do not carry over.
    await this.locks.unlock(body.username);
    return { ...created, locked: false };
  }

  async update(ctx: RequestContext, id: number, body: UpdateUserBody): Promise<UserView> {
    const existing = await this.#managed(this.uow.read, ctx, id);
    const self = ctx.actor?.id === id;
    if (self && (body.disabled === true || (body.role && body.role !== 'admin'))) {
      throw badRequest(
        'user.cannot_demote_self',
        'Không thể tự khóa hoặc tự hạ quyền / you cannot disable or demote yourself',
        {
          field: 'role',
        },
      );
    }
    if (self && !ctx.scope.all && (body.role !== undefined || body.scope_unit_ids !== undefined)) {
      throw forbidden(
        'user.cannot_change_own_access',
        'Quản trị viên theo phường không tự đổi phạm vi hay vai trò của mình / an administrator limited to some wards cannot change their own scope or role',
      );
    }
    if (body.scope_unit_ids) {
      this.#checkGrantedScope(ctx, body.scope_unit_ids);
      await checkWards(this.uow.read, body.scope_unit_ids);
    }
    if (body.password !== undefined) checkPassword(body.password, 'password');
    const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
    const after = await this.uow.write(ctx, async (tx) => {
      const { users, auth } = tx.repos;
      await users.update(id, {
        ...(body.display_name !== undefined ? { display_name: body.display_name } : {}),
        ...(body.role !== undefined ? { role: body.role as Role } : {}),
        ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
      });
      if (body.scope_unit_ids) await users.setScope(id, body.scope_unit_ids);
      // A disabled user, a new password or a new scope must take effect now, not at session expiry.
      const signOut = Boolean(body.disabled || body.password || body.scope_unit_ids || body.role);
      if (signOut) await auth.revokeUserSessions(id);
      // A reset password ends the API tokens too: whoever held one may have known the old password.
      const tokensRevoked = body.password !== undefined ? await auth.revokeUserTokens(id) : 0;
      const changed = withoutHash((await users.byId(id))!);
      await tx.audit({
        action: 'user.update',
        entity_type: 'user',
        entity_id: id,
        before: withoutHash(existing),
        after: { ...changed, ...(body.password ? { password: 'changed', tokens_revoked: tokensRevoked } : {}) },
      });
      tx.emit({ type: 'usersChanged', userIds: [id] });
      if (signOut) tx.emit({ type: 'sessionsRevoked', userIds: [id], sessionIds: [] });
      return changed;
    });
    return { ...after, locked: (await this.locks.lockedNames([after.username])).has(after.username) };
  }

  /** Lifts the lock set after too many failed sign-ins (audited, also when there was none). */
  async unlock(ctx: RequestContext, id: number): Promise<UserView> {
    const user = await this.#managed(this.uow.read, ctx, id);
    const wasLocked = (await this.locks.lockedNames([user.username])).has(user.username);
    await this.locks.unlock(user.username);
    await this.uow.write(ctx, (tx) =>
      tx.audit({
        action: 'user.unlock',
        entity_type: 'user',
        entity_id: id,
        before: { locked: wasLocked },
        after: { locked: false },
      }),
    );
    return { ...withoutHash(user), locked: false };
  }

  async #managed(repos: Pick<UsersStore, 'users'>, ctx: RequestContext, id: number): Promise<UserWithHash> {
    const user = await repos.users.byId(id);
    if (!user || !manages(ctx, user)) throw notFoundInScope('user', id);
    return user;
  }

  /** A scoped administrator grants only scopes inside theirs, never the whole area. */
  #checkGrantedScope(ctx: RequestContext, unitIds: readonly number[]): void {
    if (ctx.scope.all) return;
    if (!unitIds.length || !within(ctx.scope, unitIds)) {
      throw forbidden(
        'user.scope_outside_yours',
        'Chỉ giao được phạm vi trong phạm vi của bạn (các phường của bạn) / you can only give a scope inside your own wards',
        { params: { field: 'scope_unit_ids' } },
      );
    }
  }
}

/** Scope units are wards that exist (any date: a scope follows a ward through boundary versions). */
async function checkWards(repos: Pick<UsersStore, 'units'>, unitIds: readonly number[]): Promise<void> {
  if (!unitIds.length) return;
  const kinds = new Map((await repos.units.byIds(unitIds, ALL)).map((u) => [u.id, u.kind]));
  for (const id of unitIds) {
    const kind = kinds.get(id);
    if (!kind) {
      throw badRequest('user.scope_not_ward', `Đơn vị ${id} không tồn tại / unknown unit in scope_unit_ids`, {
        field: 'scope_unit_ids',
        params: { unit_id: id, kind: null },
      });
    }
    if (!(WARD_KINDS as readonly string[]).includes(kind)) {
      throw badRequest(
        'user.scope_not_ward',
        `Đơn vị ${id} không phải phường/xã / scope units must be wards (got ${kind})`,
        {
          field: 'scope_unit_ids',
          params: { unit_id: id, kind },
        },
      );
    }
  }
}

function within(scope: Scope, unitIds: readonly number[]): boolean {
  if (scope.all) return true;
  const mine = new Set(scope.unitIds);
  return unitIds.every((u) => mine.has(u));
}

/** Whether the caller may see and change this account: their own, or one scoped inside their scope. */
function manages(ctx: RequestContext, user: Pick<UserRow, 'id' | 'scope_unit_ids'>): boolean {
  if (ctx.scope.all) return true;
  if (ctx.actor?.id === user.id) return true;
  return user.scope_unit_ids.length > 0 && within(ctx.scope, user.scope_unit_ids);
}
