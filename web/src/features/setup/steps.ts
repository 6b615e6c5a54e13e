/**
 * The first-run guide's steps (README, "Bring your own city"), each marked done or not from what the
 * database holds — never from what the admin clicked — and linking to the page where it is done.
 * Pure: the page renders it, a unit test checks it.
 */
import type { View } from '../../app/routes.ts';
import type { SetupStatus } from './api.ts';

export type StepKey = 'signIn' | 'boundaries' | 'indicators' | 'sheet' | 'map';

export interface Step {
  key: StepKey;
  done: boolean;
  /** Where the step is done: a page and its own address keys. */
  view: View;
  keys: Record<string, string>;
}

export function setupSteps(s: SetupStatus): Step[] {
  const boundaries = s.wards > 0;
  const indicators = s.indicators > 0;
  const sheet = s.indicators_with_data > 0;
  return [
    { key: 'signIn', done: true, view: 'account', keys: {} },
    { key: 'boundaries', done: boundaries, view: 'data', keys: { section: 'boundaries' } },
    { key: 'indicators', done: indicators, view: 'indicators', keys: {} },
    { key: 'sheet', done: sheet, view: 'data', keys: { section: 'indicators' } },
    { key: 'map', done: boundaries && sheet, view: 'map', keys: {} },
  ];
}

/** The guide opens by itself for an administrator while the deployment has no boundaries of its own. */
export function guideNeeded(s: SetupStatus): boolean {
  return s.wards === 0;
}
