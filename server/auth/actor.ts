import type { Role } from './roles.ts';
import type { Scope } from './scope.ts';

/** Who is making a request, resolved from a session cookie or an API token. */
export interface Actor {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  scope: Scope;
  via: 'session' | 'token';
  sessionId?: string;
  csrfToken?: string;
}
