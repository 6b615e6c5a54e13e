import { displayName, nameClashes, type NamedUnit } from '../../geo/unit-names.ts';
import type { NamingRow, UnitsRepository } from './units.repository.ts';

/**
 * The one way the server names a unit in a list (issue #14, "unique names"): the display name of
 * geo/unit-names.ts — a group with its ward, and after a merger its former ward when another group
 * of the ward has the same name ("Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư"). Every read that
 * lists units (units, search, hotspots, plans and their exports) asks here once per answer, and
 * the web shows `display_name` as it comes.
 *
 * Names stay in Vietnamese in both interface languages: they are proper names, and the note "(… cũ)"
 * is how the place is called — the English UI shows "Phường Hoa Lư" as it is, too.
 */
export class UnitNames {
  constructor(private readonly repo: Pick<UnitsRepository, 'naming'>) {}

  /** Display names of these units on `at`, by id (a unit not found keeps no entry). */
  async of(ids: Iterable<number>, at: string): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return displayNamesOfRows(await this.repo.naming(unique, at));
  }
}

/** The display names of naming rows: each told apart from the rows with the same parent. */
export function displayNamesOfRows(rows: readonly NamingRow[]): Map<number, string> {
  const byParent = new Map<number | null, NamingRow[]>();
  for (const r of rows) {
    const list = byParent.get(r.parent_id);
    if (list) list.push(r);
    else byParent.set(r.parent_id, [r]);
  }
  const out = new Map<number, string>();
  for (const [parentId, list] of byParent) {
    const units = list.map(namedUnit);
    // Units without a parent on the date are not siblings of one another: nothing tells them apart.
    const clashes = parentId === null ? units.map(() => 'none' as const) : nameClashes(units);
    list.forEach((r, i) => out.set(r.id, displayName(units[i]!, clashes[i]!)));
  }
  return out;
}

function namedUnit(r: NamingRow): NamedUnit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    parent: r.parent_name ? { name: r.parent_name, shortName: r.parent_short || r.parent_name } : null,
    formerParent: r.former_name ? { name: r.former_name, shortName: r.former_short || r.former_name } : null,
  };
}
