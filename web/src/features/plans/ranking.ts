/**
 * How a candidate's score is shown and explained: the breakdown bar (each indicator's contribution,
 * pushing right when it makes the group need attention more, left when less), the indicators that
 * drive the score, and the sentence that becomes an item's default rationale ("why this group?").
 */
import { attentionLevels, topBand } from '../../../../geo/scoring.ts';
import { texts } from './texts.ts';
import { displayValue, formatNumber, formatWithUnit, type Lang } from '../../shared/i18n/format.ts';

export { attentionLevels, topBand };

export interface Contribution {
  key: string;
  raw: number | null;
  normalised: number;
  contribution: number;
  /** This indicator alone as a level of attention 0–100 (geo/scoring.ts attentionLevels). */
  level?: number;
}

export interface IndicatorName {
  key: string;
  name_vi: string;
  name_en: string;
  /** How raw values read (ratios are fractions shown × scale, e.g. 0,941 → 94,1%); absent = plain number. */
  kind?: string;
  scale?: number | null;
  unit_vi?: string;
  unit_en?: string;
}

/** A level of attention as shown everywhere: a whole number out of 100 ("98"). */
export function formatLevel(level: number, lang: Lang): string {
  return formatNumber(Math.round(level), 0, lang);
}

/** The level's percentile wording: "nhóm 5 % cần quan tâm nhất" / "top 5 % needing attention", or the half it lies in. */
export function levelWords(level: number, lang: Lang): string {
  const t = texts.in(lang);
  const band = topBand(level);
  return band === null ? t.levelLowerHalf : t.levelTopBand(band);
}

/**
 * An indicator's raw window value as the map shows it: ratios in percent with one decimal
 * ("94,1%"), counts with their unit ("14 vụ"); one format per quantity across the page.
 */
export function formatRaw(raw: number | null, indicator: IndicatorName | undefined, lang: Lang): string {
  if (raw === null) return texts.in(lang).rationaleNoData;
  if (!indicator?.kind) return formatNumber(raw, 1, lang);
  const facts = {
    kind: indicator.kind as 'count',
    scale: indicator.scale ?? null,
    unit_vi: indicator.unit_vi ?? '',
    unit_en: indicator.unit_en ?? '',
  };
  return formatWithUnit(displayValue(raw, facts), facts, lang, indicator.kind === 'ratio' ? 1 : 0);
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
  level: number;
  breakdown: readonly Contribution[];
}

/**
 * Why a group is a candidate, in one sentence of the chosen language, with the window and the
 * method, in the words the page uses (levels out of 100, ranks with their direction):
 * "Hạng 3/183 (1 = cần quan tâm nhất), mức cần quan tâm 98/100, nhóm 5 % cần quan tâm nhất
 * (11/2025–10/2026, so với mức trung bình); yếu tố chính: Vụ việc liên quan ma túy 14 vụ (mức 97/100), …".
 */
export function rationaleText(
  candidate: RationaleInput,
  context: { scored: number; method: 'z' | 'rank'; from: string; to: string },
  indicators: readonly IndicatorName[],
  lang: Lang,
): string {
  const t = texts.in(lang);
  const byKey = new Map(indicators.map((i) => [i.key, i]));
  const window = `${shortMonth(context.from)}–${shortMonth(context.to)}`;
  const method = context.method === 'z' ? t.rationaleZMethod : t.rationaleRankMethod;
  const drivers = topDrivers(candidate.breakdown).map((b) => {
    const ind = byKey.get(b.key);
    const name = ind ? { vi: ind.name_vi, en: ind.name_en }[lang] : b.key;
    const level = b.level === undefined ? '' : ` (${t.levelShort(formatLevel(b.level, lang))})`;
    return `${name} ${formatRaw(b.raw, ind, lang)}${level}`;
  });
  const head = t.rationaleHead(
    candidate.rank,
    context.scored,
    formatLevel(candidate.level, lang),
    levelWords(candidate.level, lang),
    method,
    window,
  );
  if (drivers.length === 0) return head;
  return t.rationaleDrivers(head, drivers.join(', '));
}

/** `2026-10` → `10/2026`. */
export function shortMonth(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[2]}/${m[1]}` : month;
}

/** The map's classes of attention level: five fixed bands of 20, the same whatever the filters or window. */
export const LEVEL_BREAKS = [0, 20, 40, 60, 80, 100] as const;

/** The band (0–4) a level falls in; 100 belongs to the top band. */
export function levelClass(level: number): number {
  return Math.min(LEVEL_BREAKS.length - 2, Math.max(0, Math.floor(level / 20)));
}
