/** Whether the first-run guide should open by itself (see App.svelte). */
import { fetchSetupStatus } from './api.ts';
import { guideNeeded } from './steps.ts';

export async function shouldOpenGuide(): Promise<boolean> {
  return guideNeeded(await fetchSetupStatus());
}
