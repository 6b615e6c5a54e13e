/**
 * How a candidate's score is shown and explained: the breakdown bar (each indicator's contribution,
 * pushing right when it makes the group need attention more, left when less), the indicators that
 * drive the score, and the sentence that becomes an item's default rationale ("why this group?").
 */
import { texts } from './texts.ts';
import { formatNumber, type Lang } from '../../shared/i18n/format.ts';

export interface Contribution {
  key: string;
  raw: number | null;
  normalised: number;
  contribution: number;
}

export interface IndicatorName {
  key: string;
  name_vi: string;
  name_en: string;
}

/** Colours of the indicators in the breakdown bar and its legend (colour-blind-safe Okabe–Ito). */
export const INDICATOR_COLORS = [
  '#d55e00',
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#f0e442',
  '#000000',
];

export function indicatorColor(index: number): string {
  return INDICATOR_COLORS[index % INDICATOR_COLORS.length]!;
}

export interface BarSegment {
  key: string;
  /** Position and width in percent of the bar; 50% is zero. */
  left: number;
  width: number;
  contribution: number;
}

/**
 * Segments of a breakdown bar centred on zero: positive contributions stacked to the right of the
 * middle, negative ones to the left, `scale` being the largest one-sided total among the rows shown
 * (so that bars compare across rows). Order follows `order` (the indicators' order).
 */
export function breakdownSegments(
  breakdown: readonly Contribution[],
  scale: number,
  order: readonly string[] = breakdown.map((b) => b.key),
): BarSegment[] {
  if (!(scale > 0)) return [];
  const byKey = new Map(breakdown.map((b) => [b.key, b]));
  const segments: BarSegment[] = [];
  let right = 50;
  let left = 50;
  for (const key of order) {
    const b = byKey.get(key);
    if (!b || b.contribution === 0) continue;
    const width = (Math.abs(b.contribution) / scale) * 50;
    if (b.contribution > 0) {
      segments.push({ key, left: right, width, contribution: b.contribution });
      right += width;
    } else {
      left -= width;
      segments.push({ key, left, width, contribution: b.contribution });
    }
  }
  return segments;
}

/** The largest one-sided sum of contributions over these rows: the bar scale. */
export function barScale(rows: readonly { breakdown: readonly Contribution[] }[]): number {
  let max = 0;
  for (const row of rows) {
    let pos = 0;
    let neg = 0;
    for (const b of row.breakdown) {
      if (b.contribution > 0) pos += b.contribution;
      else neg -= b.contribution;
    }
    max = Math.max(max, pos, neg);
  }
  return max;
}

/** The indicators pushing the score up, largest first (at most `n`). */
export function topDrivers(breakdown: readonly Contribution[], n = 3): Contribution[] {
  return breakdown
    .filter((b) => b.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, n);
}

/** A signed number: "+0,62" / "−0,31". */
export function signed(value: number, lang: Lang, decimals = 2): string {
  const text = formatNumber(Math.abs(value), decimals, lang);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

export interface RationaleInput {
  rank: number;
  score: number;
  breakdown: readonly Contribution[];
}

/**
 * Why a group is a candidate, in one sentence, with the window and the method:
 * "Hạng 3/183 (điểm 1,25, z-score, 11/2025–10/2026); yếu tố chính: Vụ việc liên quan ma túy 14 (+0,62), …".
 */
export function rationaleText(
  candidate: RationaleInput,
  context: { scored: number; method: 'z' | 'rank'; from: string; to: string },
  indicators: readonly IndicatorName[],
  lang: Lang,
): string {
  const t = texts.in(lang);
  const names = new Map(indicators.map((i) => [i.key, { vi: i.name_vi, en: i.name_en }[lang]]));
  const window = `${shortMonth(context.from)}–${shortMonth(context.to)}`;
  const method = context.method === 'z' ? 'z-score' : t.rationaleRankMethod;
  const drivers = topDrivers(candidate.breakdown).map((b) => {
    const raw = b.raw === null ? t.rationaleNoData : formatNumber(b.raw, 2, lang);
    return `${names.get(b.key) ?? b.key} ${raw} (${signed(b.contribution, lang)})`;
  });
  const head = t.rationaleHead(candidate.rank, context.scored, formatNumber(candidate.score, 2, lang), method, window);
  if (drivers.length === 0) return head;
  return t.rationaleDrivers(head, drivers.join(', '));
}

/** `2026-10` → `10/2026`. */
export function shortMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}
