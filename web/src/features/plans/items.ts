/**
 * A plan's items as the page edits them: one draft per selected group (priority, rationale,
 * responsible unit, target date), what is sent to the server, what came back, and whether anything
 * differs from the saved plan.
 */
export interface ItemDraft {
  priority: number;
  rationale: string;
  responsibleUnit: string;
  /** `YYYY-MM-DD`, or '' for none. */
  targetDate: string;
}

export interface ItemInput {
  unitId: number;
  priority: number;
  rationale: string;
  responsibleUnit: string;
  targetDate: string | null;
}

export interface SavedItem {
  unitId: number;
  priority: number;
  rationale: string;
  responsibleUnit: string;
  targetDate: string | null;
}

export interface PlanMeta {
  name: string;
  year: number;
  description: string;
}

/** "Phường Hoa Lư" → "Công an phường Hoa Lư": the ward's police, who carry out a transformation. */
// The responsible unit is data written into the plan (a Vietnamese institution's name), whatever the
// interface language: not an interface text.
/* eslint-disable no-restricted-syntax */
export function defaultResponsible(wardName: string | null | undefined): string {
  if (!wardName) return '';
  const [kind, ...rest] = wardName.trim().split(/\s+/);
  if (!kind || rest.length === 0) return `Công an ${wardName.trim()}`;
  return `Công an ${kind.toLocaleLowerCase('vi')} ${rest.join(' ')}`;
}
/* eslint-enable no-restricted-syntax */

/** The next priority number after those in use (1 for the first item). */
export function nextPriority(drafts: Readonly<Record<number, ItemDraft>>, ids: readonly number[]): number {
  let max = 0;
  for (const id of ids) max = Math.max(max, drafts[id]?.priority ?? 0);
  return max + 1;
}

/** What `PUT /api/plans/:id/items` gets for the selection, in selection order. */
export function itemInputs(selection: readonly number[], drafts: Readonly<Record<number, ItemDraft>>): ItemInput[] {
  return selection.map((unitId, i) => {
    const d = drafts[unitId];
    return {
      unitId,
      priority: d && Number.isInteger(d.priority) && d.priority >= 1 ? Math.min(d.priority, 1000) : i + 1,
      rationale: (d?.rationale ?? '').trim(),
      responsibleUnit: (d?.responsibleUnit ?? '').trim(),
      targetDate: d?.targetDate ? d.targetDate : null,
    };
  });
}

/** A saved plan's items as selection (by priority, then as listed) and drafts. */
export function fromSaved(items: readonly SavedItem[]): { selection: number[]; drafts: Record<number, ItemDraft> } {
  const sorted = items.map((item, i) => ({ item, i })).sort((a, b) => a.item.priority - b.item.priority || a.i - b.i);
  const drafts: Record<number, ItemDraft> = {};
  for (const { item } of sorted) {
    drafts[item.unitId] = {
      priority: item.priority,
      rationale: item.rationale,
      responsibleUnit: item.responsibleUnit,
      targetDate: item.targetDate ?? '',
    };
  }
  return { selection: sorted.map(({ item }) => item.unitId), drafts };
}

/** A comparable fingerprint of header and items (order of items does not matter). */
export function fingerprint(meta: PlanMeta, items: readonly ItemInput[]): string {
  const sorted = [...items].sort((a, b) => a.unitId - b.unitId);
  return JSON.stringify([meta.name.trim(), meta.year, meta.description.trim(), sorted]);
}

export function metaChanged(a: PlanMeta, b: PlanMeta): boolean {
  return a.name.trim() !== b.name.trim() || a.year !== b.year || a.description.trim() !== b.description.trim();
}
