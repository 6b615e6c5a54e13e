import type { Generated } from 'kysely';

export interface SavedViewTable {
  id: Generated<number>;
  owner_id: number | null;
  title: string;
  note: Generated<string>;
  state: unknown;
  position: Generated<number>;
  /** Wards the creator's scope covered when saved; empty = the whole area. */
  scope_unit_ids: Generated<number[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
