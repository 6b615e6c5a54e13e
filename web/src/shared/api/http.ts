/**
 * The one HTTP helper of the web app (same origin). Data routes need a session: the server sets an
 * http-only cookie on sign-in, and state-changing requests carry the session's CSRF token in the
 * `x-csrf-token` header. Failures throw an {@link ApiError} carrying the server's `code` and
 * `params`, which `describeError` (errors.ts) renders in the chosen language.
 */
import type { ApiErrorBody } from './types.ts';

/** A non-2xx answer, or a network/parse failure (status 0). */
export class ApiError extends Error {
  /** Stable code of the refusal (`auth.login_failed`, `params.not_integer`, `client.offline`…). */
  readonly code: string | undefined;
  /** The values the code's text needs. */
  readonly params: Record<string, unknown>;

  constructor(
    readonly status: number,
    message: string,
    readonly url: string,
    /** The request field the server says is wrong, e.g. `username`. */
    readonly field?: string,
    coded: { code?: string | undefined; params?: Record<string, unknown> | undefined } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = coded.code;
    this.params = coded.params ?? {};
  }
}

/** The CSRF token of the current session, from the last sign-in or `/api/auth/me`. */
let sessionCsrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  sessionCsrfToken = token;
}

export function csrfToken(): string | null {
  return sessionCsrfToken;
}

export type Query = Record<string, string | number | undefined>;

export function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** Query values as the URL carries them (booleans as true/false, null and undefined left out). */
export function queryOf(query: object): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) out[k] = typeof v === 'boolean' ? String(v) : (v as string | number);
  }
  return out;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string';
}

/** The ApiError of a failed answer's parsed body (or of a status alone). */
export function errorOf(status: number, body: unknown, url: string): ApiError {
  if (!isErrorBody(body)) return new ApiError(status, `HTTP ${status}`, url, undefined, { code: `http.${status}` });
  const b = body as ApiErrorBody & { code?: string; params?: Record<string, unknown> };
  return new ApiError(status, b.message, url, b.field, { code: b.code, params: b.params });
}

/** A request that never reached an answer (offline, refused, reset). */
export function offline(err: unknown, url: string): ApiError {
  const detail = err instanceof Error ? err.message : String(err);
  return new ApiError(0, `cannot reach the server (${detail})`, url, undefined, {
    code: 'client.offline',
    params: { detail },
  });
}

/** `fetch` that turns a network failure into an ApiError (an abort stays an AbortError). */
export async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { credentials: 'same-origin', ...init });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw offline(err, url);
  }
}

/** Throws the ApiError of a non-2xx answer (JSON error body when there is one). */
export async function ensureOk(response: Response, url: string): Promise<Response> {
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  throw errorOf(response.status, body, url);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  csrfToken?: string | null;
  signal?: AbortSignal | undefined;
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const method = options.method ?? 'GET';
  const csrfToken = options.csrfToken ?? (method === 'GET' ? null : sessionCsrfToken);
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await send(url, {
    method,
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
    signal: options.signal ?? null,
  });
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `invalid answer (HTTP ${response.status})`, url, undefined, {
      code: 'client.bad_answer',
      params: { status: response.status },
    });
  }
  if (!response.ok) throw errorOf(response.status, body, url);
  return body as T;
}

export function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { query, signal });
}

/**
 * POSTs a file (or form) as the body, with the session's CSRF token, and hands back the raw answer:
 * the boundary import streams NDJSON progress, and rejected imports carry a report worth showing.
 */
export function postFile(
  path: string,
  query: Query,
  body: BodyInit,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  const url = buildUrl(path, query);
  const all = { ...headers, ...(sessionCsrfToken ? { 'x-csrf-token': sessionCsrfToken } : {}) };
  return send(url, { method: 'POST', headers: all, body, signal: signal ?? null });
}
