import type { FastifyRequest } from 'fastify';
import type { AuditService } from '../audit/audit.service.ts';
import { hashPassword, type AuthService } from '../auth/auth.service.ts';
import type { Role } from '../auth/roles.ts';
import { badRequest, conflict, notFound } from '../errors.ts';
import { WARD_KINDS } from '../../geo/units.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { CreateUserBody, UpdateUserBody } from './users.schemas.ts';
import { withoutHash, type UserRow, type UsersRepository } from './users.repository.ts';

/** Account administration. Every change is audited with before/after (never the hash). */
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<UserRow[]> {
    return this.users.list();
  }

  async create(request: FastifyRequest | null, body: CreateUserBody, demo = false): Promise<UserRow> {
    if (await this.users.byUsername(body.username)) {
      throw conflict(`Tên đăng nhập "${body.username}" đã tồn tại / username already exists`, 'username');
    }
    await this.#checkScope(body.scope_unit_ids);
    const id = await this.users.insert({
      username: body.username,
      display_name: body.display_name,
      password_hash: await hashPassword(body.password),
      role: body.role,
      demo,
      scope_unit_ids: body.scope_unit_ids,
    });
    const created = withoutHash((await this.users.byId(id))!);
    await this.audit.record(request, { action: 'user.create', entity_type: 'user', entity_id: id, after: created });
    return created;
  }

  async update(request: FastifyRequest, id: number, body: UpdateUserBody): Promise<UserRow> {
    const existing = await this.users.byId(id);
    if (!existing) throw notFound(`Không có người dùng / no user ${id}`, 'id');
    if (request.actor?.id === id && (body.disabled === true || (body.role && body.role !== 'admin'))) {
      throw badRequest('Không thể tự khóa hoặc tự hạ quyền / you cannot disable or demote yourself', 'role');
    }
    if (body.scope_unit_ids) await this.#checkScope(body.scope_unit_ids);
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
    this.auth.invalidateScopes();
    const after = withoutHash((await this.users.byId(id))!);
    await this.audit.record(request, {
      action: 'user.update',
      entity_type: 'user',
      entity_id: id,
      before,
      after: { ...after, ...(body.password ? { password: 'changed' } : {}) },
    });
    return after;
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
