import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import { hashPassword, type AuthService } from '../auth/auth.service.ts';
import { checkPassword } from '../auth/password-policy.ts';
import type { Role } from '../auth/roles.ts';
import type { Scope } from '../auth/scope.ts';
import { badRequest, conflict, forbidden, notFoundInScope } from '../errors.ts';
import { WARD_KINDS } from '../../geo/units.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { CreateUserBody, UpdateUserBody } from './users.schemas.ts';
import { withoutHash, type UserRow, type UsersRepository, type UserWithHash } from './users.repository.ts';

type Req = Pick<FastifyRequest, 'ip' | 'actor' | 'scope'>;
export type UserView = UserRow & { locked: boolean };

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
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async list(request: Req): Promise<UserView[]> {
    const all = (await this.users.list()).filter((u) => manages(request, u));
    const locked = await this.auth.lockedNames(all.map((u) => u.username));
    return all.map((u) => ({ ...u, locked: locked.has(u.username) }));
  }

  /** Ids of the accounts the caller manages (every account for an administrator of the whole area). */
  async managedIds(request: Req): Promise<number[] | null> {
    if (request.scope.all) return null;
    return (await this.users.list()).filter((u) => manages(request, u)).map((u) => u.id);
  }

  async create(request: Req | null, body: CreateUserBody, demo = false): Promise<UserView> {
    if (request) this.#checkGrantedScope(request, body.scope_unit_ids);
    if (await this.users.byUsername(body.username)) {
      throw conflict(`Tên đăng nhập "${body.username}" đã tồn tại / username already exists`, 'username', {
        code: 'user.username_taken',
        params: { field: 'username', username: body.username },
      });
    }
    checkPassword(body.password, 'password');
    await this.#checkScope(body.scope_unit_ids);
    const id = await this.users.insert({
      username: body.username,
      display_name: body.display_name,
      password_hash: await hashPassword(body.password),
      role: body.role,
      demo,
      scope_unit_ids: body.scope_unit_ids,
    });
    // Failures typed earlier against this name (when it was nobody's) do not carry over.
    await this.auth.unlock(body.username);
    const created = withoutHash((await this.users.byId(id))!);
    await this.audit.record(request, { action: 'user.create', entity_type: 'user', entity_id: id, after: created });
    return { ...created, locked: false };
  }

  async update(request: Req, id: number, body: UpdateUserBody): Promise<UserView> {
    const existing = await this.#managed(request, id);
    const self = request.actor?.id === id;
    if (self && (body.disabled === true || (body.role && body.role !== 'admin'))) {
      throw badRequest('Không thể tự khóa hoặc tự hạ quyền / you cannot disable or demote yourself', 'role', {
        code: 'user.cannot_demote_self',
      });
    }
    if (self && !request.scope.all && (body.role !== undefined || body.scope_unit_ids !== undefined)) {
      throw forbidden(
        'Quản trị viên theo phường không tự đổi phạm vi hay vai trò của mình / an administrator limited to some wards cannot change their own scope or role',
        { code: 'user.cannot_change_own_access' },
      );
    }
    if (body.scope_unit_ids) {
      this.#checkGrantedScope(request, body.scope_unit_ids);
      await this.#checkScope(body.scope_unit_ids);
    }
    if (body.password !== undefined) checkPassword(body.password, 'password');
    const before = withoutHash(existing);
    await this.users.update(id, {
      ...(body.display_name !== undefined ? { display_name: body.display_name } : {}),
      ...(body.role !== undefined ? { role: body.role as Role } : {}),
      ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
      ...(body.password !== undefined ? { password_hash: await hashPassword(body.password) } : {}),
    });
    if (body.scope_unit_ids) await this.users.setScope(id, body.scope_unit_ids);
    // A disabled user, a new password or a new scope must take effect now, not at session expiry.
    if (body.disabled || body.password || body.scope_unit_ids || body.role) await this.auth.revokeUserSessions(id);
    // A reset password ends the API tokens too: whoever held one may have known the old password.
    const tokensRevoked = body.password !== undefined ? await this.auth.revokeUserTokens(id) : 0;
    this.auth.invalidateScopes();
    const after = withoutHash((await this.users.byId(id))!);
    await this.audit.record(request, {
      action: 'user.update',
      entity_type: 'user',
      entity_id: id,
      before,
      after: { ...after, ...(body.password ? { password: 'changed', tokens_revoked: tokensRevoked } : {}) },
    });
    return { ...after, locked: (await this.auth.lockedNames([after.username])).has(after.username) };
  }

  /** Lifts the lock set after too many failed sign-ins (audited, also when there was none). */
  async unlock(request: Req, id: number): Promise<UserView> {
    const user = await this.#managed(request, id);
    const wasLocked = (await this.auth.lockedNames([user.username])).has(user.username);
    await this.auth.unlock(user.username);
    await this.audit.record(request, {
      action: 'user.unlock',
      entity_type: 'user',
      entity_id: id,
      before: { locked: wasLocked },
      after: { locked: false },
    });
    return { ...withoutHash(user), locked: false };
  }

  async #managed(request: Req, id: number): Promise<UserWithHash> {
    const user = await this.users.byId(id);
    if (!user || !manages(request, user)) throw notFoundInScope('user', id);
    return user;
  }

  /** A scoped administrator grants only scopes inside theirs, never the whole area. */
  #checkGrantedScope(request: Req, unitIds: readonly number[]): void {
    if (request.scope.all) return;
    if (!unitIds.length || !within(request.scope, unitIds)) {
      throw forbidden(
        'Chỉ giao được phạm vi trong phạm vi của bạn (các phường của bạn) / you can only give a scope inside your own wards',
        { code: 'user.scope_outside_yours', params: { field: 'scope_unit_ids' } },
      );
    }
  }

  async #checkScope(unitIds: number[]): Promise<void> {
    if (!unitIds.length) return;
    const found = await this.units.kindsOf(unitIds);
    for (const id of unitIds) {
      const kind = found.get(id);
      if (!kind) throw badRequest(`Đơn vị ${id} không tồn tại / unknown unit in scope_unit_ids`, 'scope_unit_ids');
      if (!WARD_KINDS.includes(kind as (typeof WARD_KINDS)[number])) {
        throw badRequest(
          `Đơn vị ${id} không phải phường/xã / scope units must be wards (got ${kind})`,
          'scope_unit_ids',
        );
      }
    }
  }
}

function within(scope: Scope, unitIds: readonly number[]): boolean {
  if (scope.all) return true;
  const mine = new Set(scope.unitIds);
  return unitIds.every((u) => mine.has(u));
}

/** Whether the caller may see and change this account: their own, or one scoped inside their scope. */
function manages(request: Req, user: Pick<UserRow, 'id' | 'scope_unit_ids'>): boolean {
  if (request.scope.all) return true;
  if (request.actor?.id === user.id) return true;
  return user.scope_unit_ids.length > 0 && within(request.scope, user.scope_unit_ids);
}
