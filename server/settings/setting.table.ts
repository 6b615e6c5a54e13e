import type { Generated } from 'kysely';

export interface AppSettingTable {
  key: string;
  value: unknown;
  updated_at: Generated<Date>;
}
