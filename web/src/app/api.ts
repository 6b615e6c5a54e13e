/** The session's requests: sign in and out, who is signed in, and the server's health (demo data or not). */
import { csrfToken, getJson, request, setCsrfToken } from '../shared/api/http.ts';
import type { Health, Me } from '../shared/api/types.ts';

/** Signs in; the server answers with the session cookie. Wrong credentials: ApiError 401. */
export async function login(username: string, password: string): Promise<Me> {
  const me = await request<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
  setCsrfToken(me.csrf_token);
  return me;
}

/** The signed-in user, or ApiError 401 when there is no (valid) session. */
export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await getJson<Me>('/api/auth/me', undefined, signal);
  setCsrfToken(me.csrf_token);
  return me;
}

export async function logout(): Promise<void> {
  await request<void>('/api/auth/logout', { method: 'POST', csrfToken: csrfToken() });
  setCsrfToken(null);
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', undefined, signal);
}
