/** User administration and security settings (administrators only: others get ApiError 403). */
import { getJson, request } from '../../shared/api/http.ts';
import type { NewUser, User, UserPatch } from '../../shared/api/types.ts';

/** Every account (administrators only: others get ApiError 403). */
export function fetchUsers(signal?: AbortSignal): Promise<User[]> {
  return getJson<User[]>('/api/admin/users', undefined, signal);
}

export function createUser(user: NewUser): Promise<User> {
  return request<User>('/api/admin/users', { method: 'POST', body: user });
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return request<User>(`/api/admin/users/${id}`, { method: 'PATCH', body: patch });
}

/** Lifts the lock set after too many failed sign-ins (audited). */
export function unlockUser(id: number): Promise<User> {
  return request(`/api/admin/users/${id}/unlock`, { method: 'POST' });
}

export function saveSecuritySettings(settings: { token_max_days: number }): Promise<{ token_max_days: number }> {
  return request('/api/settings/security', { method: 'PUT', body: settings });
}
