import { describe, expect, it } from 'vitest';
import { ckmeans } from 'simple-statistics';
import {
  boundDecimals,
  buildChoropleth,
  classStarts,
  JENKS_SAMPLE,
  NO_DATA_COLOR,
  parseBreaks,
  rampColors,
} from './choropleth.ts';
import { defaultPalette, paletteColors } from './palettes.ts';

describe('buildChoropleth', () => {
  const values = [1, 2, 2, 3, 10, 11, 12, 30, 31, 55, 56, 57, null, undefined];

  it('makes natural-break classes that cover every value once', () => {
    const c = buildChoropleth(values, 'higher_worse', 4);
    expect(c.classes).toHaveLength(4);
    expect(c.classes.map((k) => [k.min, k.max])).toEqual([
      [1, 3],
      [10, 12],
      [30, 31],
      [55, 57],
    ]);
    expect(c.classes.reduce((n, k) => n + k.count, 0)).toBe(12);
    expect(c.noData).toEqual({ color: NO_DATA_COLOR, count: 2 });
  });

  it('puts dark red on high values when higher is worse, on low values when higher is better', () => {
    const worse = buildChoropleth(values, 'higher_worse', 4);
    const better = buildChoropleth(values, 'higher_better', 4);
    expect(worse.colorOf(57)).toBe('#e31a1c');
    expect(worse.colorOf(1)).toBe('#ffffb2');
    expect(better.colorOf(1)).toBe('#e31a1c');
    expect(better.colorOf(57)).toBe('#ffffb2');
  });

  it('uses blues for neutral indicators', () => {
    expect(rampColors(5, 'neutral')).toEqual(['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c']);
  });

  it('classifies values between classes into the lower class and missing values as no data', () => {
    const c = buildChoropleth(values, 'neutral', 4);
    expect(c.classOf(5)).toBe(0);
    expect(c.classOf(-1)).toBe(0);
    expect(c.classOf(1000)).toBe(3);
    expect(c.classOf(null)).toBe(-1);
    expect(c.classOf(Number.NaN)).toBe(-1);
    expect(c.colorOf(null)).toBe(NO_DATA_COLOR);
  });

  it('never makes more classes than distinct values', () => {
    expect(buildChoropleth([4, 4, 4], 'neutral').classes).toHaveLength(1);
    expect(buildChoropleth([0, 1, 1, 0], 'higher_better').classes).toHaveLength(2);
    const none = buildChoropleth([null, null], 'higher_worse');
    expect(none.classes).toEqual([]);
    expect(none.noData.count).toBe(2);
    expect(none.classOf(3)).toBe(-1);
  });
});

describe('classification methods', () => {
  it('natural breaks of 10,000 values from a sample sit where the exact ones do', () => {
    const hash = (i: number) => (Math.imul(i + 1, 0x9e3779b1) >>> 0) / 2 ** 32;
    // Five separated groups, and skewed small counts (cases per ward).
    const groups = Array.from({ length: 10_000 }, (_, i) => [0, 40, 90, 150, 400][i % 5]! + Math.floor(hash(i) * 20));
    const counts = Array.from({ length: 10_000 }, (_, i) => Math.floor(-Math.log(1 - hash(i)) * 6));
    for (const values of [groups, counts]) {
      const sorted = [...values].sort((a, b) => a - b);
      expect(sorted.length).toBeGreaterThan(JENKS_SAMPLE);
      const exact = ckmeans(sorted, 5).map((c) => c[0]!);
      const sampled = classStarts(sorted, 'jenks', 5);
      sampled.forEach((b, i) => expect(Math.abs(b - exact[i]!)).toBeLessThanOrEqual(values === groups ? 0 : 1));
    }
  });

  const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  it('quantiles put equal counts in each class', () => {
    const c = buildChoropleth(xs, 'neutral', { method: 'quantile', classes: 4 });
    expect(c.classes.map((k) => k.count)).toEqual([3, 3, 3, 3]);
    expect(c.method).toBe('quantile');
  });
  it('equal intervals split the range in equal widths', () => {
    const c = buildChoropleth([0, 1, 2, 100], 'neutral', { method: 'equal', classes: 4 });
    expect(c.classes.map((k) => k.lower)).toEqual([0, 25, 50, 75]);
    expect(c.classes.map((k) => k.count)).toEqual([3, 0, 0, 1]);
    expect(c.classes[3]!.upper).toBe(100);
  });
  it('manual breaks are used as given, inside the data range', () => {
    const c = buildChoropleth(xs, 'neutral', { method: 'manual', breaks: [5, 10, 50] });
    expect(c.classes.map((k) => k.lower)).toEqual([0, 5, 10]);
    expect(c.classes.map((k) => k.count)).toEqual([5, 5, 2]);
  });
  it('offers 3 to 9 classes', () => {
    const many = Array.from({ length: 100 }, (_, i) => i * i);
    expect(buildChoropleth(many, 'neutral', { classes: 9 }).classes).toHaveLength(9);
    expect(buildChoropleth(many, 'neutral', { classes: 12 }).classes).toHaveLength(9);
    expect(buildChoropleth(many, 'neutral', { method: 'quantile', classes: 3 }).classes).toHaveLength(3);
  });
  it('makes symmetric classes around zero for changes, red for a rise when higher is worse', () => {
    const c = buildChoropleth([-4, -1, 0, 2, 8], 'higher_worse', { diverging: true, classes: 5 });
    expect(c.diverging).toBe(true);
    expect(c.palette).toBe('RdBu');
    expect(c.classes[0]!.lower).toBe(-8);
    expect(c.classes[4]!.upper).toBe(8);
    expect(c.classOf(0)).toBe(2);
    expect(c.colorOf(8)).toBe('#ca0020');
    const better = buildChoropleth([-4, 8], 'higher_better', { diverging: true, classes: 5 });
    expect(better.colorOf(8)).toBe('#0571b0');
    expect(better.colorOf(-8)).toBe('#ca0020');
  });
  it('parses manual breaks typed with decimal commas', () => {
    expect(parseBreaks('10; 2,5 30')).toEqual([2.5, 10, 30]);
  });
});

describe('palettes by polarity', () => {
  it('uses the palette direction from polarity', () => {
    expect(rampColors(3, 'higher_worse', 'Greens')).toEqual(['#e5f5e0', '#a1d99b', '#31a354']);
    expect(rampColors(3, 'higher_better', 'Greens')).toEqual(['#31a354', '#a1d99b', '#e5f5e0']);
    expect(paletteColors('YlOrRd', 9)).toHaveLength(9);
    expect(defaultPalette('higher_worse')).toBe('YlOrRd');
    expect(defaultPalette('neutral')).toBe('Blues');
    expect(defaultPalette('neutral', true)).toBe('PuOr');
  });
});

describe('legend bounds', () => {
  it('shows enough decimals to tell class bounds apart', () => {
    const c = buildChoropleth([0, 0, 1, 1], 'neutral', { method: 'equal', classes: 4 });
    expect(c.classes.map((k) => k.lower)).toEqual([0, 0.5]);
    expect(boundDecimals(c.classes, 0)).toBe(1);
    expect(boundDecimals(buildChoropleth([0, 4, 8], 'neutral', { method: 'equal', classes: 4 }).classes, 0)).toBe(0);
    const percent = buildChoropleth([90.123, 91.456, 95.789, 97.01], 'neutral', { method: 'quantile', classes: 3 });
    expect(boundDecimals(percent.classes, 1)).toBe(1);
  });
});
