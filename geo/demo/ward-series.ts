import { apportion } from './apportion.ts';
import { REPORT_2017 } from '../catalogue.ts';
import type { Rng } from './random.ts';
import { monthIndex } from '../periods.ts';
import { yearOf } from './calendar.ts';
import { WARDS_2017, type WardSpec } from './city.ts';
import { buildFlow, CALIBRATION_YEAR, SEASONS, type FlowProfile } from './flows.ts';
import { REFERENCE_PERIOD } from './households.ts';

/**
 * Ward-level indicators for the 14 wards of 2017, over every period. After the 2025 merger the
 * observations of a successor are the sums of its predecessors' series (see observations.ts), so
 * the series continue smoothly across the change of boundaries.
 */
export interface WardContext {
  /** Households per ward at 2017-12, in WARDS_2017 order. */
  households2017: readonly number[];
  /** Hotspot groups per ward, in WARDS_2017 order. */
  hotspots: readonly number[];
}

type WardWeight = (w: WardSpec, i: number, ctx: WardContext) => number;

const FLOWS: Record<string, FlowProfile & { weight: WardWeight }> = {
  conferences_thematic: {
    growth: 0.02,
    sd: 0.07,
    covid: true,
    season: SEASONS.conferences,
    weight: (_, i, c) => Math.sqrt(hh(c, i)),
  },
  conferences_integrated: {
    growth: 0.02,
    sd: 0.07,
    covid: true,
    season: SEASONS.conferences,
    weight: (_, i, c) => Math.sqrt(hh(c, i)),
  },
  bulletins: { growth: 0.03, sd: 0.06, season: SEASONS.flat, weight: (_, i, c) => Math.sqrt(hh(c, i)) },
  banners: { growth: 0, sd: 0.08, season: SEASONS.banners, weight: (_, i, c) => hh(c, i) ** 0.7 },
  traffic_conferences: { growth: 0.02, sd: 0.09, covid: true, season: SEASONS.traffic, weight: (w) => 0.3 + w.urban },
  cases_total: { growth: -0.01, sd: 0.07, season: SEASONS.crime, weight: crimeWeight },
  subjects_arrested: { growth: 0, sd: 0.08, season: SEASONS.crime, weight: crimeWeight },
  wanted_surrendered: { growth: 0, sd: 0.1, season: SEASONS.flat, weight: (_, i, c) => hh(c, i) },
  // Fewer weapons are left in homes every year.
  weapons_surrendered: { growth: -0.05, sd: 0.1, season: SEASONS.weapons, weight: (_, i, c) => hh(c, i) },
  agencies_proposed_safe: {
    growth: 0.04,
    sd: 0.08,
    season: SEASONS.yearEnd,
    weight: (w, i, c) => hh(c, i) * (0.3 + w.urban),
  },
};

const STOCKS: Record<string, { growth: number; sd: number; weight: WardWeight }> = {
  businesses_registered_safe: { growth: 0.04, sd: 0.015, weight: (w, i, c) => hh(c, i) * (0.1 + w.urban ** 2) },
  schools_registered_safe: { growth: 0.012, sd: 0.008, weight: (_, i, c) => hh(c, i) ** 0.8 },
  // Pagodas, temples and churches are denser in the older villages than in the new town.
  religious_registered_safe: { growth: 0.01, sd: 0.008, weight: (w) => (1.4 - w.urban) * Math.sqrt(w.areaKm2) },
};

function hh(c: WardContext, i: number): number {
  return c.households2017[i] ?? 0;
}

function crimeWeight(w: WardSpec, i: number, c: WardContext): number {
  return hh(c, i) * (0.6 + w.urban) * (1 + 0.12 * (c.hotspots[i] ?? 0));
}

export function buildWardSeries(periods: readonly string[], ctx: WardContext, rng: Rng): Map<string, number[][]> {
  const out = new Map<string, number[][]>();
  const grid = { periods, units: WARDS_2017.length };

  for (const [key, profile] of Object.entries(FLOWS)) {
    const r = rng.fork(key);
    // Wards differ beyond their size, and keep their character over the years.
    const character = WARDS_2017.map(() => r.logNormal(1, 0.15));
    const weights = WARDS_2017.map((w, i) => profile.weight(w, i, ctx) * (character[i] ?? 1));
    out.set(
      key,
      buildFlow(key, grid, profile, (unit) => weights[unit] ?? 0, r),
    );
  }

  out.set('conference_attendance', attendance(periods, out, rng.fork('conference_attendance')));
  out.set('cases_solved', solved(periods, out.get('cases_total') ?? [], rng.fork('cases_solved')));
  out.set(
    'agencies_recognized_safe',
    recognized(periods, out.get('agencies_proposed_safe') ?? [], rng.fork('agencies_recognized_safe')),
  );

  for (const [key, profile] of Object.entries(STOCKS)) out.set(key, stock(key, periods, profile, ctx, rng.fork(key)));
  return out;
}

/**
 * Attendances follow the conferences held: each conference draws 75–130 % of the year's typical
 * audience. 2017 is a little over the report's "more than 10,000".
 */
function attendance(periods: readonly string[], flows: Map<string, number[][]>, rng: Rng): number[][] {
  const thematic = flows.get('conferences_thematic') ?? [];
  const integrated = flows.get('conferences_integrated') ?? [];
  const out = WARDS_2017.map(() => new Array<number>(periods.length).fill(0));
  const held = (w: number, k: number): number => (thematic[w]?.[k] ?? 0) + (integrated[w]?.[k] ?? 0);
  const conferences2017 = (REPORT_2017.conferences_thematic ?? 0) + (REPORT_2017.conferences_integrated ?? 0);
  const total2017 = (REPORT_2017.conference_attendance ?? 0) + rng.int(250, 650);
  const perConference = total2017 / conferences2017;
  for (const year of new Set(periods.map(yearOf))) {
    const cells: { w: number; k: number; weight: number }[] = [];
    periods.forEach((p, k) => {
      if (yearOf(p) !== year) return;
      WARDS_2017.forEach((_, w) => {
        const n = held(w, k);
        if (n > 0) cells.push({ w, k, weight: n * rng.uniform(0.75, 1.3) });
      });
    });
    const count = cells.reduce((s, c) => s + held(c.w, c.k), 0);
    const audience =
      year === CALIBRATION_YEAR
        ? perConference
        : perConference *
          1.01 ** (year - CALIBRATION_YEAR) *
          (year === 2020 || year === 2021 ? 0.92 : 1) *
          rng.uniform(0.94, 1.06);
    const total = year === CALIBRATION_YEAR ? total2017 : Math.round(count * audience);
    if (cells.length === 0) continue;
    const shares = apportion(
      total,
      cells.map((c) => c.weight),
    );
    cells.forEach((c, i) => ((out[c.w] as number[])[c.k] = shares[i] ?? 0));
  }
  return out;
}

/** Cases solved with public help never exceed the cases; 2017 has exactly the report's 102 of 109. */
function solved(periods: readonly string[], cases: number[][], rng: Rng): number[][] {
  const out = cases.map((row) => row.slice());
  const unsolved2017 = (REPORT_2017.cases_total ?? 0) - (REPORT_2017.cases_solved ?? 0);
  // One entry per 2017 case, so the unsolved ones are drawn among cases, not among cells.
  const cases2017: { w: number; k: number }[] = [];
  periods.forEach((p, k) => {
    if (yearOf(p) !== CALIBRATION_YEAR) return;
    cases.forEach((row, w) => {
      for (let n = 0; n < (row[k] ?? 0); n++) cases2017.push({ w, k });
    });
  });
  for (const c of rng.shuffle(cases2017).slice(0, unsolved2017)) {
    const row = out[c.w] as number[];
    row[c.k] = (row[c.k] ?? 0) - 1;
  }
  const rate = new Map<number, number>();
  periods.forEach((p, k) => {
    const year = yearOf(p);
    if (year === CALIBRATION_YEAR) return;
    if (!rate.has(year)) rate.set(year, rng.uniform(0.86, 0.96));
    cases.forEach((row, w) => ((out[w] as number[])[k] = rng.binomial(row[k] ?? 0, rate.get(year) ?? 0.9)));
  });
  return out;
}

/** Recognitions never exceed proposals; in 2017 all 29 proposed units were recognised. */
function recognized(periods: readonly string[], proposed: number[][], rng: Rng): number[][] {
  return proposed.map((row) =>
    row.map((n, k) => (yearOf(periods[k] ?? '') === CALIBRATION_YEAR ? n : rng.binomial(n, 0.92))),
  );
}

/** A stock: the report's end-2017 total spread over wards, then smooth growth per ward. */
function stock(
  key: string,
  periods: readonly string[],
  profile: { growth: number; sd: number; weight: WardWeight },
  ctx: WardContext,
  rng: Rng,
): number[][] {
  const at2017 = apportion(
    REPORT_2017[key] ?? 0,
    WARDS_2017.map((w, i) => profile.weight(w, i, ctx) * rng.logNormal(1, 0.15)),
  );
  const ref = monthIndex(REFERENCE_PERIOD);
  return WARDS_2017.map((_, i) => {
    const growth = rng.normal(profile.growth, profile.sd) / 12;
    return periods.map((p) => Math.round((at2017[i] ?? 0) * Math.exp(growth * (monthIndex(p) - ref))));
  });
}
