/**
 * Ward lists by boundary date, for scope pickers and for naming the wards of a user's scope. Each
 * date is fetched once per page (the page reloads on sign-out, so nothing outlives the session).
 */
import { fetchWards } from './reads.ts';
import type { UnitProperties } from './types.ts';

const lists = new Map<string, Promise<UnitProperties[]>>();

/** The wards valid on `at` (`YYYY-MM-DD`), sorted by name as Vietnamese readers expect. */
export function wardsAt(at: string): Promise<UnitProperties[]> {
  let list = lists.get(at);
  if (!list) {
    list = fetchWards(at).then((wards) => [...wards].sort((a, b) => a.name.localeCompare(b.name, 'vi')));
    // A failure is not remembered: the next call asks again.
    list.catch(() => lists.delete(at));
    lists.set(at, list);
  }
  return list;
}
