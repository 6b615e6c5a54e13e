import type { Generated } from 'kysely';

export interface HotspotTable {
  id: Generated<number>;
  unit_id: number;
  categories: string[];
  designated_on: string;
  target_date: string | null;
  note: Generated<string>;
  demo: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface HotspotStatusTable {
  id: Generated<number>;
  hotspot_id: number;
  status: string;
  changed_on: string;
  note: Generated<string>;
  created_by: number | null;
  created_at: Generated<Date>;
}
