import { displayName, nameClashes, type NamedUnit, type NameClash } from '../../geo/unit-names.ts';
import type { FeatureRow, OgcRepository } from './ogc.repository.ts';

/**
 * The unique display names of feature rows (geo/unit-names.ts): each row is told apart from every
 * unit under the same parent on its reference date — read for the parents of the rows at hand,
 * in scope or not, so that a unit has one name for every user — by the same pure rule the web uses.
 */
export async function displayNames(
  repo: OgcRepository,
  rows: readonly FeatureRow[],
  kinds: readonly string[],
): Promise<string[]> {
  const clash = new Map<string, NameClash>();
  const refs = new Map<string, Map<number, string>>();
  for (const r of rows) {
    if (r.parent_id === null || r.parent_name === null) continue;
    let parents = refs.get(r.ref);
    if (!parents) refs.set(r.ref, (parents = new Map()));
    parents.set(r.parent_id, r.parent_name);
  }
  for (const [ref, parents] of refs) {
    const siblings = await repo.siblings([...parents.keys()], ref, kinds);
    const byParent = new Map<number, typeof siblings>();
    for (const s of siblings) byParent.set(s.parent_id, [...(byParent.get(s.parent_id) ?? []), s]);
    for (const [parentId, list] of byParent) {
      const parent = { name: parents.get(parentId)!, shortName: '' };
      const units: NamedUnit[] = list.map((s) => ({
        code: s.code,
        name: s.name,
        kind: s.kind,
        parent,
        formerParent: s.former_name ? { name: s.former_name, shortName: '' } : null,
      }));
      nameClashes(units).forEach((c, i) => clash.set(`${ref}|${list[i]!.id}`, c));
    }
  }
  return rows.map((r) => displayName(namedUnit(r), clash.get(`${r.ref}|${r.unit_id}`) ?? 'none'));
}

export function namedUnit(r: FeatureRow): NamedUnit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    parent: r.parent_name ? { name: r.parent_name, shortName: r.parent_short ?? r.parent_name } : null,
    formerParent: r.former_name ? { name: r.former_name, shortName: r.former_short ?? r.former_name } : null,
  };
}
