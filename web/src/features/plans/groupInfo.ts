/**
 * What the page knows about each group, merged from the lists that mention it: the map's units (with
 * their ward and hotspot designation at the window's end), then the open plan's items and the
 * ranking, which the server filled in for the same date and which win where they overlap. Groups
 * of a plan drawn at another boundary date are still summarised from the plan's own items.
 * `name` is the display name (a group with its ward, and its former ward where names repeat).
 */
import type { GroupInfo } from './selection.ts';

export interface UnitLike {
  id: number;
  code: string;
  /** The name told apart from same-named groups, as the server gives it (geo/unit-names.ts). */
  display_name: string;
  parent_code: string | null;
  households: number | null;
}

export interface HotspotLike {
  unit_id: number;
  categories: readonly string[];
  status: string;
}

/** A plan item or a candidate: both carry the group as the server describes it. */
export interface ListedGroup {
  unitId: number;
  code: string;
  displayName: string;
  wardName: string | null;
  households: number | null;
  hotspot: { categories: readonly string[]; status: string } | null;
}

export function groupInfoFrom(
  units: readonly UnitLike[],
  wardNameByCode: ReadonlyMap<string, string>,
  hotspots: readonly HotspotLike[],
  lists: readonly (readonly ListedGroup[])[],
): Map<number, GroupInfo> {
  const hotspotById = new Map(hotspots.map((h) => [h.unit_id, h]));
  const fromUnits = units.map((u): GroupInfo => {
    const h = hotspotById.get(u.id);
    return {
      id: u.id,
      code: u.code,
      name: u.display_name,
      wardName: u.parent_code ? (wardNameByCode.get(u.parent_code) ?? null) : null,
      households: u.households,
      categories: h?.categories ?? [],
      status: h?.status ?? null,
    };
  });
  const fromLists = lists.flat().map((c): GroupInfo => ({
    id: c.unitId,
    code: c.code,
    name: c.displayName,
    wardName: c.wardName,
    households: c.households,
    categories: c.hotspot?.categories ?? [],
    status: c.hotspot?.status ?? null,
  }));
  return new Map([...fromUnits, ...fromLists].map((g) => [g.id, g]));
}
