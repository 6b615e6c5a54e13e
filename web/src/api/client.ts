/**
 * Typed access to the atlas API (same origin). Data routes need a session: the server sets an
 * http-only cookie on sign-in, and state-changing requests carry the session's CSRF token in the
 * `x-csrf-token` header. Failures throw an {@link ApiError} (status 401: not signed in).
 */
import type {
  ApiErrorBody,
  Health,
  IndicatorsResponse,
  MapLevel,
  Me,
  UnitsCollection,
  ValuesResponse,
} from './types.ts';

/** A non-2xx answer, or a network/parse failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Query = Record<string, string | number | undefined>;

function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string';
}

interface RequestOptions {
  method?: 'GET' | 'POST';
  query?: Query;
  body?: unknown;
  csrfToken?: string | null;
  signal?: AbortSignal;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, `Không kết nối được máy chủ (${(err as Error).message})`, url);
  }
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `Máy chủ trả về dữ liệu không hợp lệ (HTTP ${response.status})`, url);
  }
  if (!response.ok) {
    const message = isErrorBody(body) ? body.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, url);
  }
  return body as T;
}

function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { query, ...(signal ? { signal } : {}) });
}

/** Signs in; the server answers with the session cookie. Wrong credentials: ApiError 401. */
export function login(username: string, password: string): Promise<Me> {
  return request<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
}

/** The signed-in user, or ApiError 401 when there is no (valid) session. */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return getJson<Me>('/api/auth/me', undefined, signal);
}

export function logout(csrfToken: string | null): Promise<void> {
  return request<void>('/api/auth/logout', { method: 'POST', csrfToken });
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', undefined, signal);
}

export function fetchIndicators(signal?: AbortSignal): Promise<IndicatorsResponse> {
  return getJson<IndicatorsResponse>('/api/indicators', undefined, signal);
}

/** Boundaries of every unit of `level` valid on `at` (`YYYY-MM-DD`). */
export function fetchUnits(level: MapLevel, at: string, signal?: AbortSignal): Promise<UnitsCollection> {
  return getJson<UnitsCollection>('/api/units', { level, at }, signal);
}

export interface ValuesQuery {
  indicator: string;
  level: MapLevel;
  /** First and last month, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  /** Boundary version date, `YYYY-MM-DD`. */
  at: string;
}

export function fetchValues(query: ValuesQuery, signal?: AbortSignal): Promise<ValuesResponse> {
  return getJson<ValuesResponse>('/api/values', { ...query }, signal);
}
