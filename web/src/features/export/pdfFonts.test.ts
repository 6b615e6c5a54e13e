/**
 * The PDF's fonts, checked the way a reader sees them: every Vietnamese letter and the signs the app
 * prints ("→", "−", "≥", "…") come back from `pdftotext` (a glyph drawn as .notdef has no Unicode and
 * would be missing), `pdffonts` says each font is embedded, and the file stays small (subsets).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { fontkit } from './fontkit.ts';
import { fontRuns } from './fontRuns.ts';

const font = (path: string) => readFileSync(join('node_modules/@expo-google-fonts', path));

/** a ă â e ê i o ô ơ u ư y with no mark and the five tone marks, both cases, and đ Đ: 146 letters. */
function vietnameseLetters(): string[] {
  const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
  const tones = ['', '\u0300', '\u0309', '\u0303', '\u0301', '\u0323'];
  const lower = vowels.flatMap((v) => tones.map((t) => (v + t).normalize('NFC')));
  const all = [...lower, 'đ'];
  return [...all, ...all.map((l) => l.toUpperCase())];
}

const has = (f: PDFFont) => {
  const set = new Set(f.getCharacterSet());
  return (cp: number) => set.has(cp);
};

describe('PDF fonts', () => {
  it('print every Vietnamese letter and the signs, from subset fonts, in a small file', async () => {
    const letters = vietnameseLetters();
    expect(letters).toHaveLength(146);
    const signs = ['→', '−', '≥', '…', '–', '·', '°'];
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pdf-'));
    const lines = [letters.slice(0, 73).join(' '), letters.slice(73).join(' '), signs.join(' ')];
    const make = async (subset: boolean) => {
      const pdf = await PDFDocument.create();
      pdf.registerFontkit(fontkit);
      const options = { subset, features: { ccmp: false } };
      const regular = await pdf.embedFont(font('noto-sans/400Regular/NotoSans_400Regular.ttf'), options);
      const math = await pdf.embedFont(font('noto-sans-math/400Regular/NotoSansMath_400Regular.ttf'), options);
      const page = pdf.addPage([842, 200]);
      lines.forEach((line, i) => {
        let x = 20;
        for (const run of fontRuns(line, has(regular), has(math))) {
          const f = run.fallback ? math : regular;
          page.drawText(run.text, { x, y: 160 - i * 40, size: 9, font: f });
          x += f.widthOfTextAtSize(run.text, 9);
        }
      });
      const bytes = await pdf.save();
      const file = join(dir, `glyphs-${subset}.pdf`);
      writeFileSync(file, bytes);
      // The page as a reader sees it: greyscale pixels at 150 dpi.
      execFileSync('pdftoppm', ['-gray', '-r', '150', '-singlefile', file, join(dir, `page-${subset}`)]);
      return { file, bytes, pixels: readFileSync(join(dir, `page-${subset}.pgm`)), regular, math };
    };
    const whole = await make(false);
    const sub = await make(true);
    const { file, bytes, regular, math } = sub;
    // The subset draws exactly what the whole fonts draw (@pdf-lib/fontkit 1.1's subsets lost most
    // glyphs here: "Tỷ lệ hộ" printed as "ộ g").
    let ink = 0;
    let diff = 0;
    sub.pixels.forEach((v, i) => {
      ink += 255 - whole.pixels[i]!;
      diff += Math.abs(v - whole.pixels[i]!);
    });
    expect(sub.pixels.length).toBe(whole.pixels.length);
    expect(ink, 'the page has text').toBeGreaterThan(100_000);
    expect(diff / ink, 'subset vs whole fonts, rendered').toBeLessThan(0.01);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const ch of [...letters, ...signs]) expect(text, `"${ch}" printed`).toContain(ch);
    // "→" and "≥" come from the fallback font; the letters never do.
    expect(fontRuns('→≥', has(regular), has(math)).every((r) => r.fallback)).toBe(true);
    expect(fontRuns(letters.join(''), has(regular), has(math)).some((r) => r.fallback)).toBe(false);

    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts).toHaveLength(2);
    // Embedded (emb yes) with a Unicode map (uni yes); pdf-lib names subsets without the "ABCDEF+" tag,
    // so pdffonts' "sub" column says no — the size says it: the whole fonts are 629 KB and 1 MB.
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+\S+\s+yes\b/);
    expect(bytes.length).toBeLessThan(40_000);
    console.log(`PDF with 153 glyphs: ${bytes.length} bytes in subset fonts, ${whole.bytes.length} with whole fonts`);
  });
});
