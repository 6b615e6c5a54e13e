import type { BoundaryProgressLine } from './types.ts';

/**
 * Percent done of a boundary import from its last progress line. Reading the features is most of
 * the work (0–80 %, against the feature count of the dry run when known); the checks and the
 * commit follow; the outcome line is 100 %.
 */
export function importPercent(line: BoundaryProgressLine | null, total: number | null): number {
  if (!line) return 0;
  switch (line.stage) {
    case 'read':
      return total && total > 0 ? Math.min(80, Math.round((80 * line.features) / total)) : 40;
    case 'check':
      return 85;
    case 'commit':
      return 92;
    case 'done':
      return 100;
  }
}
