/**
 * The fonts of a PDF: Noto Sans regular and semibold, and Noto Sans Math for the signs Noto Sans lacks
 * ("→", "≥"), embedded as subsets (fontkit.ts), with text split into runs by the font that has each
 * glyph (fontRuns.ts) and measured as printed.
 */
import type { PDFDocument, PDFFont } from 'pdf-lib';
import regularUrl from '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf?url';
import semiboldUrl from '@expo-google-fonts/noto-sans/600SemiBold/NotoSans_600SemiBold.ttf?url';
import mathUrl from '@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf?url';
import { fontkit } from './fontkit.ts';
import { fontRuns } from './fontRuns.ts';

export class PdfFonts {
  private readonly has = new Map<PDFFont, Set<number>>();

  private constructor(
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    /** Noto Sans Math: "→", "≥" and the like. */
    readonly symbols: PDFFont,
  ) {}

  static async embed(pdf: PDFDocument): Promise<PdfFonts> {
    pdf.registerFontkit(fontkit);
    const [regular, bold, math] = await Promise.all(
      [regularUrl, semiboldUrl, mathUrl].map(async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer())),
    );
    // Without `ccmp`, "ị", "ộ"… stay one precomposed glyph and copy back as the right letter.
    const options = { subset: true, features: { ccmp: false } };
    return new PdfFonts(
      await pdf.embedFont(regular!, options),
      await pdf.embedFont(bold!, options),
      await pdf.embedFont(math!, options),
    );
  }

  private hasGlyph(font: PDFFont): (codePoint: number) => boolean {
    let set = this.has.get(font);
    if (!set) this.has.set(font, (set = new Set(font.getCharacterSet())));
    return (cp) => set.has(cp);
  }

  /** `text` in runs of the font that has their glyphs (`font` first, then the symbols). */
  runs(text: string, font: PDFFont): { text: string; font: PDFFont }[] {
    return fontRuns(text, this.hasGlyph(font), this.hasGlyph(this.symbols)).map((r) => ({
      text: r.text,
      font: r.fallback ? this.symbols : font,
    }));
  }

  /** The printed width of `text` at `size`, glyphs from the fallback font counted as such. */
  measure(text: string, font: PDFFont, size: number): number {
    return this.runs(text, font).reduce((w, r) => w + r.font.widthOfTextAtSize(r.text, size), 0);
  }
}
