import type { Migration } from 'kysely';
import * as m0900 from './2026-11-27T0900_units.ts';
import * as m0910 from './2026-11-27T0910_indicators.ts';
import * as m0920 from './2026-11-27T0920_hotspots_plans.ts';
import * as m0930 from './2026-11-27T0930_users_audit.ts';
import * as m1000 from './2026-11-27T1000_sessions_tokens.ts';
import * as m1100 from './2026-11-27T1100_observation_period_index.ts';
import * as m28_0900 from './2026-11-28T0900_plans_workflow.ts';
import * as m28_0910 from './2026-11-28T0910_views_briefings.ts';
import * as m29_1200 from './2026-11-29T1200_security.ts';
import * as m03_1210 from './2026-12-03T1210_vn2000_srids.ts';
import * as m03_1600 from './2026-12-03T1600_indicator_catalogue.ts';

/**
 * Every migration, by name. Listed statically (not discovered by a directory scan) so they load the
 * same way under tsx, Vitest and a bundler; a unit test checks that no file in this folder is
 * missing from the list.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0900_units': m0900,
  '2026-11-27T0910_indicators': m0910,
  '2026-11-27T0920_hotspots_plans': m0920,
  '2026-11-27T0930_users_audit': m0930,
  '2026-11-27T1000_sessions_tokens': m1000,
  '2026-11-27T1100_observation_period_index': m1100,
  '2026-11-28T0900_plans_workflow': m28_0900,
  '2026-11-28T0910_views_briefings': m28_0910,
  '2026-11-29T1200_security': m29_1200,
  '2026-12-03T1210_vn2000_srids': m03_1210,
  '2026-12-03T1600_indicator_catalogue': m03_1600,
};
