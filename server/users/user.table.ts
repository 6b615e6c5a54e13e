import type { Generated } from 'kysely';

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  disabled: Generated<boolean>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  password_changed_at: Generated<Date>;
}

export interface UserScopeTable {
  user_id: number;
  unit_id: number;
}
