/** The audit log (administrators only). */
import { getJson } from '../../shared/api/http.ts';
import type { AuditQuery, AuditRow } from '../../shared/api/types.ts';

/** Audit log entries, newest first (administrators only). */
export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditRow[]> {
  return getJson<AuditRow[]>('/api/admin/audit', { ...query }, signal);
}
