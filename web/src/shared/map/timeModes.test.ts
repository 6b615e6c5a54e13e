/**
 * Time as analysts use it (issue 16): year to date, rolling twelve months and the change against
 * the same period last year, summed by each indicator's time rule; one set of class breaks while
 * playing; ranks that read "1 = most in need of attention" whichever way the indicator points. The
 * fixtures are small enough that every expected number below is added up by hand in its comment.
 */
import { describe, expect, it } from 'vitest';
import { monthRange, periodsBetween } from '../../../../geo/periods.ts';
import { periodValueArray, toMatrix, type Matrix } from '../api/matrix.ts';
import type { Indicator } from '../api/types.ts';
import { buildChoropleth } from './choropleth.ts';
import { DEFAULT_STATE } from './mapState.ts';
import { PeriodViews } from './periodViews.ts';
import { classifyPeriod, legendLines, narrowSpreadLine, rankOf, type Classification } from './viewModel.ts';

const base: Indicator = {
  key: 'cases_total',
  name_vi: 'Án hình sự',
  name_en: 'Criminal cases',
  unit_vi: 'vụ',
  unit_en: 'cases',
  kind: 'count',
  time_rule: 'sum',
  spatial_rule: 'sum',
  polarity: 'higher_worse',
  levels: ['ward'],
  entry_level: 'ward',
  theme: 'crime',
  description_vi: '',
  description_en: '',
  source: '',
  numerator_key: null,
  denominator_key: null,
  scale: null,
  first_period: '2016-01',
  last_period: '2017-03',
  has_data: true,
  retired_at: null,
};
const cases = base;
const households: Indicator = { ...base, key: 'households', time_rule: 'last', polarity: 'neutral' };
const solvedRate: Indicator = {
  ...base,
  key: 'solved_rate',
  kind: 'ratio',
  scale: 100,
  unit_vi: '%',
  unit_en: '%',
  polarity: 'higher_better',
  numerator_key: 'solved',
  denominator_key: 'cases_total',
};

const MONTHS = monthRange('2016-01', '2017-03'); // 15 months

/** One unit (id 1) whose value in month i (0 = Jan 2016) is `f(i)`; unit 2 has none. */
function matrixOf(key: string, f: (i: number) => number | null): Matrix {
  return toMatrix({
    indicator: key,
    level: 'ward',
    at: '2017-12-31',
    demo: true,
    periods: MONTHS,
    ids: [1, 2],
    values: [MONTHS.map((_, i) => f(i)), MONTHS.map(() => null)],
    reexpressed: [],
  });
}

// Cases: month i has i + 1 cases (Jan 2016 = 1 … Dec 2016 = 12, Jan 2017 = 13 … Mar 2017 = 15).
const casesMatrix = matrixOf('cases_total', (i) => i + 1);
// Households: a stock, 100 + i (Mar 2016 = 102, Mar 2017 = 114).
const householdsMatrix = matrixOf('households', (i) => 100 + i);
// Solved cases: 1 a month in 2016, 2 a month in 2017, and none reported in Feb 2017.
const solvedMatrix = matrixOf('solved', (i) => (i === 13 ? null : i < 12 ? 1 : 2));

const value = (ind: Indicator, m: Matrix, period: string, from?: string, relative = false, extra = {}) =>
  periodValueArray({ main: m, ...extra }, ind, period, 'value', from, relative)[0];

describe('year to date, rolling twelve months, change against last year', () => {
  it('adds flows over a year to date and twelve rolling months', () => {
    // Jan–Mar 2017: 13 + 14 + 15 = 42; Jan–Mar 2016: 1 + 2 + 3 = 6.
    expect(value(cases, casesMatrix, '2017-03-ytd')).toBe(42);
    expect(value(cases, casesMatrix, '2016-03-ytd')).toBe(6);
    // Apr 2016 … Mar 2017: 4 + 5 + … + 15 = (4 + 15) × 12 / 2 = 114.
    expect(value(cases, casesMatrix, '2017-03-r12')).toBe(114);
    // Against the same period last year: 42 − 6 = +36, +600 % of 6.
    expect(value(cases, casesMatrix, '2017-03-ytd', '2016-03-ytd')).toBe(36);
    expect(value(cases, casesMatrix, '2017-03-ytd', '2016-03-ytd', true)).toBe(600);
    // A month against the same month: 15 − 3 = 12, +400 %.
    expect(value(cases, casesMatrix, '2017-03', '2016-03', true)).toBe(400);
  });

  it('takes the latest month of a stock, not a sum', () => {
    expect(value(households, householdsMatrix, '2017-03-ytd')).toBe(114);
    expect(value(households, householdsMatrix, '2017-03-r12')).toBe(114);
    // 114 − 102 = 12; 12 / 102 = 11.76… %.
    expect(value(households, householdsMatrix, '2017-03-ytd', '2016-03-ytd')).toBe(12);
    expect(value(households, householdsMatrix, '2017-03-ytd', '2016-03-ytd', true)).toBeCloseTo(1176.47 / 100, 2);
  });

  it('recomputes a ratio from its summed numerator and denominator', () => {
    const parts = { numerator: solvedMatrix, denominator: casesMatrix };
    const main = matrixOf('solved_rate', () => 0.5); // what a month alone would show; never averaged
    // YTD 2017: solved 2 + (none) + 2 = 4 of 13 + 14 + 15 = 42 cases → 9.52 %.
    expect(value(solvedRate, main, '2017-03-ytd', undefined, false, parts)).toBeCloseTo((4 / 42) * 100, 10);
    // Rolling 12: solved 9 × 1 (Apr–Dec 2016) + 4 = 13 of 114 → 11.40 %.
    expect(value(solvedRate, main, '2017-03-r12', undefined, false, parts)).toBeCloseTo((13 / 114) * 100, 10);
    // YTD 2016: 3 of 6 = 50 %; change 9.52 − 50 = −40.48 points.
    expect(value(solvedRate, main, '2017-03-ytd', '2016-03-ytd', false, parts)).toBeCloseTo((4 / 42) * 100 - 50, 10);
  });

  it('maps the change against last year for the period shown, and leaves a rise from zero without a %', () => {
    const state: Classification = { ...DEFAULT_STATE, change: 'yoy' };
    const view = classifyPeriod(
      { indicator: cases, measure: 'value', sources: { main: casesMatrix } },
      '2017-03-r12',
      state,
    );
    // 114 against Apr 2015 … Mar 2016, which the data do not cover (Jan–Mar 2016 only): no value.
    expect(view.from).toBe('2016-03-r12');
    const ytd = classifyPeriod(
      { indicator: cases, measure: 'value', sources: { main: casesMatrix } },
      '2017-03-ytd',
      state,
    );
    expect(ytd.values[0]).toBe(36);
    expect(ytd.choropleth.diverging).toBe(true);
    const zero = matrixOf('cases_total', (i) => (i === 2 ? 0 : 3));
    expect(value(cases, zero, '2017-03', '2016-03', true)).toBeNaN();
  });
});

describe('one scale while playing', () => {
  /** Six wards over three years; the counts grow, so a per-year fit would shift its breaks. */
  const years = ['2016', '2017', '2018'];
  const months = monthRange('2016-01', '2018-12');
  const ids = [1, 2, 3, 4, 5, 6];
  const grow = [1, 2, 3];
  const main = toMatrix({
    indicator: 'cases_total',
    level: 'ward',
    at: '2018-12-31',
    demo: true,
    periods: months,
    ids,
    // Ward w in year y has (w × grow[y]) cases in January, none otherwise: yearly sums w × grow[y].
    values: ids.map((w) => months.map((m) => (m.endsWith('-01') ? w * grow[Number(m.slice(0, 4)) - 2016]! : 0))),
    reexpressed: [],
  });
  const inputs = {
    indicator: { ...cases, first_period: '2016-01', last_period: '2018-12' },
    measure: 'value' as const,
    sources: { main },
  };

  it('gives the same colour to the same value in every period, and fits each period alone on request', () => {
    const pooled: Classification = { ...DEFAULT_STATE, classes: 4, pooledOver: years };
    const views = new PeriodViews(inputs, (task) => (task(), () => {}));
    const colourOf = (period: string, c: Classification, id: number) => {
      const view = views.get(period, c);
      return view.choropleth.colorOf(view.values[view.row.get(id)!]!);
    };
    // The value 6 occurs in 2016 (ward 6 × 1), 2017 (ward 3 × 2) and 2018 (ward 2 × 3).
    const sixes = [colourOf('2016', pooled, 6), colourOf('2017', pooled, 3), colourOf('2018', pooled, 2)];
    expect(new Set(sixes).size).toBe(1);
    const breaks = years.map((y) =>
      views
        .get(y, pooled)
        .choropleth.classes.map((c) => c.lower)
        .join(),
    );
    expect(new Set(breaks).size).toBe(1);
    expect(views.get('2017', pooled).choropleth.fixed).toBe(true);
    // Per period, each year's darkest class holds its own largest value: 6 is darkest in 2016 only.
    const own: Classification = { ...DEFAULT_STATE, classes: 4 };
    const perYear = [colourOf('2016', own, 6), colourOf('2017', own, 3), colourOf('2018', own, 2)];
    expect(new Set(perYear).size).toBeGreaterThan(1);
    expect(
      new Set(
        years.map((y) =>
          views
            .get(y, own)
            .choropleth.classes.map((c) => c.lower)
            .join(),
        ),
      ).size,
    ).toBe(3);
  });

  it('never draws more classes than distinct values, and says a narrow spread instead of classing it', () => {
    expect(buildChoropleth([1, 1, 2, 2], 'higher_worse', { classes: 7 }).classes).toHaveLength(2);
    // Three merged wards at 97.8 – 98.5 %: 0.7 points of 100 are one class, said as such.
    const narrow = buildChoropleth([97.8, 98.1, 98.5], 'higher_better', { classes: 5, valueScale: 100 });
    expect(narrow.classes).toHaveLength(1);
    expect(narrow.narrowSpread).toBeCloseTo(0.7, 10);
    // The same wards at 60 – 98.5 % are classed.
    expect(buildChoropleth([60, 80, 98.5], 'higher_better', { classes: 5, valueScale: 100 }).narrowSpread).toBeNull();
  });
});

describe('rank 1 is the unit most in need of attention', () => {
  const row = (values: number[]) =>
    toMatrix({
      indicator: 'x',
      level: 'ward',
      at: '2017-12-31',
      demo: true,
      periods: ['2017-01'],
      ids: [1, 2, 3],
      values: values.map((v) => [v]),
      reexpressed: [],
    });
  const ranksOf = (ind: Indicator, values: number[]) => {
    const view = classifyPeriod(
      { indicator: ind, measure: 'value', sources: { main: row(values) } },
      '2017-01',
      DEFAULT_STATE,
    );
    return [1, 2, 3].map((id) => rankOf(view, id));
  };
  it('ranks the most crime first, and the lowest coverage first', () => {
    // Crime (higher is worse): ward 2 with 9 cases is rank 1.
    expect(ranksOf(cases, [4, 9, 1])).toEqual([2, 1, 3]);
    // Coverage (higher is better): ward 3 at 90 % is rank 1, ward 1 at 99 % last.
    const coverage = {
      ...solvedRate,
      time_rule: 'last' as const,
      numerator_key: null,
      denominator_key: null,
      scale: 1,
    };
    expect(ranksOf(coverage, [99, 95, 90])).toEqual([3, 2, 1]);
    // A neutral indicator ranks its highest first.
    expect(ranksOf(households, [10, 30, 20])).toEqual([3, 1, 2]);
  });
  it('lists periods of rolling months only once twelve are behind them', () => {
    expect(periodsBetween('2016-01', '2017-03', 'r12')[0]).toBe('2016-12-r12');
  });
});

describe('a change scale over many values', () => {
  it('ends at the 95th percentile of the sizes, and its end classes say they are open', () => {
    // 99 changes of −5…+5 and one of +400 %: the scale is not stretched to ±400.
    const changes = [...Array.from({ length: 99 }, (_, i) => (i % 11) - 5), 400];
    const c = buildChoropleth(changes, 'higher_worse', { diverging: true, classes: 5 });
    expect(c.classes[c.classes.length - 1]!.upper).toBe(5);
    expect(c.classOf(400)).toBe(c.classes.length - 1);
    const lines = legendLines(c, 0, 'vi');
    expect(lines[c.classes.length - 1]!.label).toBe('≥ +3');
    // A few values (14 wards): the ends are the largest size, as before.
    expect(buildChoropleth([-2, 1, 8], 'higher_worse', { diverging: true }).classes.at(-1)!.upper).toBe(8);
  });
});

describe('the sentence of a narrow spread', () => {
  it('agrees with the printed bounds', () => {
    const c = buildChoropleth([97.83, 98.1, 98.46], 'higher_better', { classes: 5, valueScale: 100 });
    expect(legendLines(c, 1, 'vi')[0]!.label).toBe('97,8 – 98,5');
    expect(narrowSpreadLine(c, 1, '%', 'ward', 'vi')).toBe(
      'Tất cả phường, xã trong khoảng 0,7 điểm %: không có khác biệt đáng kể.',
    );
    expect(narrowSpreadLine(c, 1, '%', 'group', 'en')).toBe(
      'All residential groups within 0.7 points: no meaningful difference.',
    );
  });
});
