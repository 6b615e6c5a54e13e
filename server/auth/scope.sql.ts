import { sql, type RawBuilder } from 'kysely';
import type { Scope } from './scope.ts';

/**
 * The one SQL predicate that enforces a unit scope: every repository query that returns units,
 * values, hotspots, tiles or plans filters its unit id column with this.
 */
export function inScope(scope: Scope, column: string): RawBuilder<boolean> {
  if (scope.all) return sql<boolean>`true`;
  return sql<boolean>`${sql.ref(column)} = any(${[...scope.unitIds]}::int[])`;
}
