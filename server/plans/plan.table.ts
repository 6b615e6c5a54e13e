import type { Generated } from 'kysely';

export interface PlanTable {
  id: Generated<number>;
  name: string;
  year: number;
  description: Generated<string>;
  status: Generated<string>;
  owner_id: number | null;
  revision: Generated<number>;
  previous_id: number | null;
  /** Revision 1 of this plan's family (itself for revision 1). */
  root_id: number;
  review_comment: string | null;
  submitted_at: Date | null;
  approved_at: Date | null;
  approved_by: number | null;
  /** The date progress counts from, set on approval. */
  started_on: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanItemTable {
  plan_id: number;
  unit_id: number;
  priority: Generated<number>;
  rationale: Generated<string>;
  responsible_unit: Generated<string>;
  target_date: string | null;
}

export interface PlanEventTable {
  id: Generated<number>;
  plan_id: number;
  at: Generated<Date>;
  user_id: number | null;
  user_name: string | null;
  action: string;
  comment: Generated<string>;
}
