import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

/** A hash of everything that shapes the seeded template database, so a stale template is rebuilt. */
export function templateHash(): string {
  const h = createHash('sha256');
  for (const dir of ['migrations', 'geo', 'server/demo', 'server/bootstrap.ts']) {
    const abs = join(ROOT, dir);
    const files = statSync(abs).isDirectory() ? listFiles(abs) : [abs];
    for (const f of files) {
      h.update(relative(ROOT, f));
      h.update(readFileSync(f));
    }
  }
  return h.digest('hex').slice(0, 16);
}
