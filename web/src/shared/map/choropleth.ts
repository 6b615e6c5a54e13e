/**
 * Choropleth classes and colours for one indicator in one period (or a change between two).
 *
 * Methods: natural breaks (Ckmeans, optimal 1-D k-means from simple-statistics — the default, suits
 * the few and uneven values of 14 wards), quantiles (equal counts), equal intervals, and manual
 * breaks. 3–9 classes; never more classes than distinct values. Colours are ColorBrewer palettes
 * ({@link ./palettes.ts}) turned by the indicator's polarity. A change map uses a diverging palette
 * with classes symmetric around zero, so that "no change" is the middle colour.
 */
import { ckmeans, quantileSorted } from 'simple-statistics';
import type { Polarity } from '../api/types.ts';
import { defaultPalette, MAX_CLASSES, MIN_CLASSES, rampFor, type PaletteKey } from './palettes.ts';

export { MAX_CLASSES, MIN_CLASSES } from './palettes.ts';
export const DEFAULT_CLASSES = 5;
/** Fill of units without a value: a neutral grey that no palette uses. */
export const NO_DATA_COLOR = '#c8c8c8';

export type ClassMethod = 'jenks' | 'quantile' | 'equal' | 'manual';
export const CLASS_METHODS: readonly ClassMethod[] = ['jenks', 'quantile', 'equal', 'manual'];

export function isClassMethod(value: string | null | undefined): value is ClassMethod {
  return (CLASS_METHODS as readonly (string | null | undefined)[]).includes(value);
}

export interface ChoroplethClass {
  /** Position from the lowest values (0) to the highest. */
  index: number;
  /** Class bounds: values v with lower ≤ v < next class's lower (the last class includes `upper`). */
  lower: number;
  upper: number;
  /** Smallest and largest value that fell in the class (the bounds when it is empty). */
  min: number;
  max: number;
  color: string;
  /** Units in the class. */
  count: number;
}

export interface Choropleth {
  /** Classes in increasing order of value; empty when no unit has a value. */
  classes: ChoroplethClass[];
  noData: { color: string; count: number };
  polarity: Polarity;
  method: ClassMethod;
  palette: PaletteKey;
  /** Classes symmetric around zero (a change between two periods). */
  diverging: boolean;
  /**
   * The spread of the values (largest − smallest) when it is small against the value scale: the
   * units are then drawn in one class and the legend says so, rather than stretching a palette
   * from its lightest to its darkest over differences that mean nothing. Null otherwise.
   */
  narrowSpread: number | null;
  /** Whether the breaks were given (one set over every period), not fitted to these values. */
  fixed: boolean;
  /** Index of the class a value falls in, or -1 for a missing value or when there are no classes. */
  classOf(value: number | null | undefined): number;
  colorOf(value: number | null | undefined): string;
}

export interface ChoroplethOptions {
  method?: ClassMethod;
  /** Wanted number of classes, 3–9 (fewer when there are fewer distinct values). */
  classes?: number;
  palette?: PaletteKey;
  /** Inner breaks for `manual`: class i starts at breaks[i − 1]. */
  breaks?: readonly number[];
  /** Symmetric classes around zero, for changes. */
  diverging?: boolean;
  /**
   * Class bounds fitted elsewhere (over every period: see {@link fixedBreaks}); the values are only
   * counted into them, so the same colour means the same value in every period.
   */
  fixed?: FixedBreaks;
  /**
   * The value scale a spread is measured against (100 for percentages; otherwise the largest
   * absolute value): a spread below NARROW_SHARE of it is said instead of classed.
   */
  valueScale?: number;
}

/** Class bounds fitted once (lower bounds, the top), and the spread when it was narrow. */
export interface FixedBreaks {
  starts: number[];
  top: number;
  narrowSpread: number | null;
}

/** From this many values, a change scale ends at the 95th percentile of the sizes (open end classes). */
export const DIVERGING_TAIL_FROM = 40;

/** A spread below this share of the value scale is narrow (0.7 points of 100 %: all alike). */
export const NARROW_SHARE = 0.02;

/** `count` colours of the default palette for `polarity`, ordered from the lowest class to the highest. */
export function rampColors(
  count: number,
  polarity: Polarity,
  palette: PaletteKey = defaultPalette(polarity),
): string[] {
  return rampFor(palette, Math.min(count, MAX_CLASSES), polarity);
}

function isValue(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

const uniqueSorted = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** Above this many values, natural breaks are computed on evenly spaced order statistics. */
export const JENKS_SAMPLE = 2048;

/**
 * `sorted` itself (a copy) when small; else JENKS_SAMPLE evenly spaced order statistics, first and
 * last included. Ckmeans costs O(k·n·log n) with k·n matrices: at 10,000 units it took a period
 * step's whole frame, and the sample's breaks sit on the same values (tested).
 */
function jenksSample(sorted: readonly number[]): number[] {
  const n = sorted.length;
  if (n <= JENKS_SAMPLE) return [...sorted];
  return Array.from({ length: JENKS_SAMPLE }, (_, i) => sorted[Math.round((i * (n - 1)) / (JENKS_SAMPLE - 1))]!);
}

/**
 * Lower bounds of each class (ascending, first = smallest value) for sorted values. Exported for
 * tests. Duplicated bounds (quantiles over repeated values) are merged.
 */
export function classStarts(
  sorted: readonly number[],
  method: ClassMethod,
  k: number,
  breaks: readonly number[] = [],
): number[] {
  if (sorted.length === 0 || k < 1) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  switch (method) {
    case 'jenks':
      return ckmeans(jenksSample(sorted), k).map((cluster) => cluster[0]!);
    case 'quantile': {
      const starts = [min];
      for (let i = 1; i < k; i++) starts.push(quantileSorted([...sorted], i / k));
      return uniqueSorted(starts);
    }
    case 'equal': {
      if (min === max) return [min];
      return Array.from({ length: k }, (_, i) => min + ((max - min) * i) / k);
    }
    case 'manual': {
      const inner = uniqueSorted(breaks.filter((b) => Number.isFinite(b) && b > min && b <= max));
      return [min, ...inner];
    }
  }
}

/** Classifies the values of the mapped units (one entry per unit, null where it has no value). */
export function buildChoropleth(
  values: readonly (number | null | undefined)[],
  polarity: Polarity,
  options: ChoroplethOptions | number = {},
): Choropleth {
  const opts: ChoroplethOptions = typeof options === 'number' ? { classes: options } : options;
  const method = opts.method ?? 'jenks';
  const diverging = opts.diverging ?? false;
  const palette = opts.palette ?? defaultPalette(polarity, diverging);
  const present = values.filter(isValue);
  const { starts, top, narrowSpread } =
    opts.fixed ?? fixedBreaks(present, { ...opts, method, diverging, classes: opts.classes ?? DEFAULT_CLASSES });
  // One class of a narrow spread takes a middle colour, not the palette's alarming end.
  const colors =
    narrowSpread !== null ? [rampFor(palette, MIN_CLASSES, polarity)[1]!] : rampFor(palette, starts.length, polarity);
  const classes: ChoroplethClass[] = starts.map((lower, index) => ({
    index,
    lower,
    upper: starts[index + 1] ?? top,
    min: Infinity,
    max: -Infinity,
    color: colors[index]!,
    count: 0,
  }));
  const classOf = (value: number | null | undefined): number => {
    if (!isValue(value) || classes.length === 0) return -1;
    let found = 0;
    for (const cls of classes) if (value >= cls.lower) found = cls.index;
    return found;
  };
  for (const value of present) {
    const cls = classes[classOf(value)]!;
    cls.count += 1;
    cls.min = Math.min(cls.min, value);
    cls.max = Math.max(cls.max, value);
  }
  for (const cls of classes) {
    if (cls.count === 0) {
      cls.min = cls.lower;
      cls.max = cls.upper;
    }
  }
  return {
    classes,
    noData: { color: NO_DATA_COLOR, count: values.length - present.length },
    polarity,
    method,
    palette,
    diverging,
    narrowSpread,
    fixed: opts.fixed !== undefined,
    classOf,
    colorOf: (value) => {
      const index = classOf(value);
      return index < 0 ? NO_DATA_COLOR : classes[index]!.color;
    },
  };
}

/**
 * Class bounds of values: natural breaks, quantiles, equal or manual intervals (never more classes
 * than distinct values), symmetric equal steps around zero for a change, or a single class when the
 * spread is narrow against the value scale. Called with every period's values at once, it gives
 * the one set of breaks a time animation keeps.
 */
export function fixedBreaks(
  values: readonly number[],
  opts: Omit<ChoroplethOptions, 'fixed' | 'palette'> = {},
): FixedBreaks {
  const method = opts.method ?? 'jenks';
  const sorted = values.filter(isValue).sort((a, b) => a - b);
  if (sorted.length === 0) return { starts: [], top: 0, narrowSpread: null };
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const wanted = Math.min(Math.max(1, Math.floor(opts.classes ?? DEFAULT_CLASSES)), MAX_CLASSES);
  if (opts.diverging) {
    // Equal steps from −m to m, with an odd count so that zero sits in the middle class. Over many
    // values (every period's) m is the 95th percentile of the sizes, so that one ward's +400 % does
    // not squeeze every other change into the middle class; the end classes take what lies beyond.
    const sizes = sorted.map(Math.abs).sort((a, b) => a - b);
    const m =
      (sizes.length >= DIVERGING_TAIL_FROM ? quantileSorted(sizes, 0.95) : Math.max(Math.abs(min), Math.abs(max))) ||
      Math.max(Math.abs(min), Math.abs(max)) ||
      1;
    const n = Math.max(MIN_CLASSES, wanted % 2 === 1 ? wanted : wanted - 1);
    const step = (2 * m) / n;
    return { starts: Array.from({ length: n }, (_, i) => -m + step * i), top: m, narrowSpread: null };
  }
  const scale = opts.valueScale ?? Math.max(Math.abs(min), Math.abs(max));
  const spread = max - min;
  if (method !== 'manual' && spread > 0 && scale > 0 && spread < NARROW_SHARE * scale) {
    return { starts: [min], top: max, narrowSpread: spread };
  }
  let uniqueCount = 1;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) uniqueCount += 1;
  const k = Math.min(wanted, uniqueCount);
  return { starts: classStarts(sorted, method, k, opts.breaks), top: max, narrowSpread: null };
}

/** Parses "10, 20,5; 30" into sorted numbers (comma or semicolon separated; a decimal comma is accepted). */
export function parseBreaks(text: string): number[] {
  return uniqueSorted(
    text
      .split(/[;\s]+|,(?=\s)|,$/)
      .map((s) => s.trim().replace(',', '.'))
      .filter((s) => s !== '')
      .map(Number)
      .filter(Number.isFinite),
  );
}

/**
 * Decimals that tell the class bounds apart: the indicator's own, or up to `max` more when two
 * bounds would otherwise print the same (e.g. equal intervals of small counts: 0 – 0,5 – 1).
 */
export function boundDecimals(classes: readonly ChoroplethClass[], decimals: number, max = 2): number {
  const bounds = [...new Set(classes.flatMap((c) => [c.lower, c.upper]))];
  for (let d = decimals; d < decimals + max; d++) {
    const printed = new Set(bounds.map((b) => b.toFixed(d)));
    if (printed.size === bounds.length) return d;
  }
  return decimals + max;
}
