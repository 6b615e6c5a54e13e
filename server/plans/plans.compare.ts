import type { Candidate, CompareResponse, PlanDetail } from './plans.schemas.ts';
import type { Static } from 'typebox';

type Member = {
  unitId: number;
  code: string;
  name: string;
  displayName: string;
  wardId: number | null;
  wardName: string | null;
  households: number | null;
  /** Priority in a plan, rank among candidates. */
  order: number;
};

export interface CompareSideInput {
  label: string;
  planId: number | null;
  members: Member[];
}

export function planSide(plan: PlanDetail): CompareSideInput {
  return {
    label: `${plan.name} (${plan.year}, lần ${plan.revision})`,
    planId: plan.id,
    members: plan.items.map((i) => ({ ...i, order: i.priority })),
  };
}

export function topSide(label: string, candidates: readonly Static<typeof Candidate>[]): CompareSideInput {
  return { label, planId: null, members: candidates.map((c) => ({ ...c, order: c.rank })) };
}

/** Two sets of groups side by side: what both hold, what only one holds, and the totals of each. */
export function compareSides(a: CompareSideInput, b: CompareSideInput): CompareResponse {
  const inA = new Map(a.members.map((m) => [m.unitId, m]));
  const inB = new Map(b.members.map((m) => [m.unitId, m]));
  const item = (m: Member) => ({
    unitId: m.unitId,
    code: m.code,
    name: m.name,
    displayName: m.displayName,
    wardName: m.wardName,
    households: m.households,
    priorityA: inA.get(m.unitId)?.order ?? null,
    priorityB: inB.get(m.unitId)?.order ?? null,
  });
  const byOrder = (x: Member, y: Member) => x.order - y.order || x.code.localeCompare(y.code);
  const totals = (s: CompareSideInput) => ({
    label: s.label,
    planId: s.planId,
    count: s.members.length,
    households: s.members.reduce((t, m) => t + (m.households ?? 0), 0),
    wards: new Set(s.members.map((m) => m.wardId).filter((w) => w !== null)).size,
  });
  return {
    a: totals(a),
    b: totals(b),
    both: [...a.members]
      .sort(byOrder)
      .filter((m) => inB.has(m.unitId))
      .map(item),
    onlyA: [...a.members]
      .sort(byOrder)
      .filter((m) => !inB.has(m.unitId))
      .map(item),
    onlyB: [...b.members]
      .sort(byOrder)
      .filter((m) => !inA.has(m.unitId))
      .map(item),
  };
}
