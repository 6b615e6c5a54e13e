/** Transformation plans: ranked candidates, plans and their workflow, progress, comparison, export. */
import { buildUrl, getJson, queryOf, request } from '../../shared/api/http.ts';
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
  PlanSummary,
  PlansResponse,
} from '../../shared/api/types.ts';

/** Groups ranked by a weighted score over `from`..`to`; each with the breakdown of its score. */
export function fetchCandidates(query: CandidatesQuery, signal?: AbortSignal): Promise<CandidatesResponse> {
  return getJson<CandidatesResponse>('/api/plans/candidates', queryOf(query), signal);
}

/** Plans whose groups are all in the caller's scope, newest first. */
export async function fetchPlans(
  query: { status?: PlanSummary['status']; year?: number } = {},
  signal?: AbortSignal,
): Promise<PlanSummary[]> {
  return (await getJson<PlansResponse>('/api/plans', queryOf(query), signal)).plans;
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
  return getJson<CompareResponse>('/api/plans/compare', queryOf(query), signal);
}

/** Address of the plan as a download (a plain link sends the session cookie). */
export function planExportUrl(id: number, format: 'xlsx' | 'csv' = 'xlsx'): string {
  return buildUrl(`/api/plans/${id}/export`, { format });
}
