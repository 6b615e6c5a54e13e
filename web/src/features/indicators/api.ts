/** The indicator catalogue's writes (administrators of the whole area; others get ApiError 403). */
import type { IndicatorInput } from '../../../../geo/catalogue-rules.ts';
import { request } from '../../shared/api/http.ts';
import type { Indicator } from '../../shared/api/types.ts';

export type { IndicatorInput };

export function createIndicator(body: IndicatorInput): Promise<Indicator> {
  return request<Indicator>('/api/indicators', { method: 'POST', body });
}

export function updateIndicator(key: string, patch: Partial<Omit<IndicatorInput, 'key'>>): Promise<Indicator> {
  return request<Indicator>(`/api/indicators/${encodeURIComponent(key)}`, { method: 'PATCH', body: patch });
}

export function setRetired(key: string, retire: boolean): Promise<Indicator> {
  return request<Indicator>(`/api/indicators/${encodeURIComponent(key)}/${retire ? 'retire' : 'restore'}`, {
    method: 'POST',
  });
}

export function deleteIndicator(key: string): Promise<void> {
  return request<void>(`/api/indicators/${encodeURIComponent(key)}`, { method: 'DELETE' });
}
