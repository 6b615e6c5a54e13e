/** Data management: the crosswalk, single corrections, hotspots, demo removal, import templates (uploads: uploads.ts). */
import { buildUrl, getJson, request } from '../../shared/api/http.ts';
import type { CrosswalkRow, CrosswalkShare, EditedUnit, HotspotDetail, HotspotStatusChange, NewHotspot, ObservationEdit, ObservationResult, RemoveDemoResult, UnitPatch } from './types.ts';

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
