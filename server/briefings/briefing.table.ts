import type { Generated } from 'kysely';

export interface BriefingTable {
  id: Generated<number>;
  owner_id: number | null;
  title: string;
  /** Wards the creator's scope covered; empty = the whole area (as for saved views). */
  scope_unit_ids: Generated<number[]>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface BriefingViewTable {
  briefing_id: number;
  view_id: number;
  position: number;
}
