import { describe, expect, it } from 'vitest';
import { BASE_INDICATORS, INDICATOR_BY_KEY, REPORT_2017, REPORT_2017_AT_LEAST } from '../catalogue.ts';
import { generateDemo } from './index.ts';
import type { DemoDataset, DemoHotspot } from './types.ts';

/** All months from 2016-01 to 2026-10, built independently of the generator. */
const MONTHS: string[] = [];
for (let y = 2016; y <= 2026; y++) {
  for (let m = 1; m <= 12 && !(y === 2026 && m > 10); m++) MONTHS.push(`${y}-${String(m).padStart(2, '0')}`);
}
const YEARS = Array.from({ length: 11 }, (_, i) => 2016 + i);
const lastMonthOf = (year: number): string => (year === 2026 ? '2026-10' : `${year}-12`);

interface Index {
  value(indicator: string, unitKey: string, period: string): number | undefined;
  units(indicator: string): Set<string>;
  /** Sum over the units that report the indicator in that period. */
  total(indicator: string, period: string): number;
}

function index(demo: DemoDataset): Index {
  const cells = new Map<string, number>();
  const unitsBy = new Map<string, Set<string>>();
  const totals = new Map<string, number>();
  for (const o of demo.observations) {
    cells.set(`${o.indicator}|${o.unitKey}|${o.period}`, o.value);
    let set = unitsBy.get(o.indicator);
    if (!set) unitsBy.set(o.indicator, (set = new Set()));
    set.add(o.unitKey);
    totals.set(`${o.indicator}|${o.period}`, (totals.get(`${o.indicator}|${o.period}`) ?? 0) + o.value);
  }
  return {
    value: (i, u, p) => cells.get(`${i}|${u}|${p}`),
    units: (i) => unitsBy.get(i) ?? new Set(),
    total: (i, p) => totals.get(`${i}|${p}`) ?? 0,
  };
}

/** A city figure for a year by the catalogue's time rule: the sum over months, or the last month's value. */
function yearly(ix: Index, indicator: string, year: number): number {
  const def = INDICATOR_BY_KEY.get(indicator);
  if (!def) throw new Error(`unknown indicator ${indicator}`);
  if (def.timeRule === 'last') return ix.total(indicator, lastMonthOf(year));
  return MONTHS.filter((p) => p.startsWith(`${year}-`)).reduce((s, p) => s + ix.total(indicator, p), 0);
}

/** Months lying entirely inside each status spell of a hotspot (before designation: 'before'). */
function spells(h: DemoHotspot): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of MONTHS) {
    const first = `${p}-01`;
    const last = `${p}-31`;
    if (last < h.designatedOn) {
      out.set(p, 'before');
      continue;
    }
    h.history.forEach((e, i) => {
      const next = h.history[i + 1];
      if (e.date <= first && (next === undefined || next.date > last)) out.set(p, e.status);
    });
  }
  return out;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe.each([2017, 7])('demo observations (seed %i)', (seed) => {
  const demo = generateDemo(seed);
  const ix = index(demo);
  const groups = demo.units.filter((u) => u.key.startsWith('g:')).map((u) => u.key);
  const oldWards = demo.units.filter((u) => u.key.endsWith(':2017')).map((u) => u.key);
  const newWards = demo.units.filter((u) => u.key.endsWith(':2025')).map((u) => u.key);
  const wardKeys = [...oldWards, ...newWards];

  it('covers 2016-01 to 2026-10 with one row per unit, month and base indicator at its entry level', () => {
    expect(demo.periods).toEqual({ from: '2016-01', to: '2026-10' });
    expect(MONTHS).toHaveLength(130);
    const before = MONTHS.filter((p) => p < '2025-07').length;
    const after = MONTHS.length - before;
    let expected = 0;
    for (const def of BASE_INDICATORS) {
      expected +=
        def.entryLevel === 'group' ? groups.length * MONTHS.length : oldWards.length * before + newWards.length * after;
    }
    expect(demo.observations).toHaveLength(expected);
    // Collect problems and assert once: an expect per row would take seconds for 240,000 rows.
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const o of demo.observations) {
      const k = `${o.indicator}|${o.unitKey}|${o.period}`;
      if (seen.has(k)) problems.push(`duplicate ${k}`);
      seen.add(k);
      if (!Number.isInteger(o.value) || o.value < 0) problems.push(`bad value ${k}=${o.value}`);
      if (INDICATOR_BY_KEY.get(o.indicator)?.kind === 'ratio') problems.push(`derived indicator stored ${k}`);
    }
    for (const def of BASE_INDICATORS) {
      if (def.entryLevel === 'group') {
        expect(ix.units(def.key)).toEqual(new Set(groups));
        for (const g of groups)
          for (const p of MONTHS)
            if (ix.value(def.key, g, p) === undefined) problems.push(`missing ${def.key} ${g} ${p}`);
      } else {
        expect(ix.units(def.key)).toEqual(new Set(wardKeys));
        for (const p of MONTHS) {
          for (const w of oldWards)
            if ((ix.value(def.key, w, p) !== undefined) !== p < '2025-07') problems.push(`${def.key} ${w} ${p}`);
          for (const w of newWards)
            if ((ix.value(def.key, w, p) !== undefined) !== p >= '2025-07') problems.push(`${def.key} ${w} ${p}`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("reproduces the 2017 report's city totals exactly", () => {
    for (const [indicator, figure] of Object.entries(REPORT_2017)) {
      const value = yearly(ix, indicator, 2017);
      if (REPORT_2017_AT_LEAST.has(indicator)) {
        expect(value, indicator).toBeGreaterThanOrEqual(figure);
        expect(value, indicator).toBeLessThanOrEqual(figure * 1.1);
      } else {
        expect(value, indicator).toBe(figure);
      }
    }
  });

  it('holds the festival once a year in every residential group, mostly in August–September', () => {
    // One pass over the months per group, problems collected and asserted once: 183 groups × 130
    // months as separate expect() calls took seconds on a loaded machine.
    let inAugSep = 0;
    let total = 0;
    const problems: string[] = [];
    for (const g of groups) {
      const heldIn = new Map<number, number[]>(YEARS.map((y) => [y, []]));
      for (const p of MONTHS) {
        const v = ix.value('residential_areas_festival', g, p);
        if (v !== 0 && v !== 1) problems.push(`${g} ${p}: ${String(v)}`);
        if (v === 1) heldIn.get(Number(p.slice(0, 4)))?.push(Number(p.slice(5)));
      }
      for (const [year, months] of heldIn) {
        const month = months[0] ?? 0;
        if (months.length !== 1 || month < 7 || month > 10) problems.push(`${g} ${year}: months ${months.join(',')}`);
        if (month === 8 || month === 9) inAugSep++;
        total++;
      }
    }
    expect(problems).toEqual([]);
    expect(inAugSep / total).toBeGreaterThan(0.75);
    expect(yearly(ix, 'residential_areas_festival', 2017)).toBe(groups.length);
  });

  it('(a) keeps 36,000–40,000 households every month, growing slowly', () => {
    const series = MONTHS.map((p) => ix.total('households', p));
    for (const v of series) {
      expect(v).toBeGreaterThanOrEqual(36_000);
      expect(v).toBeLessThanOrEqual(40_000);
    }
    for (let i = 1; i < series.length; i++) {
      expect(Math.abs((series[i] ?? 0) / (series[i - 1] ?? 1) - 1)).toBeLessThan(0.005);
    }
    for (let y = 1; y < YEARS.length; y++) {
      expect(yearly(ix, 'households', YEARS[y] ?? 0)).toBeGreaterThan(yearly(ix, 'households', YEARS[y - 1] ?? 0));
    }
  });

  it('(b) raises the share of households registered "safe" every year, below 100 %', () => {
    const coverage = YEARS.map((y) => yearly(ix, 'households_registered_safe', y) / yearly(ix, 'households', y));
    for (let i = 1; i < coverage.length; i++) expect(coverage[i] ?? 0).toBeGreaterThan(coverage[i - 1] ?? 1);
    for (const c of coverage) expect(c).toBeLessThan(1);
    for (const g of groups) {
      for (const p of MONTHS) {
        expect(ix.value('households_registered_safe', g, p) ?? Infinity).toBeLessThanOrEqual(
          ix.value('households', g, p) ?? -1,
        );
      }
    }
  });

  it('(c) shows hotspots well above normal groups while identified, falling once transformed, rising on relapse', () => {
    const hotspots = new Map(demo.hotspots.map((h) => [h.groupKey, spells(h)]));
    const signal = (g: string, p: string): number =>
      (ix.value('drug_cases', g, p) ?? 0) + (ix.value('gambling_cases', g, p) ?? 0);
    const normal = groups.filter((g) => !hotspots.has(g));
    const by: Record<string, number[]> = {
      identified: [],
      transformed: [],
      relapsed: [],
      transformedBeforeRelapse: [],
    };
    const identifiedMonths = new Set<string>();
    for (const [g, s] of hotspots) {
      const relapse = [...s].find(([, st]) => st === 'relapsed')?.[0];
      for (const [p, status] of s) {
        if (status === 'identified') {
          by.identified?.push(signal(g, p));
          identifiedMonths.add(p);
        }
        if (status === 'transformed') by.transformed?.push(signal(g, p));
        if (status === 'relapsed') by.relapsed?.push(signal(g, p));
        if (relapse !== undefined && status === 'transformed' && p < relapse)
          by.transformedBeforeRelapse?.push(signal(g, p));
      }
    }
    const normalSame = normal.flatMap((g) => [...identifiedMonths].map((p) => signal(g, p)));
    const identified = mean(by.identified ?? []);
    expect(by.identified?.length).toBeGreaterThanOrEqual(23);
    expect(identified).toBeGreaterThanOrEqual(2 * mean(normalSame));
    expect(mean(by.transformed ?? [])).toBeLessThan(identified / 2);
    expect(by.relapsed?.length).toBeGreaterThan(0);
    expect(mean(by.relapsed ?? [])).toBeGreaterThan(2 * mean(by.transformedBeforeRelapse ?? []));
    // Normal groups: a handful of incidents a year at most (0–1 a month).
    expect(mean(normal.flatMap((g) => MONTHS.map((p) => signal(g, p))))).toBeLessThan(1);
    expect(identified).toBeGreaterThanOrEqual(2);
    expect(identified).toBeLessThanOrEqual(4.5);
  });

  it('(d) never solves more cases than occurred, nor recognises more units than were proposed', () => {
    for (const w of wardKeys) {
      for (const p of MONTHS) {
        const cases = ix.value('cases_total', w, p);
        if (cases === undefined) continue;
        expect(ix.value('cases_solved', w, p) ?? Infinity).toBeLessThanOrEqual(cases);
        expect(ix.value('agencies_recognized_safe', w, p) ?? Infinity).toBeLessThanOrEqual(
          ix.value('agencies_proposed_safe', w, p) ?? -1,
        );
      }
    }
  });

  it('holds conference attendance only where conferences were held', () => {
    for (const w of wardKeys) {
      for (const p of MONTHS) {
        const held = (ix.value('conferences_thematic', w, p) ?? 0) + (ix.value('conferences_integrated', w, p) ?? 0);
        if (held === 0) expect(ix.value('conference_attendance', w, p) ?? 0).toBe(0);
      }
    }
  });

  it('varies the other years plausibly around 2017', () => {
    for (const indicator of Object.keys(REPORT_2017)) {
      const full = YEARS.filter((y) => y < 2026).map((y) => yearly(ix, indicator, y));
      const base = yearly(ix, indicator, 2017);
      if (indicator === 'residential_areas_festival') {
        expect(new Set(full)).toEqual(new Set([groups.length]));
        continue;
      }
      expect(new Set(full).size, indicator).toBeGreaterThan(1);
      for (const v of full) {
        expect(v / base, indicator).toBeGreaterThan(0.5);
        expect(v / base, indicator).toBeLessThan(1.6);
      }
      // Year on year within ±50 %, which leaves room for the 2020–2021 dip and rebound of meetings.
      for (let i = 1; i < full.length; i++) {
        expect(Math.abs((full[i] ?? 0) / (full[i - 1] ?? 1) - 1), indicator).toBeLessThan(0.5);
      }
    }
    // Trends: registrations of businesses grow; criminal cases stay roughly level.
    expect(yearly(ix, 'businesses_registered_safe', 2025)).toBeGreaterThan(
      yearly(ix, 'businesses_registered_safe', 2017),
    );
    for (const y of YEARS.filter((y) => y < 2026)) {
      expect(Math.abs(yearly(ix, 'cases_total', y) / (REPORT_2017.cases_total ?? 1) - 1)).toBeLessThan(0.25);
    }
  });

  it('continues ward series smoothly across the 2025 merger', () => {
    for (const indicator of ['businesses_registered_safe', 'schools_registered_safe', 'religious_registered_safe']) {
      const june = ix.total(indicator, '2025-06');
      const july = ix.total(indicator, '2025-07');
      expect(Math.abs(july / june - 1), indicator).toBeLessThan(0.02);
    }
  });
});
