import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Actor } from './actor.ts';
import type { Access } from './roles.ts';
import { ALL, type Scope } from './scope.ts';
import { safeEqual } from './secrets.ts';

export const SESSION_COOKIE = 'atlas_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Paths that must declare an access rule. Static files and API docs carry no data. */
const GUARDED = /^\/(api|tiles|ogc)(\/|$)/;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** The unit scope every repository call of this request must use. */
    scope: Scope;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

export interface RouteRule {
  method: string;
  url: string;
  access: Access;
}

/**
 * Authentication and authorisation for every route, in one place: who is asking (session cookie
 * or bearer API token), may their role use this route, and for cookie sessions, does a
 * state-changing request carry the session's CSRF token. A guarded route without an access rule
 * stops the app at start-up, so no route can be forgotten.
 */
export const accessPlugin = fp(async (app: FastifyInstance) => {
  const rules: RouteRule[] = [];
  app.decorate('routeRules', rules);
  app.decorateRequest('actor', null);
  app.decorateRequest('scope', null as never);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!GUARDED.test(route.url)) return;
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} has no access rule (config.access)`);
    // Unknown query parameters are an error everywhere, also on routes that take none.
    route.schema ??= {};
    route.schema.querystring ??= { type: 'object', properties: {}, additionalProperties: false };
    for (const m of methods) if (m !== 'HEAD') rules.push({ method: m, url: route.url, access });
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const auth = app.services.auth;
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const cookie = request.cookies[SESSION_COOKIE];
    if (bearer) request.actor = await auth.actorFromToken(bearer);
    else if (cookie) request.actor = await auth.actorFromSession(cookie);
    request.scope = request.actor?.scope ?? ALL;

    const access = request.routeOptions.config?.access;
    if (!GUARDED.test(request.url) || access === 'public' || access === undefined) return;
    if (!request.actor) {
      if (bearer) reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      return reply.status(401).send({
        statusCode: 401,
        error: 'Unauthorized',
        message: 'Cần đăng nhập / sign in required',
      });
    }
    if (!access.includes(request.actor.role)) {
      return reply.status(403).send({
        statusCode: 403,
        error: 'Forbidden',
        message: `Vai trò "${request.actor.role}" không được phép / role not allowed here (needs ${access.join(', ')})`,
      });
    }
    if (request.actor.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !request.actor.csrfToken || !safeEqual(sent, request.actor.csrfToken)) {
        return reply.status(403).send({
          statusCode: 403,
          error: 'Forbidden',
          message: `Thiếu hoặc sai mã CSRF / missing or wrong ${CSRF_HEADER} header`,
        });
      }
    }
  });

  // Data responses depend on who asks: never shared between users by a cache.
  app.addHook('onSend', async (request, reply) => {
    if (!GUARDED.test(request.url)) return;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    reply.header('vary', 'Cookie, Authorization');
  });
});

declare module 'fastify' {
  interface FastifyInstance {
    routeRules: RouteRule[];
  }
}
