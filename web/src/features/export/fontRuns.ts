/**
 * Splits a text into runs by the font that has its characters: Noto Sans has every Vietnamese letter
 * but not "→" or "≥" (comparison titles, class ranges), which the PDF would print as empty boxes; those
 * go to the fallback font (Noto Sans Math). The browser does this by itself for the PNG; a PDF must
 * say which font draws each glyph. Pure, unit-tested.
 */
export interface Run {
  text: string;
  fallback: boolean;
}

export function fontRuns(
  text: string,
  has: (codePoint: number) => boolean,
  fallbackHas: (codePoint: number) => boolean,
): Run[] {
  const runs: Run[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    // Spaces and what neither font has stay with the main font (its .notdef is the honest answer).
    const fallback = !has(cp) && fallbackHas(cp);
    const last = runs.at(-1);
    if (last && last.fallback === fallback) last.text += ch;
    else runs.push({ text: ch, fallback });
  }
  return runs;
}
