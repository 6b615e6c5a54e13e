/** The first-run guide's one request: where the deployment stands (`GET /api/setup`, administrators). */
import type { Static } from 'typebox';
import { getJson } from '../../shared/api/http.ts';
import type { SetupStatus as SetupStatusSchema } from '../../../../server/setup/setup.schemas.ts';

export type SetupStatus = Static<typeof SetupStatusSchema>;

export function fetchSetupStatus(signal?: AbortSignal): Promise<SetupStatus> {
  return getJson<SetupStatus>('/api/setup', undefined, signal);
}
