/** The account page's requests: the user's password and personal API tokens. */
import { getJson, request } from '../../shared/api/http.ts';
import type { ApiToken, CreatedToken } from '../../shared/api/types.ts';

/** Changes the signed-in user's password; the server signs out their other sessions. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('/api/auth/password', {
    method: 'POST',
    body: { current_password: currentPassword, new_password: newPassword },
  });
}

/** The signed-in user's API tokens, revoked ones included. */
export function fetchTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return getJson<ApiToken[]>('/api/auth/tokens', undefined, signal);
}

/** Creates an API token; the answer's `token` is the only time the secret is sent. */
export function createToken(name: string, expiresInDays?: number): Promise<CreatedToken> {
  return request<CreatedToken>('/api/auth/tokens', {
    method: 'POST',
    body: { name, expires_in_days: expiresInDays },
  });
}

export function revokeToken(id: number): Promise<void> {
  return request<void>(`/api/auth/tokens/${id}`, { method: 'DELETE' });
}
