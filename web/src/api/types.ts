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
  /** The request field the error is about (e.g. `username`, `scope_unit_ids.0`), when there is one. */
  field?: string;
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

/** A user as the administrators see it (`/api/admin/users`). */
export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  disabled: boolean;
  /** A demo account, created with the demo data. */
  demo: boolean;
  /** The wards the user is limited to; empty means the whole area. */
  scope_unit_ids: number[];
}

/** `POST /api/admin/users`. */
export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  password: string;
  scope_unit_ids: number[];
}

/** `PATCH /api/admin/users/:id`: only what changes. */
export type UserPatch = Partial<Pick<User, 'display_name' | 'role' | 'disabled' | 'scope_unit_ids'>> & {
  password?: string;
};

/** A personal API token (`/api/auth/tokens`); the secret itself is only sent once, on creation. */
export interface ApiToken {
  id: number;
  name: string;
  /** The token's first characters, to recognise it. */
  prefix: string;
  created_at: string;
  expires_at: string | null;
  last_used_at?: string | null;
  revoked_at?: string | null;
}

export interface CreatedToken extends ApiToken {
  /** The secret: shown once, never sent again. */
  token: string;
}

/** One write or sign-in event (`/api/admin/audit`), newest first. */
export interface AuditRow {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditQuery {
  user_id?: number;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  /** Days, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}
