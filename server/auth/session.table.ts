import type { Generated } from 'kysely';

export interface UserSessionTable {
  id: string; // sha256 of the cookie value
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date;
  revoked_at: Date | null;
}

/** Failed sign-ins per account name (`user:<name>`) and per client address (`ip:<address>`). */
export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  window_start: Generated<Date>;
  last_failed_at: Date | null;
  locked_at: Date | null;
}
