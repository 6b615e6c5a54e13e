import type { ColumnType, Generated } from 'kysely';

export interface IndicatorTable {
  key: string;
  name_vi: string;
  name_en: string;
  unit_vi: string;
  unit_en: string;
  kind: string;
  time_rule: string;
  spatial_rule: string;
  polarity: string;
  levels: string[];
  entry_level: string;
  theme: string;
  description_vi: string;
  description_en: Generated<string>;
  source: string;
  numerator_key: string | null;
  denominator_key: string | null;
  scale: number | null;
  sort_order: Generated<number>;
  /** Set when an administrator retires it: hidden from pickers, no new values, history kept. */
  retired_at: Date | null;
  updated_at: Generated<Date>;
}

export interface ObservationTable {
  indicator_key: string;
  unit_id: number;
  period: string; // first day of the month, 'YYYY-MM-01'
  value: number;
  numerator: number | null;
  denominator: number | null;
  entered_by: number | null;
  entered_at: ColumnType<Date, Date | undefined, Date>;
  demo: Generated<boolean>;
}
