import type { Rng } from './random.ts';
import { yearOf } from './calendar.ts';
import { buildFlow, SEASONS } from './flows.ts';
import type { GroupInfo } from './groups.ts';
import { hotspotIntensity } from './signals.ts';
import type { DemoHotspot } from './types.ts';

/**
 * Group-level movement and crime flows: valuable tips and mediated disputes (calibrated to the
 * report), and the yearly national-security festival, which every residential area holds once a
 * year — mostly in August–September, around the 19 August anniversary.
 */
const FESTIVAL_MONTHS = [7, 8, 9, 10] as const;
const FESTIVAL_WEIGHTS = [0.06, 0.55, 0.33, 0.06];

export function buildGroupFlows(
  groups: readonly GroupInfo[],
  households2017: readonly number[],
  periods: readonly string[],
  hotspots: ReadonlyMap<string, DemoHotspot>,
  rng: Rng,
): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  const grid = { periods, units: groups.length };

  const tipsRng = rng.fork('tips_valuable');
  const tipsCharacter = groups.map(() => tipsRng.logNormal(1, 0.3));
  out.set(
    'tips_valuable',
    buildFlow(
      'tips_valuable',
      grid,
      { growth: 0.02, sd: 0.08, season: SEASONS.crime },
      // People report more where there is more to report.
      (u, p) =>
        (households2017[u] ?? 0) *
        (tipsCharacter[u] ?? 1) *
        (1 + 1.5 * hotspotIntensity(hotspots.get(groups[u]?.key ?? ''), p)),
      tipsRng,
    ),
  );

  const disputesRng = rng.fork('disputes_mediated');
  const disputesCharacter = groups.map(() => disputesRng.logNormal(1, 0.3));
  out.set(
    'disputes_mediated',
    buildFlow(
      'disputes_mediated',
      grid,
      { growth: -0.01, sd: 0.08, season: SEASONS.flat },
      (u) => (households2017[u] ?? 0) * (disputesCharacter[u] ?? 1),
      disputesRng,
    ),
  );

  out.set('residential_areas_festival', festival(groups, periods, rng.fork('residential_areas_festival')));
  return out;
}

function festival(groups: readonly GroupInfo[], periods: readonly string[], rng: Rng): number[][] {
  const years = [...new Set(periods.map(yearOf))];
  return groups.map(() => {
    const row = new Array<number>(periods.length).fill(0);
    for (const year of years) {
      const month = FESTIVAL_MONTHS[rng.weightedIndex(FESTIVAL_WEIGHTS)] ?? 8;
      const k = periods.indexOf(`${year}-${String(month).padStart(2, '0')}`);
      if (k >= 0) row[k] = 1;
    }
    return row;
  });
}
