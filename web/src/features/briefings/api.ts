/** Saved views, briefings, the lines printed on exports and the annual summary. */
import { buildUrl, getJson, request } from '../../shared/api/http.ts';
import type {
  AnnualSummary,
  BriefingDetail,
  BriefingItem,
  BriefingPatch,
  ExportSettings,
  NewBriefing,
  NewView,
  SavedView,
  ViewPatch,
} from '../../shared/api/types.ts';

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
