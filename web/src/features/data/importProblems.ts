/**
 * Sorts the problems of an indicator import into what the editor acts on differently: unit names
 * the catalogue does not know, names that fit several units, units outside their scope, and every
 * other rejected cell. The server's messages are kept as they are (they name row and column).
 */
import type { ImportProblem } from './types.ts';

export type ProblemGroup = 'unmatched' | 'ambiguous' | 'scope' | 'file' | 'value';

export function problemGroup(p: ImportProblem): ProblemGroup {
  const m = p.message;
  if (/unmatched unit name|unknown unit code/.test(m)) return 'unmatched';
  if (/ambiguous unit name/.test(m)) return 'ambiguous';
  if (/outside your scope/.test(m)) return 'scope';
  if (p.row === null || /no such column|unknown column|no period column|no unit code|mapping/.test(m)) return 'file';
  return 'value';
}

export function groupProblems(problems: ImportProblem[]): Record<ProblemGroup, ImportProblem[]> {
  const out: Record<ProblemGroup, ImportProblem[]> = { unmatched: [], ambiguous: [], scope: [], file: [], value: [] };
  for (const p of problems) out[problemGroup(p)].push(p);
  return out;
}

/** Rows that have at least one problem (the rows the import rejects). */
export function rejectedRows(problems: ImportProblem[]): number[] {
  return [...new Set(problems.flatMap((p) => (p.row === null ? [] : [p.row])))].sort((a, b) => a - b);
}
