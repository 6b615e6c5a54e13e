import type { FastifyInstance, FastifyRequest, FastifySchema } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors.ts';
import { assertNumbersUseHelper } from '../http/numbers.ts';
import type { Actor } from './actor.ts';
import type { RequestContext } from './context.ts';
import type { Access } from './roles.ts';
import { ALL } from './scope.ts';
import { safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'atlas_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Route patterns that must declare an access rule. Static files and API docs carry no data. */
const GUARDED = /^\/(api|tiles|ogc)(\/|$)/;

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Who asks, the unit scope every repository call of this request must use, and from where:
     * what routes hand to services (plain data, no Fastify types).
     */
    ctx: RequestContext;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
  /** The route's request schemas, as registered (the numeric fuzz test reads its parameters here). */
  schema: Pick<FastifySchema, 'params' | 'querystring' | 'body'>;
}

/** The access rule of the route a request matched; undefined for static files, docs and 404s. */
export function routeAccess(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config?.access;
}

/**
 * Authentication and authorisation for every route, in one place: who is asking (session cookie
 * or bearer API token), may their role use this route, and for cookie sessions, does a
 * state-changing request carry the session's CSRF token.
 *
 * The decision is taken from the matched route's own `config.access`, never from the URL: the
 * router has already resolved whatever spelling was sent (see canonical-url.ts), so `/%61pi/…`
 * meets the same rule as `/api/…`. A guarded route without a rule stops the app at start-up, so no
 * route can be forgotten; a path that matches no route is a plain 404 (error-handler.ts).
 */
export const accessPlugin = fp(async (app: FastifyInstance) => {
  const rules: RouteRule[] = [];
  app.decorate('routeRules', rules);
  app.decorateRequest('ctx', null as never);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!GUARDED.test(route.url)) return;
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} has no access rule (config.access)`);
    // Unknown query parameters are an error everywhere, also on routes that take none.
    route.schema ??= {};
    route.schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false };
    for (const part of ['params', 'querystring', 'body', 'headers'] as const) {
      assertNumbersUseHelper(route.schema[part], `${methods.join(',')} ${route.url} ${part}`);
    }
    const { params, querystring, body } = route.schema;
    for (const m of methods)
      if (m !== 'HEAD') rules.push({ method: m, url: route.url, access, schema: { params, querystring, body } });
  });

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const auth = app.services.auth;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    let actor: Actor | null = null;
    if (bearer) actor = await auth.actorFromToken(bearer);
    else if (cookie) actor = await auth.actorFromSession(cookie);
    request.ctx = { actor, scope: actor?.scope ?? ALL, ip: request.ip ?? null };

    const access = routeAccess(request);
    if (access === undefined || access === 'public') return;
    if (!actor) {
      if (bearer) {
        throw new AppError(
          401,
          'auth.invalid_token',
          'Mã truy cập không hợp lệ hoặc đã hết hạn / invalid or expired API token',
        );
      }
      throw new AppError(401, 'auth.required', 'Cần đăng nhập / sign in required');
    }
    if (!access.includes(actor.role)) {
      throw new AppError(
        403,
        'auth.role_not_allowed',
        `Vai trò "${actor.role}" không được phép / role not allowed here (needs ${access.join(', ')})`,
        { params: { role: actor.role, allowed: [...access] } },
      );
    }
    if (actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !actor.csrfToken || !safeEqual(sent, actor.csrfToken)) {
        throw new AppError(403, 'auth.csrf', `Thiếu hoặc sai mã CSRF / missing or wrong ${CSRF_HEADER} header`, {
          field: CSRF_HEADER,
          params: { header: CSRF_HEADER },
        });
      }
    }
  });

  // Data responses depend on who asks: never shared between users by a cache. Decided by the same
  // matched route as access (a route with a rule, public ones included), not by the URL's spelling.
  app.addHook('onSend', async (request, reply) => {
    if (routeAccess(request) === undefined) return;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    reply.header('vary', 'Cookie, Authorization');
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    routeRules: RouteRule[];
  }
}
