/**
 * Shapes of the JSON the server answers with (snake_case, as sent). See the API contract in the
 * foundation issue; the server's OpenAPI document is the reference once it exists.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type IndicatorKind = 'count' | 'ratio' | 'percent' | 'boolean' | 'category';
export type Polarity = 'higher_better' | 'higher_worse' | 'neutral';
export type Level = 'group' | 'ward' | 'city';
/** The levels a map can be drawn at (the city is a single unit). */
export type MapLevel = 'ward' | 'group';

export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
  postgis: string;
  demo: boolean;
}

export interface Indicator {
  key: string;
  name_vi: string;
  name_en: string;
  unit_vi: string;
  unit_en: string;
  kind: IndicatorKind;
  time_rule: 'sum' | 'last';
  spatial_rule: 'sum' | 'ratio';
  polarity: Polarity;
  levels: Level[];
  theme: string;
  description_vi: string;
  source: string;
  /** Ratios are sent as fractions; multiply by this (100) to display them as a percentage. */
  scale: number | null;
}

export interface IndicatorsResponse {
  demo: boolean;
  indicators: Indicator[];
}

export interface UnitProperties {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_code: string | null;
  valid_from: string;
  valid_to: string | null;
  households: number | null;
}

export type UnitsCollection = FeatureCollection<Polygon | MultiPolygon, UnitProperties> & { demo?: boolean };

export interface ValuesResponse {
  indicator: string;
  level: MapLevel;
  at: string;
  demo: boolean;
  /** Months, `YYYY-MM`, in order. */
  periods: string[];
  /** Unit ids, one per row of `values`. */
  ids: number[];
  /** `values[i][j]` is the value of unit `ids[i]` in `periods[j]`, or null. */
  values: (number | null)[][];
}

/** The error body of every 4xx/5xx answer. */
export interface ApiErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

export type Role = 'viewer' | 'commander' | 'planner' | 'editor' | 'admin';

/** The signed-in user (`GET /api/auth/me`, `POST /api/auth/login`). */
export interface Me {
  user: {
    id: number;
    username: string;
    display_name: string;
    role: Role;
    /** `all`, or how many units the user is limited to. */
    scope: { all: boolean; unit_count: number };
  };
  /** Sent back as the `x-csrf-token` header on every state-changing request of the session. */
  csrf_token: string | null;
}
