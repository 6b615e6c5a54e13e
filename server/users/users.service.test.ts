import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { UsersService } from './users.service.ts';

/** The sign-in locks, as a set of locked names (the login throttle's SQL is tested with the database). */
function locks(locked: Set<string>) {
  return {
    lockedNames: async (names: readonly string[]) => new Set(names.filter((n) => locked.has(n))),
    unlock: async (name: string) => locked.delete(name),
  };
}

const PASSWORD = 'đêm trăng rằm bên hồ';

describe('UsersService: account administration on in-memory repositories', () => {
  let w: FakeWorld;
  let users: UsersService;
  let locked: Set<string>;
  let a: ReturnType<typeof area>;
  let b: ReturnType<typeof area>;
  let admin: ReturnType<FakeWorld['memory']['ctx']>;
  let wardAdmin: ReturnType<FakeWorld['memory']['ctx']>;

  beforeEach(() => {
    w = fakeWorld();
    locked = new Set();
    users = new UsersService(w.uow, locks(locked));
    a = area(w.memory, '100', 1);
    b = area(w.memory, '200', 1);
    admin = w.memory.ctx(w.memory.user({ username: 'admin', role: 'admin' }));
    wardAdmin = w.memory.ctx(w.memory.user({ username: 'admin.a', role: 'admin', scope_unit_ids: [a.ward.id] }));
  });

  it('creates an account (audited without its hash, announced), refusing taken names, weak passwords and non-wards', async () => {
    const u = await users.create(admin, {
      username: 'xem.a',
      display_name: 'Xem A',
      role: 'viewer',
      password: PASSWORD,
      scope_unit_ids: [a.ward.id],
    });
    expect(u).toMatchObject({ username: 'xem.a', scope_unit_ids: [a.ward.id], locked: false });
    expect(JSON.stringify(w.memory.rows.audit)).not.toContain('password_hash');
    expect(w.published).toEqual([{ type: 'usersChanged', userIds: [u.id] }]);
    const body = { username: 'x2', display_name: 'X', role: 'viewer' as const, password: PASSWORD, scope_unit_ids: [] };
    await expect(users.create(admin, { ...body, username: 'xem.a' })).rejects.toMatchObject({
      statusCode: 409,
      code: 'user.username_taken',
    });
    await expect(users.create(admin, { ...body, password: 'password1234' })).rejects.toMatchObject({
      code: 'auth.password_too_common',
      field: 'password',
    });
    await expect(users.create(admin, { ...body, scope_unit_ids: [a.groups[0]!.id] })).rejects.toMatchObject({
      code: 'user.scope_not_ward',
      params: { kind: 'to_dan_pho' },
    });
    expect(w.memory.rows.users.map((x) => x.username)).toEqual(['admin', 'admin.a', 'xem.a']);
  });

  it('a ward-scoped administrator manages only accounts inside their wards and cannot widen anyone, themselves included', async () => {
    const inB = w.memory.user({ username: 'xem.b', role: 'viewer', scope_unit_ids: [b.ward.id] });
    const body = { username: 'new', display_name: 'N', role: 'viewer' as const, password: PASSWORD };
    await expect(users.create(wardAdmin, { ...body, scope_unit_ids: [] })).rejects.toMatchObject({
      statusCode: 403,
      code: 'user.scope_outside_yours',
    });
    await expect(users.create(wardAdmin, { ...body, scope_unit_ids: [b.ward.id] })).rejects.toMatchObject({
      code: 'user.scope_outside_yours',
    });
    await expect(users.update(wardAdmin, inB.id, { display_name: 'x' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'user.not_found',
    });
    await expect(
      users.update(wardAdmin, wardAdmin.actor!.id, { scope_unit_ids: [a.ward.id, b.ward.id] }),
    ).rejects.toMatchObject({
      code: 'user.cannot_change_own_access',
    });
    expect((await users.list(wardAdmin)).map((u) => u.username)).toEqual(['admin.a']);
    expect(await users.managedIds(admin)).toBeNull();
  });

  it('a reset password signs the user out everywhere and ends their API tokens, in the same write', async () => {
    const u = w.memory.user({ username: 'bientap', role: 'editor' });
    w.memory.rows.sessions.push(
      { id: 's1', user_id: u.id, revoked: false },
      { id: 's2', user_id: u.id, revoked: false },
    );
    w.memory.rows.tokens.push({ id: 1, user_id: u.id, revoked: false });
    locked.add('bientap');
    const after = await users.update(admin, u.id, { password: PASSWORD });
    expect(after.locked).toBe(true); // a reset does not lift a lock: that is its own, audited act
    expect(w.memory.rows.sessions.every((s) => s.revoked)).toBe(true);
    expect(w.memory.rows.tokens.every((t) => t.revoked)).toBe(true);
    expect(w.memory.rows.audit.at(-1)!.after).toMatchObject({ password: 'changed', tokens_revoked: 1 });
    expect(w.published).toEqual([
      { type: 'usersChanged', userIds: [u.id] },
      { type: 'sessionsRevoked', userIds: [u.id], sessionIds: [] },
    ]);
    await expect(users.update(admin, admin.actor!.id, { role: 'viewer' })).rejects.toMatchObject({
      code: 'user.cannot_demote_self',
    });
    const unlocked = await users.unlock(admin, u.id);
    expect(unlocked.locked).toBe(false);
    expect(w.memory.rows.audit.at(-1)).toMatchObject({
      action: 'user.unlock',
      before: { locked: true },
      after: { locked: false },
    });
  });

  it('renaming alone keeps the sessions', async () => {
    const u = w.memory.user({ username: 'bientap', role: 'editor' });
    w.memory.rows.sessions.push({ id: 's1', user_id: u.id, revoked: false });
    await users.update(admin, u.id, { display_name: 'Biên tập' });
    expect(w.memory.rows.sessions[0]!.revoked).toBe(false);
    expect(w.published.map((e) => e.type)).toEqual(['usersChanged']);
  });
});
