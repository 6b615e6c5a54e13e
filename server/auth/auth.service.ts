import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.ts';
import { badRequest, notFoundInScope } from '../errors.ts';
import type { SecuritySettings } from '../settings/security-settings.schemas.ts';
import type { UsersRepository, UserWithHash } from '../users/users.repository.ts';
import type { Actor } from './actor.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { checkPassword, normalizePassword } from './password-policy.ts';
import type { Role } from './roles.ts';
import { ALL, unitScope, type Scope } from './scope.ts';
import { newSecret, sha256 } from './secrets.ts';

export const TOKEN_PREFIX = 'atlas_';
const SCOPE_TTL_MS = 30_000;
const TOUCH_EVERY_MS = 60_000;
/** Above this many cached sessions the cache starts again (a bound on memory, not an LRU). */
const SESSION_CACHE_MAX = 10_000;

/** Argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommended minimum), of the NFC text. */
export const hashPassword = (password: string) => hash(normalizePassword(password));

/** Whether a password matches a hash; hashes made before passwords were normalised took the text as typed. */
async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  const nfc = normalizePassword(password);
  if (await verify(passwordHash, nfc).catch(() => false)) return true;
  return nfc !== password && verify(passwordHash, password).catch(() => false);
}

/** What a sign-in attempt came to (refusals before the password is checked are thrown). */
export type LoginOutcome = { ok: true; user: UserWithHash } | { ok: false; lockedNow: boolean };

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
    private readonly throttle: LoginThrottle,
    private readonly settings: { get(): Promise<SecuritySettings> },
  ) {}

  /**
   * A sign-in attempt: admitted by the per-account and per-address limits (or refused with 423 or
   * 429 before any password is checked), then the password checked. The answer is the same for an
   * unknown name, a disabled account and a wrong password, and takes as long (a dummy hash is
   * verified when there is no user).
   */
  async login(username: string, password: string, ip: string): Promise<LoginOutcome> {
    const { locksOnFailure } = await this.throttle.admit(username, ip);
    const user = await this.verifyCredentials(username, password);
    if (!user) return { ok: false, lockedNow: locksOnFailure };
    await this.throttle.succeeded(username, ip);
    return { ok: true, user };
  }

  /** Checks credentials; returns the user or null (never says which part was wrong). */
  async verifyCredentials(username: string, password: string): Promise<UserWithHash | null> {
    const user = await this.users.byUsername(username.normalize('NFC').trim().toLowerCase());
    if (!user) {
      await passwordMatches(await this.#dummyHash, password);
      return null;
    }
    const ok = await passwordMatches(user.password_hash, password);
    return ok && !user.disabled ? user : null;
  }

  /** Lifts the sign-in lock of an account name (an administrator's action). */
  unlock(username: string): Promise<boolean> {
    return this.throttle.unlock(username);
  }

  lockedNames(usernames: readonly string[]): Promise<Set<string>> {
    return this.throttle.lockedNames(usernames);
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
    const { token_max_days } = await this.settings.get();
    const t = await this.auth.findToken(sha256(token), now, token_max_days);
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

  /** Revokes every API token of a user (a password change or reset: whoever held one must ask again). */
  revokeUserTokens(userId: number): Promise<number> {
    return this.auth.revokeUserTokens(userId);
  }

  /**
   * A new API token. Every token expires: by default after the maximum lifetime an administrator
   * set (GET /api/settings/security), never later.
   */
  async createToken(userId: number, name: string, expiresInDays: number | undefined) {
    const { token_max_days } = await this.settings.get();
    const days = expiresInDays ?? token_max_days;
    if (days > token_max_days) {
      throw badRequest(
        `Thời hạn tối đa là ${token_max_days} ngày / tokens may live at most ${token_max_days} days`,
        'expires_in_days',
        { code: 'auth.token_lifetime_too_long', params: { field: 'expires_in_days', max_days: token_max_days } },
      );
    }
    const expiresAt = new Date(Date.now() + days * 86400_000);
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
    if (!(await this.auth.revokeToken(userId, id))) throw notFoundInScope('token', id);
  }

  /** The user's own change: checked against the current one and the policy; their API tokens end with it. */
  async changePassword(user: UserWithHash, current: string, next: string): Promise<{ tokensRevoked: number }> {
    if (!(await passwordMatches(user.password_hash, current))) {
      throw badRequest('Mật khẩu hiện tại không đúng / current password is wrong', 'current_password', {
        code: 'auth.current_password_wrong',
      });
    }
    checkPassword(next, 'new_password');
    await this.users.update(user.id, { password_hash: await hashPassword(next) });
    return { tokensRevoked: await this.revokeUserTokens(user.id) };
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
