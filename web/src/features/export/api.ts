/** The export feature's one request: announcing a file made in the browser, for the audit log. */
import { request } from '../../shared/api/http.ts';

/** Announces a PNG or PDF made in the browser, so that it is in the audit log; the file is offered only after. */
export function recordExport(entry: {
  format: 'png' | 'pdf';
  kind: 'map' | 'view' | 'briefing' | 'atlas';
  title: string;
  file_name: string;
  indicator?: string;
  period?: string;
  paper?: string;
  pages?: number;
}): Promise<void> {
  return request('/api/exports', { method: 'POST', body: entry });
}
