/**
 * fontkit 2 (foliojs, maintained; the subsetter PDFKit uses) behind the interface pdf-lib 1.17 was
 * written for. pdf-lib's own `@pdf-lib/fontkit` 1.1 drops glyphs when it subsets Noto Sans (seen with
 * pdftoppm: "Tỷ lệ hộ" printed as "ộ g"), so every PDF embedded two whole fonts (~320 KB each).
 * fontkit 2 subsets correctly; its subset has `encode()` where pdf-lib calls `encodeStream()`.
 */
import * as fontkit2 from 'fontkit';
import type { Fontkit } from 'pdf-lib/es/types/fontkit';

interface Subset2 {
  includeGlyph(glyph: unknown): number;
  encode(): Uint8Array;
}
interface Font2 {
  createSubset(): Subset2;
}

/** A stream of one chunk, as pdf-lib reads `encodeStream()` (data, end, error listeners). */
function streamOf(encode: () => Uint8Array) {
  const listeners: Record<string, (value?: unknown) => void> = {};
  const stream = {
    on(event: string, listener: (value?: unknown) => void) {
      listeners[event] = listener;
      // pdf-lib attaches data, end, error in that order, synchronously.
      if (event === 'error')
        queueMicrotask(() => {
          try {
            listeners.data?.(encode());
            listeners.end?.();
          } catch (err) {
            listeners.error?.(err);
          }
        });
      return stream;
    },
  };
  return stream;
}

export const fontkit: Fontkit = {
  create(buffer: Uint8Array, postscriptName?: string) {
    const font = (fontkit2 as unknown as { create(b: Uint8Array, name?: string): Font2 }).create(
      buffer,
      postscriptName,
    );
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      return Object.assign(subset, { encodeStream: () => streamOf(() => subset.encode()) });
    };
    return font as unknown as ReturnType<Fontkit['create']>;
  },
};
