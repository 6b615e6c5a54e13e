import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.ts';
import { AppError, badRequest } from '../errors.ts';
import type { UsersRepository, UserWithHash } from '../users/users.repository.ts';
import type { Actor } from './actor.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { Role } from './roles.ts';
import { ALL, unitScope, type Scope } from './scope.ts';
import { newSecret, sha256 } from './secrets.ts';

export const TOKEN_PREFIX = 'atlas_';
const SCOPE_TTL_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
/** Above this many cached sessions the cache starts again (a bound on memory, not an LRU). */
const SESSION_CACHE_MAX = 10_000;

/** Argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum). */
export const hashPassword = (password: string) => hash(password);

export class AuthService {
  // A verify against this keeps the timing of "no such user" like that of "wrong password".
  readonly #dummyHash = hashPassword(newSecret());
  readonly #scopes = new Map<number, { scope: Scope; at: number }>();
  /** Sessions resolved in the last SESSION_CACHE_MS, by session id (the token's hash). */
  readonly #sessions = new Map<string, { actor: Actor; at: number }>();

  constructor(
    private readonly config: Config,
    private readonly auth: AuthRepository,
    private readonly users: UsersRepository,
  ) {}

  /** Checks credentials; returns the user or null (never says which part was wrong). */
  async verifyCredentials(username: string, password: string): Promise<UserWithHash | null> {
    const user = await this.users.byUsername(username.trim().toLowerCase());
    if (!user) {
      await verify(await this.#dummyHash, password).catch(() => false);
      return null;
    }
    const ok = await verify(user.password_hash, password).catch(() => false);
    return ok && !user.disabled ? user : null;
  }

  async createSession(userId: number, ip: string | null, userAgent: string | null) {
    const token = newSecret();
    const csrfToken = newSecret(24);
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000);
    await this.auth.createSession({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      expires_at: expiresAt,
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The actor behind a session cookie, or null when it is unknown, revoked, expired or idle. */
  async actorFromSession(token: string): Promise<Actor | null> {
    const id = sha256(token);
    const ttl = this.config.SESSION_CACHE_MS;
    if (ttl > 0) {
      const hit = this.#sessions.get(id);
      if (hit && Date.now() - hit.at < ttl) return hit.actor;
    }
    const actor = await this.#resolveSession(id);
    if (ttl > 0 && actor) {
      if (this.#sessions.size >= SESSION_CACHE_MAX) this.#sessions.clear();
      this.#sessions.set(id, { actor, at: Date.now() });
    }
    return actor;
  }

  async #resolveSession(id: string): Promise<Actor | null> {
    const now = new Date();
    const s = await this.auth.findSession(id, now);
    if (!s) return null;
    const idleMs = this.config.SESSION_IDLE_MINUTES * 60_000;
    if (now.getTime() - new Date(s.last_seen_at).getTime() > idleMs) {
      await this.auth.revokeSession(id);
      return null;
    }
    if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await this.auth.touchSession(id, now);
    const user = await this.users.byId(s.user_id);
    if (!user || user.disabled) return null;
    return { ...(await this.#actor(user, 'session')), sessionId: id, csrfToken: s.csrf_token };
  }

  async actorFromToken(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const now = new Date();
    const t = await this.auth.findToken(sha256(token), now);
    if (!t) return null;
    await this.auth.touchToken(t.id, now);
    const user = await this.users.byId(t.user_id);
    if (!user || user.disabled) return null;
    return this.#actor(user, 'token');
  }

  async revokeSession(sessionId: string): Promise<void> {
    this.#sessions.delete(sessionId);
    await this.auth.revokeSession(sessionId);
  }

  async revokeUserSessions(userId: number, exceptSessionId?: string): Promise<number> {
    this.#sessions.clear();
    return this.auth.revokeUserSessions(userId, exceptSessionId);
  }

  async createToken(userId: number, name: string, expiresAt: Date | null) {
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    const row = await this.auth.createToken({
      user_id: userId,
      name,
      token_hash: sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      expires_at: expiresAt,
    });
    return { ...row, token };
  }

  listTokens(userId: number) {
    return this.auth.listTokens(userId);
  }

  async revokeToken(userId: number, id: number): Promise<void> {
    if (!(await this.auth.revokeToken(userId, id))) {
      throw new AppError(404, `Không tìm thấy mã truy cập / no active token ${id}`, 'id');
    }
  }

  async changePassword(user: UserWithHash, current: string, next: string): Promise<void> {
    if (!(await verify(user.password_hash, current).catch(() => false))) {
      throw badRequest('Mật khẩu hiện tại không đúng / current password is wrong', 'current_password');
    }
    await this.users.update(user.id, { password_hash: await hashPassword(next) });
  }

  /** The scope of a user: all, or the unit ids inside their scope wards (cached briefly). */
  async scopeOf(userId: number, rootIds: readonly number[]): Promise<Scope> {
    if (rootIds.length === 0) return ALL;
    const cached = this.#scopes.get(userId);
    if (cached && Date.now() - cached.at < SCOPE_TTL_MS) return cached.scope;
    const scope = unitScope(await this.users.unitsWithin(rootIds));
    this.#scopes.set(userId, { scope, at: Date.now() });
    return scope;
  }

  /** Users or units changed: scopes (and the sessions that carry them) are resolved again. */
  invalidateScopes(): void {
    this.#scopes.clear();
    this.#sessions.clear();
  }

  async #actor(user: UserWithHash, via: 'session' | 'token'): Promise<Actor> {
    return {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      role: user.role as Role,
      scope: await this.scopeOf(user.id, user.scope_unit_ids),
      via,
    };
  }
}
