import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';
import { Id } from '../http/numbers.ts';
import { ErrorResponse } from '../http/params.ts';
import type { Actor } from './actor.ts';
import { SESSION_COOKIE } from './access.plugin.ts';
import { LoginBody, Me, PasswordBody, Token, TokenBody } from './auth.schemas.ts';
import { accountKey } from './login-throttle.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { READERS } from './roles.ts';

/** The user name an account key stands for (as the users table stores names). */
const accountName = (typed: string) => accountKey(typed).slice('user:'.length);

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

function tokenJson(t: {
  id: number;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date;
  last_used_at?: Date | null;
  revoked_at?: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    created_at: iso(t.created_at)!,
    expires_at: iso(t.expires_at)!,
    last_used_at: iso(t.last_used_at),
    revoked_at: iso(t.revoked_at),
  };
}

function me(actor: Actor) {
  return {
    user: {
      id: actor.id,
      username: actor.username,
      display_name: actor.display_name,
      role: actor.role,
      scope: { all: actor.scope.all, unit_count: actor.scope.all ? 0 : actor.scope.unitIds.length },
    },
    csrf_token: actor.csrfToken ?? null,
  };
}

export const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const cookieOptions = (request: FastifyRequest) => ({
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure:
      app.config.COOKIE_SECURE === 'true' || (app.config.COOKIE_SECURE === 'auto' && request.protocol === 'https'),
  });

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Đăng nhập / sign in',
        description:
          'Limited per account name (after 3 failures each attempt waits 2, 4, 8… s; after LOGIN_LOCK_AFTER the ' +
          'account is locked until an administrator unlocks it: 423) and per client address (LOGIN_RATE_LIMIT ' +
          'attempts a minute: 429). The answer never tells whether the account exists.',
        body: LoginBody,
        response: { 200: Me, 400: ErrorResponse, 401: ErrorResponse, 423: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const s = app.services;
      const outcome = await s.auth.login(username, password, request.ip);
      if (!outcome.ok) {
        if (outcome.lockedNow) {
          const locked = await s.repos.users.byUsername(accountName(username));
          await s.audit.record(request, {
            action: 'auth.account_locked',
            entity_type: 'user',
            entity_id: locked?.id ?? null,
            after: { username: username.slice(0, 64), failures: app.config.LOGIN_LOCK_AFTER },
          });
        }
        // Counted and sampled into the audit log by the error handler (audit/refusals.ts).
        throw new AppError(
          401,
          'Sai tên đăng nhập hoặc mật khẩu / wrong username or password',
          undefined,
          undefined,
          'auth.login_failed',
          {
            username: username.slice(0, 64),
          },
        );
      }
      const user = outcome.user;
      const session = await s.auth.createSession(user.id, request.ip, request.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, session.token, {
        ...cookieOptions(request),
        maxAge: app.config.SESSION_TTL_HOURS * 3600,
      });
      const actor = await s.auth.actorFromSession(session.token);
      request.actor = actor;
      await s.audit.record(request, { action: 'auth.login', entity_type: 'user', entity_id: user.id });
      return me(actor!);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: READERS },
      schema: { tags: ['auth'], summary: 'Người dùng hiện tại / current user', response: { 200: Me } },
    },
    async (request) => me(request.actor!),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: READERS }, schema: { tags: ['auth'], summary: 'Đăng xuất / sign out' } },
    async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.actor?.sessionId) await app.services.auth.revokeSession(request.actor.sessionId);
      await app.services.audit.record(request, {
        action: 'auth.logout',
        entity_type: 'user',
        entity_id: request.actor!.id,
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: READERS, rateLimit: { max: app.config.LOGIN_RATE_LIMIT, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Đổi mật khẩu / change password (signs out other sessions, revokes your API tokens)',
        description: `At least ${MIN_PASSWORD_LENGTH} characters and not a common password; any script, diacritics and spaces allowed.`,
        body: PasswordBody,
        response: { 204: Type.Null(), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const s = app.services;
      const user = (await s.repos.users.byId(request.actor!.id))!;
      const { tokensRevoked } = await s.auth.changePassword(
        user,
        request.body.current_password,
        request.body.new_password,
      );
      await s.auth.revokeUserSessions(user.id, request.actor!.sessionId);
      await s.audit.record(request, {
        action: 'auth.password_change',
        entity_type: 'user',
        entity_id: user.id,
        after: { password: 'changed', tokens_revoked: tokensRevoked },
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      config: { access: READERS },
      schema: {
        tags: ['auth'],
        summary: 'Mã truy cập API của tôi / my API tokens',
        response: { 200: Type.Array(Token) },
      },
    },
    async (request) => (await app.services.auth.listTokens(request.actor!.id)).map(tokenJson),
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: READERS },
      schema: {
        tags: ['auth'],
        summary: 'Tạo mã truy cập API (hiện một lần) / create an API token (shown once)',
        description:
          'Every token expires: `expires_in_days` defaults to, and may not exceed, the maximum lifetime set by an ' +
          'administrator (GET /api/settings/security, 90 days unless changed).',
        body: TokenBody,
        response: { 201: Type.Intersect([Token, Type.Object({ token: Type.String() })]), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const created = await app.services.auth.createToken(
        request.actor!.id,
        request.body.name,
        request.body.expires_in_days,
      );
      await app.services.audit.record(request, {
        action: 'token.create',
        entity_type: 'api_token',
        entity_id: created.id,
        after: { name: created.name, prefix: created.prefix, expires_at: created.expires_at },
      });
      return reply.status(201).send({ ...tokenJson(created), token: created.token });
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      config: { access: READERS },
      schema: {
        tags: ['auth'],
        summary: 'Thu hồi mã truy cập / revoke an API token',
        params: Type.Object({ id: Id() }, { additionalProperties: false }),
        response: { 204: Type.Null(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await app.services.auth.revokeToken(request.actor!.id, request.params.id);
      await app.services.audit.record(request, {
        action: 'token.revoke',
        entity_type: 'api_token',
        entity_id: request.params.id,
      });
      return reply.code(204).send(null);
    },
  );
};
