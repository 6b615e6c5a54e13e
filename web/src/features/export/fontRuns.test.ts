import { describe, expect, it } from 'vitest';
import { fontRuns } from './fontRuns.ts';

// A main font with Latin and Vietnamese letters and "−" but no arrows or "≥", like Noto Sans.
const main = (cp: number) => cp < 0x2000 || cp === 0x2212 || cp === 0x2026;
const math = (cp: number) => cp === 0x2192 || cp === 0x2265 || cp === 0x2212;

describe('fontRuns', () => {
  it('sends only the characters the main font lacks to the fallback', () => {
    expect(fontRuns('tháng 1/2017 → tháng 3/2017', main, math)).toEqual([
      { text: 'tháng 1/2017 ', fallback: false },
      { text: '→', fallback: true },
      { text: ' tháng 3/2017', fallback: false },
    ]);
    // "−" is in the main font: it stays there; "≥" is not.
    expect(fontRuns('≥ −2,5 …', main, math)).toEqual([
      { text: '≥', fallback: true },
      { text: ' −2,5 …', fallback: false },
    ]);
  });

  it('keeps characters neither font has with the main font, and whole text in one run when it can', () => {
    expect(fontRuns('Phường Hoa Lư ☃', main, math)).toEqual([{ text: 'Phường Hoa Lư ☃', fallback: false }]);
    expect(fontRuns('', main, math)).toEqual([]);
  });
});
