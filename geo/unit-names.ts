/**
 * Unique display names of units (issue #14, "unique names"). Residential groups are numbered within
 * their ward ("Tổ dân phố 4"), so a name alone says little; and after the 2025 mergers one ward holds
 * several groups of the same name, each from a different former ward. The rule:
 *
 * - a group (tổ dân phố, thôn) is always named with the unit it belongs to on the date shown:
 *   "Tổ dân phố 4 · Phường Tân Thành";
 * - when another unit under the same parent has the same name, the former parent (the one before
 *   the merger moved it) tells them apart: "Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư";
 * - when even that is shared (or there is no former parent), the code is added:
 *   "Tổ dân phố 4 (Tân Thành cũ, 14323-04) · Phường Hoa Lư";
 * - any other unit (a ward) keeps its name, and gets its parent only when it clashes;
 * - a unit without a parent on that date never clashes (there is nothing to tell it apart by).
 *
 * Names are compared after NFC normalisation and collapsing blanks, and nothing else: "Thôn Đông"
 * and "Thôn Dong" are different names a reader can tell apart. The server applies `nameClashes` to
 * all units under the same parent on the date — not only those one user may see — so that a unit
 * carries the same name in every list, export and scope.
 */
import { GROUP_KINDS } from './units.ts';

export interface ParentName {
  /** Full name: "Phường Hoa Lư". */
  name: string;
  /** Without the kind: "Hoa Lư". */
  shortName: string;
}

export interface NamedUnit {
  code: string;
  name: string;
  kind: string;
  /** The unit it belongs to on the date named (a group's ward), if any. */
  parent: ParentName | null;
  /** The unit it belonged to before its current parent link began (a merger), if different. */
  formerParent: ParentName | null;
}

/**
 * How a unit's name relates to its siblings (units with the same parent on the same date):
 * `none` — no sibling has the same name; `parent` — one has, with another (or no) former parent;
 * `former` — one has, with the same former parent too.
 */
export type NameClash = 'none' | 'parent' | 'former';

export type NameLang = 'vi' | 'en';

/** The comparison key of a name: NFC, blanks collapsed, trimmed. */
export function nameKey(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const isGroup = (kind: string) => (GROUP_KINDS as readonly string[]).includes(kind);

/** The display name of one unit, given how it clashes with its siblings. */
export function displayName(u: NamedUnit, clash: NameClash, lang: NameLang = 'vi'): string {
  const name = nameKey(u.name);
  const parent = u.parent;
  if (!parent) return clash === 'none' ? name : `${name} (${u.code})`;
  const former = u.formerParent && nameKey(u.formerParent.name) !== nameKey(parent.name) ? u.formerParent : null;
  const notes: string[] = [];
  if (clash !== 'none' && former) notes.push(lang === 'vi' ? `${former.shortName} cũ` : `former ${former.shortName}`);
  if (clash === 'former' || (clash === 'parent' && !former)) notes.push(u.code);
  const label = notes.length ? `${name} (${notes.join(', ')})` : name;
  if (!isGroup(u.kind) && clash === 'none') return label;
  return `${label} · ${nameKey(parent.name)}`;
}

/**
 * A display name inside its parent's own context (a ward's page listing its groups): the trailing
 * " · Phường Hoa Lư" is left out, the former ward and code that tell groups apart stay.
 */
export function nameWithinParent(display: string, parentName: string | null | undefined): string {
  if (!parentName) return display;
  const suffix = ` · ${nameKey(parentName)}`;
  return display.endsWith(suffix) ? display.slice(0, -suffix.length) : display;
}

/** The clash of each unit of a list against the others of the same list (same date). */
export function nameClashes(units: readonly NamedUnit[]): NameClash[] {
  const key = (u: NamedUnit) => `${u.parent ? nameKey(u.parent.name) : ''}\u0000${nameKey(u.name)}`;
  const formerKey = (u: NamedUnit) => `${key(u)}\u0000${u.formerParent ? nameKey(u.formerParent.name) : ''}`;
  const count = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return m;
  };
  const byName = count(units.map(key));
  const byFormer = count(units.map(formerKey));
  return units.map((u) => {
    if (!u.parent || byName.get(key(u))! < 2) return 'none';
    return byFormer.get(formerKey(u))! > 1 ? 'former' : 'parent';
  });
}

/** Display names of a whole list (all units of one date), in order. */
export function uniqueDisplayNames(units: readonly NamedUnit[], lang: NameLang = 'vi'): string[] {
  const clashes = nameClashes(units);
  return units.map((u, i) => displayName(u, clashes[i]!, lang));
}
