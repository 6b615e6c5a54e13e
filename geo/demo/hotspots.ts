import type { Rng } from './random.ts';
import { HOTSPOT_CATEGORIES, type HotspotCategory, type HotspotStatus } from '../units.ts';
import { addDays, addMonths } from './calendar.ts';
import type { GroupInfo } from './groups.ts';
import type { DemoHotspot } from './types.ts';

/**
 * The 23 complex groups of the 2017 report and their transformation history. Designated early in
 * 2017, put under a transformation plan within months; most are transformed in 2018–2020, a few
 * relapse in the early 2020s (some are transformed again), a couple are still transforming.
 */
export const HOTSPOT_COUNT = 23;
/** At least this many wards get a hotspot, so the map does not show a single cluster. */
export const HOTSPOT_MIN_WARDS = 8;
const MAX_PER_WARD = 4;
const RELAPSING = 4;
const RECOVERING = 2; // of the relapsing ones, transformed again by 2026

const PHRASES: Record<HotspotCategory, string> = {
  drugs: 'tụ điểm tiêm chích, sử dụng trái phép chất ma túy',
  gambling: 'tụ điểm đánh bạc, ghi lô đề',
  urban_order: 'lấn chiếm lòng đường, vỉa hè, gây mất trật tự đô thị',
  sanitation: 'đổ rác thải, nước thải không đúng nơi quy định, gây mất vệ sinh môi trường',
};

const CATEGORY_WEIGHTS: Record<HotspotCategory, number> = { drugs: 5, gambling: 4.5, urban_order: 3, sanitation: 2.5 };

const NOTES: Record<
  'identified' | 'transforming' | 'transformed' | 'relapsed' | 'retransforming' | 'retransformed',
  string
> = {
  identified: 'Rà soát, xác định là địa bàn phức tạp về ANTT',
  transforming: 'Triển khai kế hoạch chuyển hóa địa bàn',
  transformed: 'Hoàn thành chuyển hóa, đưa ra khỏi danh sách địa bàn phức tạp',
  relapsed: 'Tình hình phức tạp trở lại, đưa vào diện theo dõi',
  retransforming: 'Triển khai lại kế hoạch chuyển hóa',
  retransformed: 'Hoàn thành chuyển hóa lần thứ hai',
};

export function chooseHotspots(groups: readonly GroupInfo[], rng: Rng): DemoHotspot[] {
  const chosen = pickGroups(groups, rng.fork('groups'));
  const categories = pickCategories(chosen.length, rng.fork('categories'));
  const roles = rng.fork('roles').shuffle(chosen.map((_, i) => i));
  const relapsing = new Set(roles.slice(0, RELAPSING));
  const recovering = new Set(roles.slice(0, RECOVERING));
  const timeline = rng.fork('timeline');
  return chosen.map((g, i) => {
    const cats = categories[i] as HotspotCategory[];
    const designatedOn = addDays('2017-01-15', timeline.int(0, 75));
    const history: DemoHotspot['history'] = [{ status: 'identified', date: designatedOn, note: NOTES.identified }];
    // The plan is approved two to three months after designation, still in 2017.
    const transforming = addMonths(designatedOn, timeline.int(2, 3), timeline.int(1, 10));
    history.push({ status: 'transforming', date: transforming, note: NOTES.transforming });
    // Transformation takes one to three and a half years; relapsing ones finish early and slip later.
    const transformed = addMonths(
      transforming,
      relapsing.has(i) ? timeline.int(12, 24) : timeline.int(12, 42),
      timeline.int(1, 28),
    );
    history.push({ status: 'transformed', date: transformed, note: NOTES.transformed });
    if (relapsing.has(i)) {
      const relapsed = addMonths(transformed, timeline.int(24, 40), timeline.int(1, 28));
      history.push({ status: 'relapsed', date: relapsed, note: NOTES.relapsed });
      const again = addMonths(relapsed, timeline.int(4, 6), timeline.int(1, 20));
      history.push({ status: 'transforming', date: again, note: NOTES.retransforming });
      if (recovering.has(i)) {
        const done = addMonths(again, timeline.int(14, 24), timeline.int(1, 28));
        history.push({ status: 'transformed', date: done, note: NOTES.retransformed });
      }
    }
    return {
      groupKey: g.key,
      categories: cats,
      designatedOn,
      targetDate: timeline.chance(0.8) ? '2018-12-31' : '2019-12-31',
      note: noteFor(g, cats),
      history,
    };
  });
}

/** The status in force on a date (null before designation). */
export function statusOn(h: DemoHotspot, date: string): HotspotStatus | null {
  let status: HotspotStatus | null = null;
  for (const entry of h.history) {
    if (entry.date <= date) status = entry.status;
    else break;
  }
  return status;
}

/** The history entry in force on a date, with its index (null before designation). */
export function entryOn(h: DemoHotspot, date: string): { index: number; status: HotspotStatus; date: string } | null {
  let found: { index: number; status: HotspotStatus; date: string } | null = null;
  h.history.forEach((e, index) => {
    if (e.date <= date) found = { index, status: e.status, date: e.date };
  });
  return found;
}

function noteFor(g: GroupInfo, cats: readonly HotspotCategory[]): string {
  const text = cats.map((c) => PHRASES[c]).join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} tại ${g.name}, ${g.ward.name}.`;
}

/**
 * Denser central wards are likelier: one group in each of HOTSPOT_MIN_WARDS+1 different wards
 * first (so the spread is guaranteed), then the rest anywhere, at most MAX_PER_WARD per ward.
 */
function pickGroups(groups: readonly GroupInfo[], rng: Rng): GroupInfo[] {
  const weight = (g: GroupInfo): number => 0.05 + g.ward.urban ** 2;
  const wardCodes = [...new Set(groups.map((g) => g.ward.code))];
  const wardWeight = wardCodes.map((code) =>
    groups.filter((g) => g.ward.code === code).reduce((s, g) => s + weight(g), 0),
  );
  const chosen: GroupInfo[] = [];
  const perWard = new Map<string, number>();
  const take = (g: GroupInfo): void => {
    chosen.push(g);
    perWard.set(g.ward.code, (perWard.get(g.ward.code) ?? 0) + 1);
  };
  const spread = Math.min(HOTSPOT_MIN_WARDS + 1, wardCodes.length);
  const openWards = wardCodes.slice();
  for (let k = 0; k < spread; k++) {
    const w = rng.weightedIndex(openWards.map((c) => wardWeight[wardCodes.indexOf(c)] ?? 0));
    const code = openWards.splice(w, 1)[0];
    take(rng.pick(groups.filter((g) => g.ward.code === code)));
  }
  while (chosen.length < Math.min(HOTSPOT_COUNT, groups.length)) {
    const pool = groups.filter((g) => !chosen.includes(g) && (perWard.get(g.ward.code) ?? 0) < MAX_PER_WARD);
    take(pool[rng.weightedIndex(pool.map(weight))] as GroupInfo);
  }
  return chosen.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** One to three categories each (weighted), then any category nobody got is added somewhere. */
function pickCategories(count: number, rng: Rng): HotspotCategory[][] {
  const all = [...HOTSPOT_CATEGORIES];
  const out = Array.from({ length: count }, () => {
    const size = rng.weightedIndex([0.35, 0.45, 0.2]) + 1;
    const pool = all.slice();
    const cats: HotspotCategory[] = [];
    while (cats.length < size) {
      const k = rng.weightedIndex(pool.map((c) => CATEGORY_WEIGHTS[c]));
      cats.push(pool.splice(k, 1)[0] as HotspotCategory);
    }
    return cats;
  });
  for (const c of all) {
    if (out.some((cats) => cats.includes(c))) continue;
    const candidates = out.map((cats, i) => ({ cats, i })).filter((e) => e.cats.length < 3);
    const target = rng.pick(candidates.length > 0 ? candidates : out.map((cats, i) => ({ cats, i })));
    if (target.cats.length >= 3) target.cats.pop();
    target.cats.push(c);
  }
  return out.map((cats) => cats.slice().sort((a, b) => all.indexOf(a) - all.indexOf(b)));
}
