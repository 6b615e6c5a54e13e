/**
 * Typed access to the atlas API (same origin). Data routes need a session: the server sets an
 * http-only cookie on sign-in, and state-changing requests carry the session's CSRF token in the
 * `x-csrf-token` header. Failures throw an {@link ApiError} (status 401: not signed in).
 */
import type {
  AnnualSummary,
  ApiErrorBody,
  ApiToken,
  AuditQuery,
  AuditRow,
  BriefingDetail,
  BriefingItem,
  BriefingPatch,
  CreatedToken,
  ExportSettings,
  Health,
  HotspotsResponse,
  IndicatorsResponse,
  MapLevel,
  Me,
  NewBriefing,
  NewUser,
  NewView,
  SavedView,
  SearchResponse,
  UnitProperties,
  UnitsCollection,
  User,
  UserPatch,
  ValuesResponse,
  ViewPatch,
} from './types.ts';
import type {
  CrosswalkRow,
  CrosswalkShare,
  EditedUnit,
  HotspotDetail,
  HotspotStatusChange,
  NewHotspot,
  ObservationEdit,
  ObservationResult,
  RemoveDemoResult,
  UnitPatch,
} from '../../features/data/types.ts';
import type {
  CandidatesQuery,
  CandidatesResponse,
  CompareQuery,
  CompareResponse,
  NewPlan,
  PlanDetail,
  PlanItemInput,
  PlanPatch,
  PlanProgress,
  PlansResponse,
  PlanSummary,
} from './types.ts';

/** A non-2xx answer, or a network/parse failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly url: string,
    /** The request field the server says is wrong, e.g. `username`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The CSRF token of the current session, from the last sign-in or `/api/auth/me`. */
let sessionCsrfToken: string | null = null;

type Query = Record<string, string | number | undefined>;

function buildUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Query;
  body?: unknown;
  csrfToken?: string | null;
  signal?: AbortSignal;
}

async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = buildUrl(path, options.query);
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const method = options.method ?? 'GET';
  const csrfToken = options.csrfToken ?? (method === 'GET' ? null : sessionCsrfToken);
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal ?? null,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, `Không kết nối được máy chủ (${(err as Error).message})`, url);
  }
  if (response.status === 204) return undefined as T;
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `Máy chủ trả về dữ liệu không hợp lệ (HTTP ${response.status})`, url);
  }
  if (!response.ok) {
    const message = isErrorBody(body) ? body.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, url, isErrorBody(body) ? body.field : undefined);
  }
  return body as T;
}

function getJson<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { query, ...(signal ? { signal } : {}) });
}

/** Signs in; the server answers with the session cookie. Wrong credentials: ApiError 401. */
export async function login(username: string, password: string): Promise<Me> {
  const me = await request<Me>('/api/auth/login', { method: 'POST', body: { username, password } });
  sessionCsrfToken = me.csrf_token;
  return me;
}

/** The signed-in user, or ApiError 401 when there is no (valid) session. */
export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  const me = await getJson<Me>('/api/auth/me', undefined, signal);
  sessionCsrfToken = me.csrf_token;
  return me;
}

export async function logout(csrfToken: string | null = sessionCsrfToken): Promise<void> {
  await request<void>('/api/auth/logout', { method: 'POST', csrfToken });
  sessionCsrfToken = null;
}

/** Changes the signed-in user's password; the server signs out their other sessions. */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('/api/auth/password', {
    method: 'POST',
    body: { current_password: currentPassword, new_password: newPassword },
  });
}

/** The signed-in user's API tokens, revoked ones included. */
export function fetchTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return getJson<ApiToken[]>('/api/auth/tokens', undefined, signal);
}

/** Creates an API token; the answer's `token` is the only time the secret is sent. */
export function createToken(name: string, expiresInDays?: number): Promise<CreatedToken> {
  return request<CreatedToken>('/api/auth/tokens', {
    method: 'POST',
    body: expiresInDays ? { name, expires_in_days: expiresInDays } : { name },
  });
}

export function revokeToken(id: number): Promise<void> {
  return request<void>(`/api/auth/tokens/${id}`, { method: 'DELETE' });
}

/** Every account (administrators only: others get ApiError 403). */
export function fetchUsers(signal?: AbortSignal): Promise<User[]> {
  return getJson<User[]>('/api/admin/users', undefined, signal);
}

export function createUser(user: NewUser): Promise<User> {
  return request<User>('/api/admin/users', { method: 'POST', body: user });
}

export function updateUser(id: number, patch: UserPatch): Promise<User> {
  return request<User>(`/api/admin/users/${id}`, { method: 'PATCH', body: patch });
}

/** Audit log entries, newest first (administrators only). */
export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditRow[]> {
  return getJson<AuditRow[]>('/api/admin/audit', { ...query }, signal);
}

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/api/health', undefined, signal);
}

export function fetchIndicators(signal?: AbortSignal): Promise<IndicatorsResponse> {
  return getJson<IndicatorsResponse>('/api/indicators', undefined, signal);
}

/** Boundaries of every unit of `level` valid on `at` (`YYYY-MM-DD`). */
export function fetchUnits(level: MapLevel, at: string, signal?: AbortSignal): Promise<UnitsCollection> {
  return getJson<UnitsCollection>('/api/units', { level, at }, signal);
}

/** The wards valid on `at` (`YYYY-MM-DD`) that the user may see, without their geometry. */
export async function fetchWards(at: string, signal?: AbortSignal): Promise<UnitProperties[]> {
  const units = await fetchUnits('ward', at, signal);
  return units.features.map((f) => f.properties);
}

export interface ValuesQuery {
  indicator: string;
  level: MapLevel;
  /** First and last month, `YYYY-MM`, inclusive. */
  from: string;
  to: string;
  /** Boundary version date, `YYYY-MM-DD`. */
  at: string;
}

export function fetchValues(query: ValuesQuery, signal?: AbortSignal): Promise<ValuesResponse> {
  return getJson<ValuesResponse>('/api/values', { ...query }, signal);
}

/** Hotspot groups designated on or before `at`, with their status on `at`. */
export function fetchHotspots(at: string, signal?: AbortSignal): Promise<HotspotsResponse> {
  return getJson<HotspotsResponse>('/api/hotspots', { at }, signal);
}

/** Units whose name matches `q` with or without diacritics, valid at `at`, within the user's scope. */
export function searchUnits(q: string, at: string, limit = 10, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson<SearchResponse>('/api/search', { q, at, limit }, signal);
}

/** Saved views the caller may see (their scope covers the creator's wards), by position. */
export async function fetchViews(signal?: AbortSignal): Promise<SavedView[]> {
  return (await getJson<{ views: SavedView[] }>('/api/views', undefined, signal)).views;
}

export function createView(view: NewView): Promise<SavedView> {
  return request<SavedView>('/api/views', { method: 'POST', body: view });
}

export function updateView(id: number, patch: ViewPatch): Promise<SavedView> {
  return request<SavedView>(`/api/views/${id}`, { method: 'PATCH', body: patch });
}

/** Puts the caller's own views in the order of `ids`; answers with every visible view. */
export async function reorderViews(ids: number[]): Promise<SavedView[]> {
  return (await request<{ views: SavedView[] }>('/api/views/order', { method: 'PUT', body: { ids } })).views;
}

/** Deletes a view (owner or admin); it also leaves every briefing it was in. */
export function deleteView(id: number): Promise<void> {
  return request<void>(`/api/views/${id}`, { method: 'DELETE' });
}

export async function fetchBriefings(signal?: AbortSignal): Promise<BriefingItem[]> {
  return (await getJson<{ briefings: BriefingItem[] }>('/api/briefings', undefined, signal)).briefings;
}

/** A briefing with its views in order; views outside the caller's scope are counted in `hiddenCount`. */
export function fetchBriefing(id: number, signal?: AbortSignal): Promise<BriefingDetail> {
  return getJson<BriefingDetail>(`/api/briefings/${id}`, undefined, signal);
}

export function createBriefing(briefing: NewBriefing): Promise<BriefingDetail> {
  return request<BriefingDetail>('/api/briefings', { method: 'POST', body: briefing });
}

export function updateBriefing(id: number, patch: BriefingPatch): Promise<BriefingDetail> {
  return request<BriefingDetail>(`/api/briefings/${id}`, { method: 'PATCH', body: patch });
}

export function deleteBriefing(id: number): Promise<void> {
  return request<void>(`/api/briefings/${id}`, { method: 'DELETE' });
}

/** The classification, source and attribution lines printed on every export. */
export function fetchExportSettings(signal?: AbortSignal): Promise<ExportSettings> {
  return getJson<ExportSettings>('/api/settings/export', undefined, signal);
}

/** Administrators only. */
export function saveExportSettings(settings: ExportSettings): Promise<ExportSettings> {
  return request<ExportSettings>('/api/settings/export', { method: 'PUT', body: settings });
}

/** Totals of every indicator for `year` and the year before, at the caller's scope (the yearly report). */
export function fetchAnnualSummary(year: number, signal?: AbortSignal): Promise<AnnualSummary> {
  return getJson<AnnualSummary>('/api/summary/annual', { year }, signal);
}

/** Address of the annual summary as an XLSX workbook (a plain link downloads it with the session cookie). */
export function annualSummaryXlsxUrl(year: number): string {
  return buildUrl('/api/summary/annual.xlsx', { year });
}

/** Query values as the URL carries them (booleans as true/false). */
function planQuery(query: object): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) out[k] = typeof v === 'boolean' ? String(v) : (v as string | number);
  }
  return out;
}

/** Groups ranked by a weighted score over `from`..`to`; each with the breakdown of its score. */
export function fetchCandidates(query: CandidatesQuery, signal?: AbortSignal): Promise<CandidatesResponse> {
  return getJson<CandidatesResponse>('/api/plans/candidates', planQuery(query), signal);
}

/** Plans whose groups are all in the caller's scope, newest first. */
export async function fetchPlans(
  query: { status?: PlanSummary['status']; year?: number } = {},
  signal?: AbortSignal,
): Promise<PlanSummary[]> {
  return (await getJson<PlansResponse>('/api/plans', planQuery(query), signal)).plans;
}

export function fetchPlan(id: number, signal?: AbortSignal): Promise<PlanDetail> {
  return getJson<PlanDetail>(`/api/plans/${id}`, undefined, signal);
}

export function createPlan(plan: NewPlan): Promise<PlanDetail> {
  return request<PlanDetail>('/api/plans', { method: 'POST', body: plan });
}

/** Editing an approved plan answers with a new draft revision (a different id). */
export function updatePlan(id: number, patch: PlanPatch): Promise<PlanDetail> {
  return request<PlanDetail>(`/api/plans/${id}`, { method: 'PATCH', body: patch });
}

/** Replaces the plan's items; on an approved plan this makes a new draft revision (a different id). */
export function putPlanItems(id: number, items: PlanItemInput[]): Promise<PlanDetail> {
  return request<PlanDetail>(`/api/plans/${id}/items`, { method: 'PUT', body: { items } });
}

export function submitPlan(id: number): Promise<PlanDetail> {
  return request<PlanDetail>(`/api/plans/${id}/submit`, { method: 'POST', body: {} });
}

export function approvePlan(id: number, comment?: string): Promise<PlanDetail> {
  return request<PlanDetail>(`/api/plans/${id}/approve`, {
    method: 'POST',
    body: comment === undefined ? {} : { comment },
  });
}

export function returnPlan(id: number, comment: string): Promise<PlanDetail> {
  return request<PlanDetail>(`/api/plans/${id}/return`, { method: 'POST', body: { comment } });
}

/** Drafts only. */
export function deletePlan(id: number): Promise<void> {
  return request<void>(`/api/plans/${id}`, { method: 'DELETE' });
}

export function fetchPlanProgress(id: number, signal?: AbortSignal): Promise<PlanProgress> {
  return getJson<PlanProgress>(`/api/plans/${id}/progress`, undefined, signal);
}

/** Two plans (`b`), or a plan and the top-N candidates (`top` with `from`, `to`, `weights`). */
export function comparePlans(query: CompareQuery, signal?: AbortSignal): Promise<CompareResponse> {
  return getJson<CompareResponse>('/api/plans/compare', planQuery(query), signal);
}

/** Address of the plan as a download (a plain link sends the session cookie). */
export function planExportUrl(id: number, format: 'xlsx' | 'csv' = 'xlsx'): string {
  return buildUrl(`/api/plans/${id}/export`, { format });
}

// Data management (`?view=data`): uploads, single corrections, hotspots, crosswalk, demo removal.

/**
 * POSTs a file (or form) as the body, with the session's CSRF token, and hands back the raw answer:
 * the boundary import streams NDJSON progress, and rejected imports carry a report worth showing.
 */
export async function postFile(
  path: string,
  query: Query,
  body: BodyInit,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  const url = buildUrl(path, query);
  const all = { ...headers, ...(sessionCsrfToken ? { 'x-csrf-token': sessionCsrfToken } : {}) };
  try {
    return await fetch(url, { method: 'POST', headers: all, body, credentials: 'same-origin', signal: signal ?? null });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, `Không kết nối được máy chủ (${(err as Error).message})`, url);
  }
}

/** The crosswalk rows across the boundary change on `at` (`YYYY-MM-DD`), both directions. */
export function fetchCrosswalk(at: string, signal?: AbortSignal): Promise<{ at: string; rows: CrosswalkRow[] }> {
  return getJson('/api/crosswalk', { at }, signal);
}

export function saveCrosswalkShare(share: CrosswalkShare): Promise<CrosswalkRow> {
  return request<CrosswalkRow>('/api/crosswalk', { method: 'PUT', body: share });
}

/** Sets one value (indicator, unit, month); the answer says what it was before. */
export function setObservation(edit: ObservationEdit): Promise<ObservationResult> {
  return request<ObservationResult>('/api/observations', { method: 'PUT', body: edit });
}

/** Corrects a unit's names and counts (never its boundary or validity). */
export function updateUnitFields(id: number, patch: UnitPatch): Promise<EditedUnit> {
  return request<EditedUnit>(`/api/units/${id}`, { method: 'PATCH', body: patch });
}

export function designateHotspot(hotspot: NewHotspot): Promise<HotspotDetail> {
  return request<HotspotDetail>('/api/hotspots', { method: 'POST', body: hotspot });
}

export function changeHotspotStatus(id: number, change: HotspotStatusChange): Promise<HotspotDetail> {
  return request<HotspotDetail>(`/api/hotspots/${id}/status`, { method: 'POST', body: change });
}

/** Deletes every demo row (administrators only); `confirm` must be the server's phrase. */
export function removeDemoData(confirm: string): Promise<RemoveDemoResult> {
  return request<RemoveDemoResult>('/api/admin/remove-demo', { method: 'POST', body: { confirm } });
}

/** Address of the indicator import template as a download (a plain link sends the session cookie). */
export function indicatorTemplateUrl(indicators: string[], format: 'csv' | 'xlsx', period?: string): string {
  return buildUrl('/api/imports/indicators/template', { indicators: indicators.join(','), format, period });
}
