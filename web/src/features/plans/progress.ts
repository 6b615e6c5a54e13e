/**
 * The plan's progress chart: for each month since the plan started, how many of its groups are
 * transformed, transforming, not started or relapsed — a stacked bar per month, drawn in SVG (a few
 * dozen rectangles; no chart library needed).
 */
import { STATUS_COLORS } from '../../shared/map/style.ts';

export const PROGRESS_STATES = ['transformed', 'transforming', 'notStarted', 'relapsed'] as const;
export type ProgressState = (typeof PROGRESS_STATES)[number];

/** Same colours as the hotspot outlines on the map; "not started" is the "identified" red. */
export const PROGRESS_COLORS: Record<ProgressState, string> = {
  transformed: STATUS_COLORS.transformed,
  transforming: STATUS_COLORS.transforming,
  notStarted: STATUS_COLORS.identified,
  relapsed: STATUS_COLORS.relapsed,
};

export type ProgressMonth = { period: string } & Record<ProgressState, number>;

export interface Segment {
  state: ProgressState;
  count: number;
  y: number;
  height: number;
}

export interface Bar {
  period: string;
  x: number;
  width: number;
  total: number;
  segments: Segment[];
}

export interface StackedChart {
  bars: Bar[];
  /** The largest monthly total (the top of the y axis). */
  max: number;
}

/**
 * Bars laid out in a `width` × `height` plot area (y down, 0 at the top), transformed at the
 * bottom: the stack grows from the good end. Empty segments are left out. The width is shared by
 * at least `minSlots` bars, so that a plan's first months do not draw one wall-wide bar.
 */
export function stackBars(
  months: readonly ProgressMonth[],
  width: number,
  height: number,
  gap = 2,
  minSlots = 1,
): StackedChart {
  const max = Math.max(1, ...months.map((m) => PROGRESS_STATES.reduce((s, k) => s + m[k], 0)));
  const step = months.length > 0 ? width / Math.max(months.length, minSlots) : 0;
  const barWidth = Math.max(1, step - gap);
  const bars = months.map((m, i) => {
    let bottom = height;
    const segments: Segment[] = [];
    for (const state of PROGRESS_STATES) {
      const count = m[state];
      if (count <= 0) continue;
      const h = (count / max) * height;
      bottom -= h;
      segments.push({ state, count, y: bottom, height: h });
    }
    const total = PROGRESS_STATES.reduce((s, k) => s + m[k], 0);
    return { period: m.period, x: i * step + gap / 2, width: barWidth, total, segments };
  });
  return { bars, max };
}

/** Indices of the months to label on the x axis: January of each year, or every month if few. */
export function axisMonths(periods: readonly string[], maxLabels = 12): number[] {
  if (periods.length <= maxLabels) return periods.map((_, i) => i);
  const januaries = periods.flatMap((p, i) => (p.endsWith('-01') ? [i] : []));
  if (januaries.length > 0 && januaries.length <= maxLabels) return januaries;
  const every = Math.ceil(periods.length / maxLabels);
  return periods.flatMap((_, i) => (i % every === 0 ? [i] : []));
}
