/**
 * Choropleth classes and colours for one indicator in one period.
 *
 * Classes are natural breaks (Ckmeans, optimal 1-D k-means, from simple-statistics), which suit the
 * few and uneven values of 14 wards better than quantiles. Colours are ColorBrewer sequential
 * ramps (colorbrewer2.org, Cynthia Brewer, Apache-2.0): one red ramp where dark always means
 * "needs attention" — high values when higher is worse, low values when higher is better — and a
 * blue ramp for neutral indicators, where dark simply means high.
 */
import { ckmeans } from 'simple-statistics';
import type { Polarity } from '../api/types.ts';

/** ColorBrewer YlOrRd, 3–7 classes, light to dark. */
const YL_OR_RD: Record<number, readonly string[]> = {
  3: ['#ffeda0', '#feb24c', '#f03b20'],
  4: ['#ffffb2', '#fecc5c', '#fd8d3c', '#e31a1c'],
  5: ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'],
  6: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#f03b20', '#bd0026'],
  7: ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'],
};

/** ColorBrewer Blues, 3–7 classes, light to dark. */
const BLUES: Record<number, readonly string[]> = {
  3: ['#deebf7', '#9ecae1', '#3182bd'],
  4: ['#eff3ff', '#bdd7e7', '#6baed6', '#2171b5'],
  5: ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'],
  6: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'],
  7: ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#084594'],
};

export const MAX_CLASSES = 7;
export const DEFAULT_CLASSES = 5;
/** Fill of units without a value: a neutral grey that no ramp uses. */
export const NO_DATA_COLOR = '#c8c8c8';

export interface ChoroplethClass {
  /** Position from the lowest values (0) to the highest. */
  index: number;
  /** Smallest and largest value that fell in the class. */
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
  /** Index of the class a value falls in, or -1 for a missing value or when there are no classes. */
  classOf(value: number | null | undefined): number;
  colorOf(value: number | null | undefined): string;
}

/** `count` colours of the ramp for `polarity`, ordered from the lowest class to the highest. */
export function rampColors(count: number, polarity: Polarity): string[] {
  const ramp = polarity === 'neutral' ? BLUES : YL_OR_RD;
  const n = Math.min(Math.max(count, 1), MAX_CLASSES);
  let colors: string[];
  if (n >= 3) colors = [...ramp[n]!];
  else if (n === 2) colors = [ramp[3]![0]!, ramp[3]![2]!];
  else colors = [ramp[3]![1]!];
  // Dark means "needs attention": for higher-is-better, that is the lowest class.
  return polarity === 'higher_better' ? colors.reverse() : colors;
}

function isValue(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** Classifies the values of the mapped units (one entry per unit, null where it has no value). */
export function buildChoropleth(
  values: readonly (number | null | undefined)[],
  polarity: Polarity,
  maxClasses: number = DEFAULT_CLASSES,
): Choropleth {
  const present = values.filter(isValue);
  const uniqueCount = new Set(present).size;
  const k = Math.min(Math.max(1, Math.floor(maxClasses)), MAX_CLASSES, uniqueCount);
  const clusters = k > 0 ? ckmeans(present, k) : [];
  const colors = rampColors(clusters.length, polarity);
  const classes: ChoroplethClass[] = clusters.map((cluster, index) => ({
    index,
    min: cluster[0]!,
    max: cluster[cluster.length - 1]!,
    color: colors[index]!,
    count: cluster.length,
  }));

  const classOf = (value: number | null | undefined): number => {
    if (!isValue(value) || classes.length === 0) return -1;
    let found = 0;
    for (const cls of classes) if (value >= cls.min) found = cls.index;
    return found;
  };

  return {
    classes,
    noData: { color: NO_DATA_COLOR, count: values.length - present.length },
    polarity,
    classOf,
    colorOf: (value) => {
      const index = classOf(value);
      return index < 0 ? NO_DATA_COLOR : classes[index]!.color;
    },
  };
}
