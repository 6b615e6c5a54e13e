import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../http/errors.schemas.ts';
import { IdParams } from '../http/params.schemas.ts';
import type { Actor } from './actor.ts';
import { SESSION_COOKIE } from './access.plugin.ts';
import { CreatedToken, LoginBody, Me, PasswordBody, Token, TokenBody } from './auth.schemas.ts';
import { MIN_PASSWORD_LENGTH } from './password-policy.ts';
import { READERS } from './roles.ts';

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
  const { auth } = app.services;
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
        response: { 200: Me, ...errorResponses(400, 401, 423, 429) },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { token, actor } = await auth.login(request.ctx, username, password, request.headers['user-agent'] ?? null);
      reply.setCookie(SESSION_COOKIE, token, {
        ...cookieOptions(request),
        maxAge: app.config.SESSION_TTL_HOURS * 3600,
      });
      return me(actor);
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: READERS },
      schema: { tags: ['auth'], summary: 'Người dùng hiện tại / current user', response: { 200: Me } },
    },
    async (request) => me(request.ctx.actor!),
  );

  app.post(
    '/api/auth/logout',
    { config: { access: READERS }, schema: { tags: ['auth'], summary: 'Đăng xuất / sign out' } },
    async (request, reply) => {
      await auth.logout(request.ctx);
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
        response: { 204: Type.Null(), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.ctx, request.body.current_password, request.body.new_password);
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
    async (request) => (await auth.listTokens(request.ctx)).map(tokenJson),
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
        response: { 201: CreatedToken, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const created = await auth.createToken(request.ctx, request.body.name, request.body.expires_in_days);
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
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses(404) },
      },
    },
    async (request, reply) => {
      await auth.revokeToken(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
