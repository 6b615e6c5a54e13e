import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../config.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import { AppError, badRequest, notFoundInScope } from '../errors.ts';
import type { SecuritySettings } from '../settings/settings.schemas.ts';
import type { UsersRepository, UserWithHash } from '../users/users.repository.ts';
import type { Actor } from './actor.ts';
import type { AuthRepository } from './auth.repository.ts';
import type { RequestContext } from './context.ts';
import { accountKey, type LoginThrottle } from './login-throttle.ts';
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

export interface AuthStore {
  auth: Omit<AuthRepository, never>;
  users: Pick<UsersRepository, 'byId' | 'byUsername' | 'update' | 'unitsWithin'>;
}

/** A new session: the cookie's secret (sent once, stored only as its hash) and who it is for. */
export interface SignedIn {
  token: string;
  actor: Actor;
}

/**
 * Signing in and out, sessions, API tokens and the user's own password. Who is asking is resolved
 * here for every request (the access plugin calls `actorFromSession`/`actorFromToken`), with two
 * caches: scopes for SCOPE_TTL_MS and, when SESSION_CACHE_MS > 0, resolved sessions. Both forget
 * what the domain events say changed (the composition root subscribes them): `sessionsRevoked`,
 * `usersChanged`, `boundariesChanged` — from this process or, over LISTEN/NOTIFY, from the others;
 * while the others cannot be heard (`coherent` false) neither cache is used.
 */
export class AuthService {
  // A verify against this keeps the timing of "no such user" like that of "wrong password".
  readonly #dummyHash = hashPassword(newSecret());
  readonly #scopes = new Map<number, { scope: Scope; at: number }>();
  /** Sessions resolved in the last SESSION_CACHE_MS, by session id (the token's hash). */
  readonly #sessions = new Map<string, { actor: Actor; at: number }>();

  constructor(
    private readonly config: Config,
    private readonly uow: UnitOfWork<AuthStore>,
    private readonly throttle: LoginThrottle,
    private readonly settings: { security(): Promise<SecuritySettings> },
    /** Whether revocations made by other server processes reach this one now (EventBus.coherent). */
    private readonly coherent: () => boolean = () => true,
  ) {}

  /**
   * A sign-in attempt: admitted by the per-account and per-address limits (or refused with 423 or
   * 429 before any password is checked), then the password checked. The answer is the same for an
   * unknown name, a disabled account and a wrong password, and takes as long (a dummy hash is
   * verified when there is no user). A success opens a session (audited).
   */
  async login(ctx: RequestContext, username: string, password: string, userAgent: string | null): Promise<SignedIn> {
    const ip = ctx.ip ?? '';
    const { locksOnFailure } = await this.throttle.admit(username, ip);
    const user = await this.verifyCredentials(username, password);
    if (!user) {
      const tried = username.slice(0, 64);
      if (locksOnFailure) {
        const locked = await this.uow.read.users.byUsername(accountKey(username).slice('user:'.length));
        await this.uow.write(ctx, (tx) =>
          tx.audit({
            action: 'auth.account_locked',
            entity_type: 'user',
            entity_id: locked?.id ?? null,
            after: { username: tried, failures: this.config.LOGIN_LOCK_AFTER },
          }),
        );
      }
      // Counted and sampled into the audit log by the error handler (audit/refusals.ts); the name
      // tried goes there, never back to the client.
      throw new AppError(401, 'auth.login_failed', 'Sai tên đăng nhập hoặc mật khẩu / wrong username or password', {
        params: { username: tried },
      });
    }
    await this.throttle.succeeded(username, ip);
    const token = newSecret();
    const csrfToken = newSecret(24);
    const actor: Actor = {
      ...(await this.#actor(this.uow.read, user, 'session')),
      sessionId: sha256(token),
      csrfToken,
    };
    // The sign-in is recorded as the user's own act.
    await this.uow.write({ ...ctx, actor }, async (tx) => {
      await tx.repos.auth.createSession({
        id: actor.sessionId!,
        user_id: user.id,
        csrf_token: csrfToken,
        expires_at: new Date(Date.now() + this.config.SESSION_TTL_HOURS * 3600_000),
        ip: ctx.ip,
        user_agent: userAgent?.slice(0, 300) ?? null,
      });
      await tx.audit({ action: 'auth.login', entity_type: 'user', entity_id: user.id });
    });
    return { token, actor };
  }

  /** Checks credentials; returns the user or null (never says which part was wrong). */
  async verifyCredentials(username: string, password: string): Promise<UserWithHash | null> {
    const user = await this.uow.read.users.byUsername(username.normalize('NFC').trim().toLowerCase());
    if (!user) {
      await passwordMatches(await this.#dummyHash, password);
      return null;
    }
    const ok = await passwordMatches(user.password_hash, password);
    return ok && !user.disabled ? user : null;
  }

  /** Ends the caller's session (audited). */
  async logout(ctx: RequestContext): Promise<void> {
    const sessionId = ctx.actor?.sessionId;
    await this.uow.write(ctx, async (tx) => {
      if (sessionId) await tx.repos.auth.revokeSession(sessionId);
      await tx.audit({ action: 'auth.logout', entity_type: 'user', entity_id: ctx.actor?.id ?? null });
      if (sessionId) tx.emit({ type: 'sessionsRevoked', userIds: [], sessionIds: [sessionId] });
    });
  }

  /** The actor behind a session cookie, or null when it is unknown, revoked, expired or idle. */
  async actorFromSession(token: string): Promise<Actor | null> {
    const id = sha256(token);
    // While another process's revocation could not reach us, every request reads the database.
    const ttl = this.coherent() ? this.config.SESSION_CACHE_MS : 0;
    if (ttl > 0) {
      const hit = this.#sessions.get(id);
      if (hit && Date.now() - hit.at < ttl) return hit.actor;
    }
    const actor = await this.#resolveSession(this.uow.read, id);
    if (ttl > 0 && actor) {
      if (this.#sessions.size >= SESSION_CACHE_MAX) this.#sessions.clear();
      this.#sessions.set(id, { actor, at: Date.now() });
    }
    return actor;
  }

  async #resolveSession(repos: AuthStore, id: string): Promise<Actor | null> {
    const now = new Date();
    const s = await repos.auth.findSession(id, now);
    if (!s) return null;
    const idleMs = this.config.SESSION_IDLE_MINUTES * 60_000;
    if (now.getTime() - new Date(s.last_seen_at).getTime() > idleMs) {
      await repos.auth.revokeSession(id);
      return null;
    }
    if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_EVERY_MS) await repos.auth.touchSession(id, now);
    const user = await repos.users.byId(s.user_id);
    if (!user || user.disabled) return null;
    return { ...(await this.#actor(repos, user, 'session')), sessionId: id, csrfToken: s.csrf_token };
  }

  async actorFromToken(token: string): Promise<Actor | null> {
    if (!token.startsWith(TOKEN_PREFIX)) return null;
    const now = new Date();
    const { token_max_days } = await this.settings.security();
    const repos = this.uow.read;
    const t = await repos.auth.findToken(sha256(token), now, token_max_days);
    if (!t) return null;
    await repos.auth.touchToken(t.id, now);
    const user = await repos.users.byId(t.user_id);
    if (!user || user.disabled) return null;
    return this.#actor(repos, user, 'token');
  }

  /**
   * A new API token (audited). Every token expires: by default after the maximum lifetime an
   * administrator set (GET /api/settings/security), never later.
   */
  async createToken(ctx: RequestContext, name: string, expiresInDays: number | undefined) {
    const userId = ctx.actor!.id;
    const { token_max_days } = await this.settings.security();
    const days = expiresInDays ?? token_max_days;
    if (days > token_max_days) {
      throw badRequest(
        'auth.token_lifetime_too_long',
        `Thời hạn tối đa là ${token_max_days} ngày / tokens may live at most ${token_max_days} days`,
        { field: 'expires_in_days', params: { max_days: token_max_days } },
      );
    }
    const token = `${TOKEN_PREFIX}${newSecret()}`;
    return this.uow.write(ctx, async (tx) => {
      const row = await tx.repos.auth.createToken({
        user_id: userId,
        name,
        token_hash: sha256(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        expires_at: new Date(Date.now() + days * 86400_000),
      });
      await tx.audit({
        action: 'token.create',
        entity_type: 'api_token',
        entity_id: row.id,
        after: { name: row.name, prefix: row.prefix, expires_at: row.expires_at },
      });
      return { ...row, token };
    });
  }

  listTokens(ctx: RequestContext) {
    return this.uow.read.auth.listTokens(ctx.actor!.id);
  }

  /** Revokes one of the caller's own tokens (audited); another user's is "not found". */
  async revokeToken(ctx: RequestContext, id: number): Promise<void> {
    await this.uow.write(ctx, async (tx) => {
      if (!(await tx.repos.auth.revokeToken(ctx.actor!.id, id))) throw notFoundInScope('token', id);
      await tx.audit({ action: 'token.revoke', entity_type: 'api_token', entity_id: id });
    });
  }

  /**
   * The user's own change: checked against the current one and the policy. Their other sessions
   * and their API tokens end with it — whoever held one may have known the old password. Audited.
   */
  async changePassword(ctx: RequestContext, current: string, next: string): Promise<void> {
    const user = (await this.uow.read.users.byId(ctx.actor!.id))!;
    if (!(await passwordMatches(user.password_hash, current))) {
      throw badRequest('auth.current_password_wrong', 'Mật khẩu hiện tại không đúng / current password is wrong', {
        field: 'current_password',
      });
    }
    checkPassword(next, 'new_password');
    const passwordHash = await hashPassword(next);
    await this.uow.write(ctx, async (tx) => {
      await tx.repos.users.update(user.id, { password_hash: passwordHash });
      const tokensRevoked = await tx.repos.auth.revokeUserTokens(user.id);
      await tx.repos.auth.revokeUserSessions(user.id, ctx.actor?.sessionId);
      await tx.audit({
        action: 'auth.password_change',
        entity_type: 'user',
        entity_id: user.id,
        after: { password: 'changed', tokens_revoked: tokensRevoked },
      });
      tx.emit({ type: 'sessionsRevoked', userIds: [user.id], sessionIds: [] });
    });
  }

  /**
   * Forgets cached sessions: these ids, and every session of these users. The session the user
   * is in stays valid in the database when a password change spares it; it is resolved afresh.
   */
  forgetSessions(e: { userIds: readonly number[]; sessionIds: readonly string[] }): void {
    for (const id of e.sessionIds) this.#sessions.delete(id);
    if (!e.userIds.length) return;
    const users = new Set(e.userIds);
    for (const [id, s] of this.#sessions) if (users.has(s.actor.id)) this.#sessions.delete(id);
  }

  /**
   * Forgets cached scopes (and the sessions that carry them): of these users, or of everyone when
   * the list is empty (boundaries changed: the units inside every scope ward may differ).
   */
  forgetScopes(userIds: readonly number[] = []): void {
    if (!userIds.length) {
      this.#scopes.clear();
      this.#sessions.clear();
      return;
    }
    for (const id of userIds) this.#scopes.delete(id);
    this.forgetSessions({ userIds, sessionIds: [] });
  }

  /** The scope of a user: all, or the unit ids inside their scope wards (cached briefly). */
  async #scopeOf(repos: AuthStore, userId: number, rootIds: readonly number[]): Promise<Scope> {
    if (rootIds.length === 0) return ALL;
    const cached = this.#scopes.get(userId);
    if (cached && this.coherent() && Date.now() - cached.at < SCOPE_TTL_MS) return cached.scope;
    const scope = unitScope(await repos.users.unitsWithin(rootIds));
    this.#scopes.set(userId, { scope, at: Date.now() });
    return scope;
  }

  async #actor(repos: AuthStore, user: UserWithHash, via: 'session' | 'token'): Promise<Actor> {
    return {
      id: user.id,
      username: user.username,
      display_name: user.display_name,
      role: user.role as Role,
      scope: await this.#scopeOf(repos, user.id, user.scope_unit_ids),
      via,
    };
  }
}
