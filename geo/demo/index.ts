import { createRng } from './random.ts';
import { buildAdminRegister } from './admin-units.ts';
import { monthRange } from '../periods.ts';
import { FIRST_PERIOD, LAST_PERIOD } from './calendar.ts';
import { WARDS_2017 } from './city.ts';
import { buildGeography } from './geography.ts';
import { buildGroupFlows } from './group-series.ts';
import { listGroups } from './groups.ts';
import { buildHouseholds } from './households.ts';
import { chooseHotspots } from './hotspots.ts';
import { assembleObservations } from './observations.ts';
import { buildSignals } from './signals.ts';
import type { DemoDataset } from './types.ts';
import { buildWardSeries } from './ward-series.ts';

export type * from './types.ts';

/** The seed of the shipped demo (the report year). */
export const DEFAULT_SEED = 2017;

/**
 * The synthetic demo dataset of Thành phố Ninh Bình: a pure function of the seed. Every part
 * draws from its own stream (`fork`), so changing one part does not reshuffle the others.
 */
export function generateDemo(seed = DEFAULT_SEED): DemoDataset {
  const rng = createRng(seed);
  const periods = monthRange(FIRST_PERIOD, LAST_PERIOD);
  const geography = buildGeography(rng.fork('geography'));
  const groups = listGroups();
  const hotspots = chooseHotspots(groups, rng.fork('hotspots'));
  const hotspotByGroup = new Map(hotspots.map((h) => [h.groupKey, h]));

  const households = buildHouseholds(groups, periods, new Set(hotspotByGroup.keys()), rng.fork('households'));
  const signals = buildSignals(groups, periods, hotspotByGroup, rng.fork('signals'));
  const groupFlows = buildGroupFlows(
    groups,
    households.households2017,
    periods,
    hotspotByGroup,
    rng.fork('group-flows'),
  );
  const wardSeries = buildWardSeries(
    periods,
    {
      households2017: WARDS_2017.map((w) =>
        groups.reduce((s, g, i) => (g.ward.code === w.code ? s + (households.households2017[i] ?? 0) : s), 0),
      ),
      hotspots: WARDS_2017.map(
        (w) => hotspots.filter((h) => groups.find((g) => g.key === h.groupKey)?.ward.code === w.code).length,
      ),
    },
    rng.fork('ward-series'),
  );

  const groupSeries = new Map<string, number[][]>([
    ['households', households.households],
    ['households_registered_safe', households.registeredSafe],
    ...Object.entries(signals),
    ...groupFlows,
  ]);
  const observations = assembleObservations(groups, periods, { group: groupSeries, ward: wardSeries });

  const beforeMerger = periods.indexOf('2025-06');
  const register = buildAdminRegister({
    geography,
    groups,
    households2017: households.households2017,
    personsPerHousehold: households.personsPerHousehold,
    householdsBeforeMerger: households.households.map((row) => row[beforeMerger] ?? 0),
  });

  return {
    seed,
    ...register,
    hotspots,
    observations,
    periods: { from: FIRST_PERIOD, to: LAST_PERIOD },
  };
}
