import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './template.ts';

/** The real boundary files in ../shared/data/boundaries: read from there, never copied here. */
export const BOUNDARIES_DIR = join(ROOT, '..', 'shared', 'data', 'boundaries');

export function boundaryFile(name: string): Buffer {
  const path = join(BOUNDARIES_DIR, name);
  if (!existsSync(path)) throw new Error(`${path} is missing: the tests read the shared boundary files from ../shared`);
  return readFileSync(path);
}
