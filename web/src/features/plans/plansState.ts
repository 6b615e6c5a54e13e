/**
 * The planning page's state in the address bar (next to `view=plans` and `lang`), so that a reload
 * or a shared link reopens the same plan on the same tab with the same ranking: `tab`, `plan` (id),
 * `from`/`to` (months), `w` (weights, `drug_cases:3,…`) and `norm` (`z` or `rank`).
 */
import { addMonths } from '../../../../geo/periods.ts';
import { DEFAULT_WEIGHTS, formatWeights, parseWeights, type Weights } from './weights.ts';

export const TABS = ['rank', 'plan', 'progress', 'compare'] as const;
export type Tab = (typeof TABS)[number];

/** An indicator the ranking can weigh. */
export interface ScoringIndicator {
  key: string;
  name_vi: string;
  name_en: string;
  polarity: string;
}

/** Which groups the ranking lists (not kept in the address). */
export interface RankFilters {
  ward: number | null;
  category: string;
  status: string;
  excludeActive: boolean;
  /** Leave out groups whose hotspot status is "transformed" (on by default). */
  excludeTransformed: boolean;
}

export interface PlansState {
  tab: Tab;
  plan: number | null;
  from: string;
  to: string;
  weights: Weights;
  method: 'z' | 'rank';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The twelve months ending with `last` (`YYYY-MM`). */
export function yearEndingWith(last: string): { from: string; to: string } {
  return { from: addMonths(last, -11), to: last };
}

/**
 * The last complete month with data, where the default window ends: the newest month the scoring
 * indicators reach together (the earliest of their last months, so no indicator is missing its end),
 * never the month in progress (`today`'s). Indicators that stopped more than a year before the
 * newest one do not hold the window back. `fallback` when nothing has data.
 */
export function lastCompleteMonth(lastPeriods: readonly (string | null)[], today: string, fallback: string): string {
  const previous = addMonths(today.slice(0, 7), -1);
  const lasts = lastPeriods
    .filter((p): p is string => !!p && MONTH.test(p))
    .map((p) => (p > previous ? previous : p))
    .sort();
  if (lasts.length === 0) return fallback;
  const newest = lasts[lasts.length - 1]!;
  const oldestKept = addMonths(newest, -12);
  return lasts.find((p) => p > oldestKept) ?? newest;
}

export function parsePlansState(search: string | URLSearchParams, lastMonth: string): PlansState {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const tab = TABS.find((t) => t === q.get('tab')) ?? 'rank';
  const plan = Number(q.get('plan'));
  const window = yearEndingWith(lastMonth);
  let from = q.get('from') ?? '';
  let to = q.get('to') ?? '';
  if (!MONTH.test(from) || !MONTH.test(to) || from > to) ({ from, to } = window);
  const weights = q.has('w') ? parseWeights(q.get('w')) : { ...DEFAULT_WEIGHTS };
  return {
    tab,
    plan: Number.isInteger(plan) && plan > 0 ? plan : null,
    from,
    to,
    weights: Object.keys(weights).length > 0 ? weights : { ...DEFAULT_WEIGHTS },
    method: q.get('norm') === 'rank' ? 'rank' : 'z',
  };
}

/** The address-bar keys of a planning state (defaults left out: null). */
export function plansStateKeys(s: PlansState, lastMonth: string): Record<string, string | null> {
  const window = yearEndingWith(lastMonth);
  const defaultWindow = s.from === window.from && s.to === window.to;
  const w = formatWeights(s.weights);
  return {
    tab: s.tab === 'rank' ? null : s.tab,
    plan: s.plan === null ? null : String(s.plan),
    from: defaultWindow ? null : s.from,
    to: defaultWindow ? null : s.to,
    w: w === formatWeights(DEFAULT_WEIGHTS) ? null : w,
    norm: s.method === 'rank' ? 'rank' : null,
  };
}

/** `href` with the planning state written in (defaults left out), every other parameter kept. */
export function writePlansState(href: string, s: PlansState, lastMonth: string): string {
  const url = new URL(href);
  for (const [key, value] of Object.entries(plansStateKeys(s, lastMonth))) {
    if (value) url.searchParams.set(key, value);
    else url.searchParams.delete(key);
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
