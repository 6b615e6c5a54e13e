/**
 * The map view model: every map (page, presentation, exports) shows what these functions compute.
 * Fixtures are small matrices whose answers can be checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { toMatrix } from '../api/matrix.ts';
import type { Indicator, UnitsCollection } from '../api/types.ts';
import { DEFAULT_STATE } from './mapState.ts';
import {
  buildViewModel,
  classifyPeriod,
  decimalsOf,
  effectiveMeasure,
  legendLines,
  numeratorOf,
  periodLabelOf,
  rangeOf,
  rankOf,
  topIds,
  unitLabelOf,
  valueOf,
  withPeriod,
} from './viewModel.ts';

const indicator = (over: Partial<Indicator>): Indicator => ({
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
  first_period: '2017-01',
  last_period: '2017-03',
  has_data: true,
  retired_at: null,
  ...over,
});

const cases = indicator({});
const coverage = indicator({
  key: 'coverage',
  kind: 'ratio',
  unit_vi: '%',
  unit_en: '%',
  scale: 100,
  polarity: 'higher_better',
  time_rule: 'last',
  numerator_key: 'safe',
  denominator_key: 'households',
});
const safe = indicator({ key: 'safe', unit_vi: 'hộ', unit_en: 'households', time_rule: 'last' });

/** Five wards over three months: counts 1…5 in January, doubled in March, none in February. */
const matrix = toMatrix({
  indicator: 'cases_total',
  level: 'ward',
  at: '2017-12-31',
  demo: true,
  periods: ['2017-01', '2017-02', '2017-03'],
  ids: [11, 12, 13, 14, 15],
  values: [
    [1, null, 2],
    [2, null, 4],
    [3, null, 6],
    [4, null, 8],
    [null, null, null],
  ],
  reexpressed: [],
});
const inputs = { indicator: cases, measure: 'value' as const, sources: { main: matrix } };
const classification = { method: 'equal' as const, classes: 3, palette: null, breaks: '', from: null };

describe('measure, decimals and unit', () => {
  it('offers per 1,000 households for counts and a count for ratios with a numerator', () => {
    expect(effectiveMeasure(cases, undefined, 'per1000')).toBe('per1000');
    expect(effectiveMeasure(cases, undefined, 'count')).toBe('value');
    expect(numeratorOf([cases, coverage, safe], coverage)).toBe(safe);
    expect(effectiveMeasure(coverage, safe, 'count')).toBe('count');
    expect(effectiveMeasure(coverage, undefined, 'count')).toBe('value');
  });
  it('shows rates with a decimal and counts without', () => {
    expect(decimalsOf(cases, 'value')).toBe(0);
    expect(decimalsOf(cases, 'per1000')).toBe(1);
    expect(decimalsOf(coverage, 'value')).toBe(1);
    expect(decimalsOf(coverage, 'count')).toBe(0);
  });
  it('names the unit of what is shown, in the language asked', () => {
    expect(unitLabelOf(cases, undefined, 'value', 'vi')).toBe('vụ');
    expect(unitLabelOf(cases, undefined, 'per1000', 'vi')).toBe('vụ trên 1.000 hộ');
    expect(unitLabelOf(cases, undefined, 'per1000', 'en')).toBe('cases per 1,000 households');
    expect(unitLabelOf(coverage, safe, 'count', 'en')).toBe('households');
  });
  it("covers an indicator's stated months, else the demo's first month to this month", () => {
    expect(rangeOf(cases)).toEqual({ from: '2017-01', to: '2017-03' });
    expect(rangeOf({ first_period: null, last_period: null }, '2026-11-27')).toEqual({
      from: '2016-01',
      to: '2026-11',
    });
  });
});

describe('a period view', () => {
  it('holds values, classes and ranks by row, and the order of the ranked', () => {
    const view = classifyPeriod(inputs, '2017-Q1', classification);
    // Q1 sums January and March: 3, 6, 9, 12 and no value for ward 15.
    expect(valueOf(view, 11)).toBe(3);
    expect(valueOf(view, 15)).toBeNull();
    expect(rankOf(view, 14)).toBe(1);
    expect(rankOf(view, 11)).toBe(4);
    expect(rankOf(view, 15)).toBeNull();
    expect(view.ranked).toBe(4);
    expect(topIds(view, 2)).toEqual([14, 13]);
    // Equal intervals over 3…12: [3, 6), [6, 9), [9, 12].
    expect(Array.from(view.classes)).toEqual([0, 1, 2, 2, -1]);
    expect(view.choropleth.noData.count).toBe(1);
  });
  it('shares ranks between equal values', () => {
    const tie = classifyPeriod(
      { ...inputs, sources: { main: toMatrix({ ...matrixResponse(), values: [[5], [7], [7], [1], [null]] }) } },
      '2017-01',
      classification,
    );
    expect([11, 12, 13, 14].map((id) => rankOf(tie, id))).toEqual([3, 1, 1, 4]);
    expect(topIds(tie, 3)).toEqual([12, 13, 11]);
  });
  it('maps a change between two periods on a diverging scale centred on zero', () => {
    const view = classifyPeriod(inputs, '2017-03', { ...classification, from: '2017-01' });
    expect(valueOf(view, 14)).toBe(4);
    expect(view.choropleth.diverging).toBe(true);
    const middle = view.choropleth.classes[(view.choropleth.classes.length - 1) / 2]!;
    expect(middle.lower).toBeLessThan(0);
    expect(middle.upper).toBeGreaterThan(0);
  });
});

describe('legend', () => {
  it('prints class ranges then no data, in the language asked', () => {
    const view = classifyPeriod(inputs, '2017-Q1', classification);
    const vi = legendLines(view.choropleth, 0, 'vi');
    expect(vi.map((l) => l.label)).toEqual(['3 – 6', '6 – 9', '9 – 12', 'Không có dữ liệu']);
    expect(vi.map((l) => l.count)).toEqual([1, 1, 2, 1]);
    expect(legendLines(view.choropleth, 0, 'en').at(-1)!.label).toBe('No data');
    expect(periodLabelOf('2017-03', '2017-01', 'vi')).toBe('tháng 1/2017 → tháng 3/2017');
    expect(periodLabelOf('2017-Q1', null, 'en')).toBe('Q1 2017');
  });
});

describe('the view model of a saved view', () => {
  const units: UnitsCollection = {
    type: 'FeatureCollection',
    features: [11, 12].map((id, i) => ({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [i, 0],
            [i + 1, 0],
            [i + 1, 1],
            [i, 1],
            [i, 0],
          ],
        ],
      },
      properties: { id } as UnitsCollection['features'][number]['properties'],
    })),
  };
  const parts = {
    ...inputs,
    state: { ...DEFAULT_STATE, indicator: 'cases_total', period: '2017-01', method: 'equal' as const, classes: 3 },
    numerator: undefined,
    level: 'ward' as const,
    at: '2017-12-31',
    units,
    demo: false,
  };
  it('is what the map page shows of the same state', () => {
    const model = buildViewModel(parts, 'en');
    const view = classifyPeriod(inputs, '2017-01', parts.state);
    expect(Array.from(model.view.values)).toEqual(Array.from(view.values));
    expect(model.legend).toEqual(legendLines(view.choropleth, 0, 'en'));
    expect(model.values.get(12)).toBe(2);
    expect(model.legendTitle).toBe('Criminal cases');
    expect(model.periods).toEqual(['2017-01', '2017-02', '2017-03']);
    expect(model.bounds).toEqual([0, 0, 2, 1]);
    // The matrix says demo: the model says so too.
    expect(model.demo).toBe(true);
  });
  it('steps to another period without loading anything', () => {
    const next = withPeriod(buildViewModel(parts, 'vi'), '2017-03', 'vi');
    expect(next.state.period).toBe('2017-03');
    expect(next.values.get(11)).toBe(2);
    expect(next.periodLabel).toBe('tháng 3/2017');
  });
});

function matrixResponse() {
  return {
    indicator: 'cases_total',
    level: 'ward' as const,
    at: '2017-12-31',
    demo: false,
    periods: ['2017-01'],
    ids: [11, 12, 13, 14, 15],
    values: [] as (number | null)[][],
    reexpressed: [] as [number, number][],
  };
}
