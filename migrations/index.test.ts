import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrations } from './index.ts';

describe('migrations index', () => {
  it('lists every dated migration file in this folder, in order', () => {
    const files = readdirSync(new URL('.', import.meta.url))
      .filter((f) => /^\d{4}-\d{2}-\d{2}T\d{4}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
    for (const m of Object.values(migrations)) {
      expect(typeof m.up).toBe('function');
      expect(typeof m.down).toBe('function');
    }
  });
});
