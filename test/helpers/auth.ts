import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SYSTEM } from '../../server/auth/context.ts';
import type { Role } from '../../server/auth/roles.ts';

export interface Client {
  username: string;
  password: string;
  userId: number;
  cookie: string;
  csrf: string;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  send(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/**
 * Creates a real user through the users service (password hashed, scope resolved) and signs in
 * through the real login route, so tests exercise the same path as the browser.
 */
export async function signIn(
  app: FastifyInstance,
  role: Role,
  opts: { wardCodes?: string[]; at?: string } = {},
): Promise<Client> {
  const username = `${role}.${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const scope = opts.wardCodes ? await app.services.units.idsByCode(opts.wardCodes, opts.at ?? '2017-12-31') : [];
  const user = await app.services.users.create(SYSTEM, {
    username,
    display_name: `Test ${role}`,
    role,
    password,
    scope_unit_ids: scope,
  });
  return loginAs(app, username, password, user.id);
}

export async function loginAs(app: FastifyInstance, username: string, password: string, userId = 0): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${username}: ${res.statusCode} ${res.body}`);
  const setCookie = res.cookies.find((c) => c.name === 'atlas_session');
  if (!setCookie) throw new Error('no session cookie');
  const cookie = `atlas_session=${setCookie.value}`;
  const csrf = res.json().csrf_token as string;
  return {
    username,
    password,
    userId: userId || res.json().user.id,
    cookie,
    csrf,
    get: (url, headers = {}) => app.inject({ method: 'GET', url, headers: { cookie, ...headers } }),
    send: (method, url, payload) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      }),
  };
}
