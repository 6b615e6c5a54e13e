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
  review_comment: string | null;
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
