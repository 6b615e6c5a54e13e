/**
 * Every catalogue has the same keys in Vietnamese and English, no empty text, and each text
 * function gives a non-empty text in both languages.
 */
import { describe, expect, it } from 'vitest';
import { catalogues } from './texts.ts';

// Every catalogue in the app registers itself when its module loads.
const modules = import.meta.glob(['../../**/texts.ts', '../../**/*.texts.ts'], { eager: true });

/** An argument that reads as a number, a string, a list and a record at once. */
function anything(): unknown {
  const base = Object.assign([1, 2], { toString: () => '1', valueOf: () => 1 });
  return new Proxy(base, {
    get(target, key, receiver) {
      if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 1 : '1');
      if (key in target) return Reflect.get(target, key, receiver);
      return 1;
    },
  });
}

describe('text catalogues', () => {
  it('are all found', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(12);
    expect(catalogues().length).toBeGreaterThanOrEqual(Object.keys(modules).length);
  });

  it('have the same keys in vi and en, and no empty text', () => {
    for (const c of catalogues()) {
      expect(Object.keys(c.en).sort(), c.name).toEqual(Object.keys(c.vi).sort());
      for (const key of Object.keys(c.vi)) {
        const vi = (c.vi as Record<string, unknown>)[key];
        const en = (c.en as Record<string, unknown>)[key];
        expect(typeof en, `${c.name}.${key}`).toBe(typeof vi);
        if (typeof vi === 'function' && typeof en === 'function') {
          // English may leave an argument unused, never need one Vietnamese lacks (the types check the rest).
          expect(en.length, `${c.name}.${key} arguments`).toBeLessThanOrEqual(vi.length);
          const args = Array.from({ length: vi.length }, anything);
          expect(String(vi(...args)).trim(), `${c.name}.${key} (vi)`).not.toBe('');
          expect(String(en(...args)).trim(), `${c.name}.${key} (en)`).not.toBe('');
        } else {
          expect(String(vi).trim(), `${c.name}.${key} (vi)`).not.toBe('');
          expect(String(en).trim(), `${c.name}.${key} (en)`).not.toBe('');
        }
      }
    }
  });

  it('name every catalogue once', () => {
    const names = catalogues().map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('follow the chosen language', async () => {
    const { lang } = await import('./lang.svelte.ts');
    const { common } = await import('./common.texts.ts');
    lang.current = 'en';
    expect(common.t.cancel).toBe('Cancel');
    lang.current = 'vi';
    expect(common.t.cancel).toBe('Hủy');
  });
});
