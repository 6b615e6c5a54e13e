import { createHash } from 'node:crypto';

/**
 * What part of the area a user may see. `all`: everything. Otherwise the set of unit ids inside
 * the user's scope wards (the wards, everything linked below them at any date, and units of other
 * boundary versions that lie wholly inside them). Repositories filter with it; nothing else does.
 */
export type Scope = { all: true; key: 'all' } | { all: false; key: string; unitIds: readonly number[] };

export const ALL: Scope = { all: true, key: 'all' };

export function unitScope(unitIds: readonly number[]): Scope {
  const sorted = [...new Set(unitIds)].sort((a, b) => a - b);
  const key = `u:${createHash('sha1').update(sorted.join(',')).digest('hex').slice(0, 16)}`;
  return { all: false, key, unitIds: sorted };
}

export function canSee(scope: Scope, unitId: number): boolean {
  return scope.all || scope.unitIds.includes(unitId);
}
