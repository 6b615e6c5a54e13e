/**
 * Shapes of the JSON the server answers with, derived from the server's own TypeBox schemas — the
 * same ones that validate, serialise and document the API — so the two cannot drift apart. Only
 * type imports: nothing of the server reaches the browser bundle.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Static } from 'typebox';
import type { BoundaryVersion as BoundaryVersionSchema } from '../../../../server/boundaries/boundaries.schemas.ts';
import type { Place as PlaceSchema } from '../../../../server/place/place.schemas.ts';
import type { AuditRow as AuditRowSchema } from '../../../../server/audit/audit.schemas.ts';
import type { Me as MeSchema, Token } from '../../../../server/auth/auth.schemas.ts';
import type { HealthResponse } from '../../../../server/health/health.schemas.ts';
import type { ErrorResponse } from '../../../../server/http/errors.schemas.ts';
import type {
  Indicator as IndicatorSchema,
  IndicatorsResponse as IndicatorsResponseSchema,
} from '../../../../server/indicators/indicators.schemas.ts';
import type { Hotspot as HotspotSchema } from '../../../../server/hotspots/hotspots.schemas.ts';
import type {
  CandidatesQuery as CandidatesQuerySchema,
  CandidatesResponse as CandidatesResponseSchema,
  CompareQuery as CompareQuerySchema,
  CompareResponse as CompareResponseSchema,
  CreatePlanBody,
  PlanDetail as PlanDetailSchema,
  PlanItemInput as PlanItemInputSchema,
  PlansResponse as PlansResponseSchema,
  ProgressResponse as ProgressResponseSchema,
  UpdatePlanBody,
} from '../../../../server/plans/plans.schemas.ts';
import type { SearchResponse as SearchResponseSchema } from '../../../../server/search/search.schemas.ts';
import type { UnitProperties as UnitPropertiesSchema } from '../../../../server/units/units.schemas.ts';
import type { CreateUserBody, UpdateUserBody, User as UserSchema } from '../../../../server/users/users.schemas.ts';
import type {
  CreateViewBody,
  SavedView as SavedViewSchema,
  UpdateViewBody,
  ViewState as ViewStateSchema,
} from '../../../../server/views/views.schemas.ts';
import type {
  BriefingDetail as BriefingDetailSchema,
  BriefingItem as BriefingItemSchema,
  CreateBriefingBody,
  UpdateBriefingBody,
} from '../../../../server/briefings/briefings.schemas.ts';
import type { ExportSettings as ExportSettingsSchema } from '../../../../server/settings/settings.schemas.ts';
import type {
  AnnualRow as AnnualRowSchema,
  AnnualSummary as AnnualSummarySchema,
} from '../../../../server/summary/annual.schemas.ts';
import type { ValuesResponse as ValuesResponseSchema } from '../../../../server/values/values.schemas.ts';

export type Health = Static<typeof HealthResponse>;
export type Indicator = Static<typeof IndicatorSchema>;
export type IndicatorsResponse = Static<typeof IndicatorsResponseSchema>;
export type IndicatorKind = Indicator['kind'];
export type Polarity = Indicator['polarity'];
export type Level = Indicator['levels'][number];
/** The levels a map can be drawn at (the city is a single unit). */
export type MapLevel = Exclude<Level, 'city'>;

export type UnitProperties = Static<typeof UnitPropertiesSchema>;
export type UnitsCollection = FeatureCollection<Polygon | MultiPolygon, UnitProperties> & { demo?: boolean };

/** `values[i][j]` is the value of unit `ids[i]` in `periods[j]` (`YYYY-MM`), or null. */
export type ValuesResponse = Static<typeof ValuesResponseSchema>;

/** The error body of every 4xx/5xx answer; `field` names the request field it is about. */
export type ApiErrorBody = Static<typeof ErrorResponse>;

/** The signed-in user; `csrf_token` goes back as `x-csrf-token` on every state-changing request. */
export type Me = Static<typeof MeSchema>;
export type Role = Me['user']['role'];

/** A user as administrators see it; empty `scope_unit_ids` means the whole area. */
export type User = Static<typeof UserSchema>;
export type NewUser = Static<typeof CreateUserBody>;
/** `PATCH /api/admin/users/:id`: only what changes. */
export type UserPatch = Static<typeof UpdateUserBody>;

/** A personal API token; the secret itself is only sent once, on creation. */
export type ApiToken = Static<typeof Token>;
export type CreatedToken = ApiToken & { token: string };

/** One write or sign-in event (`/api/admin/audit`), newest first. */
export type AuditRow = Static<typeof AuditRowSchema>;

export interface AuditQuery {
  user_id?: number;
  action?: string;
  entity_type?: string;
  entity_id?: string;
  /** A unit id: entries about the unit, its values, hotspot and crosswalk rows. */
  unit?: number;
  /** Days, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

/** A hotspot group with its status on the requested date and its full status history. */
export type Hotspot = Static<typeof HotspotSchema>;
export interface HotspotsResponse {
  at: string;
  demo: boolean;
  hotspots: Hotspot[];
}

/** `/api/search`: units matching a name with or without diacritics, in the caller's scope. */
export type SearchResponse = Static<typeof SearchResponseSchema>;
export type SearchHit = SearchResponse['results'][number];

/** A saved map state (`/api/views`): the map page's `MapState` fields, only indicator and period required. */
export type ViewState = Static<typeof ViewStateSchema>;
/** A saved view; `mine` says whether the caller may rename, reorder or delete it. */
export type SavedView = Static<typeof SavedViewSchema>;
export type NewView = Static<typeof CreateViewBody>;
export type ViewPatch = Static<typeof UpdateViewBody>;

/** A briefing as listed (`/api/briefings`), and with its views in order (`/api/briefings/:id`). */
export type BriefingItem = Static<typeof BriefingItemSchema>;
export type BriefingDetail = Static<typeof BriefingDetailSchema>;
export type NewBriefing = Static<typeof CreateBriefingBody>;
export type BriefingPatch = Static<typeof UpdateBriefingBody>;

/** Lines printed on every export: security classification (e.g. "MẬT"), data source, attribution. */
export type ExportSettings = Static<typeof ExportSettingsSchema>;

/** `/api/summary/annual`: the yearly report's table, a year beside the year before. */
export type AnnualSummary = Static<typeof AnnualSummarySchema>;
export type AnnualRow = Static<typeof AnnualRowSchema>;

/** Planning (`/api/plans/...`): ranked candidate groups with each score's breakdown. */
export type CandidatesQuery = Static<typeof CandidatesQuerySchema>;
export type CandidatesResponse = Static<typeof CandidatesResponseSchema>;
export type Candidate = CandidatesResponse['candidates'][number];
/** A plan with its items, revisions and history; `PlanSummary` is a row of the list. */
export type PlanDetail = Static<typeof PlanDetailSchema>;
export type PlanItem = PlanDetail['items'][number];
export type PlanStatus = PlanDetail['status'];
export type PlansResponse = Static<typeof PlansResponseSchema>;
export type PlanSummary = PlansResponse['plans'][number];
export type NewPlan = Static<typeof CreatePlanBody>;
export type PlanPatch = Static<typeof UpdatePlanBody>;
export type PlanItemInput = Static<typeof PlanItemInputSchema>;
export type PlanProgress = Static<typeof ProgressResponseSchema>;
export type CompareQuery = Static<typeof CompareQuerySchema>;
export type CompareResponse = Static<typeof CompareResponseSchema>;

/** A boundary version of a level (GET /api/boundaries/versions). */
export type BoundaryVersion = Static<typeof BoundaryVersionSchema>;
/** The deployment's place on a day: names and the extent of the wards (GET /api/place). */
export type Place = Static<typeof PlaceSchema>;
