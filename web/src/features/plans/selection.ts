/**
 * The groups the planner has picked — by ticking table rows, clicking the map or drawing on it —
 * kept as unit ids in the order they were added, and the running summary the page shows: how many
 * groups, households, wards touched and hotspot categories covered.
 */

/** What the summary and the item list need to know about a group, whatever list it was picked from. */
export interface GroupInfo {
  id: number;
  code: string;
  name: string;
  wardName: string | null;
  households: number | null;
  /** Hotspot categories; empty when the group is not a hotspot. */
  categories: readonly string[];
  /** Hotspot status, or null when the group is not a hotspot. */
  status: string | null;
}

export interface SelectionSummary {
  groups: number;
  /** Households of the groups whose count is known. */
  households: number;
  /** Groups whose household count is unknown (the total leaves them out). */
  householdsUnknown: number;
  /** Ward names, sorted (Vietnamese collation). */
  wards: string[];
  /** Hotspot categories covered, in the canonical order. */
  categories: string[];
  /** Groups that are hotspots. */
  hotspots: number;
}

export const CATEGORY_ORDER = ['drugs', 'gambling', 'urban_order', 'sanitation'] as const;

/** Adds `id` if it is not selected, removes it if it is. */
export function toggle(selection: readonly number[], id: number): number[] {
  return selection.includes(id) ? selection.filter((s) => s !== id) : [...selection, id];
}

/** Adds the ids not yet selected (in the given order); `added` says which ones were new. */
export function addAll(selection: readonly number[], ids: readonly number[]): { selection: number[]; added: number[] } {
  const seen = new Set(selection);
  const added: number[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    added.push(id);
  }
  return { selection: [...selection, ...added], added };
}

export function removeAll(selection: readonly number[], ids: readonly number[]): number[] {
  const drop = new Set(ids);
  return selection.filter((id) => !drop.has(id));
}

/** The running summary of a selection; ids without known information count as groups only. */
export function summarise(selection: readonly number[], info: ReadonlyMap<number, GroupInfo>): SelectionSummary {
  let households = 0;
  let householdsUnknown = 0;
  let hotspots = 0;
  const wards = new Set<string>();
  const categories = new Set<string>();
  for (const id of selection) {
    const group = info.get(id);
    if (!group || group.households === null) householdsUnknown++;
    else households += group.households;
    if (!group) continue;
    if (group.wardName) wards.add(group.wardName);
    if (group.status !== null) hotspots++;
    for (const c of group.categories) categories.add(c);
  }
  const order = (c: string) => {
    const i = (CATEGORY_ORDER as readonly string[]).indexOf(c);
    return i < 0 ? CATEGORY_ORDER.length : i;
  };
  return {
    groups: selection.length,
    households,
    householdsUnknown,
    wards: [...wards].sort((a, b) => a.localeCompare(b, 'vi')),
    categories: [...categories].sort((a, b) => order(a) - order(b) || a.localeCompare(b)),
    hotspots,
  };
}

/** Whether two selections hold the same groups, whatever the order. */
export function sameGroups(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
