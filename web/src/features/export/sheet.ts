/**
 * Export sizes, scale-bar lengths and file names: plain arithmetic shared by the PNG sheet and the
 * PDF pages (no browser needed, unit-tested).
 */
import { foldVietnamese } from '../../../../geo/text.ts';
export type SizeKey = 'screen' | 'hd' | 'a4-150' | 'a4-300' | 'a3-150' | 'a3-300';

export interface ExportSize {
  key: SizeKey;
  label: string;
  width: number;
  height: number;
  /** Device pixels per CSS pixel of the map (print: dpi / 96, so a 13 px label prints at about 10 pt). */
  pixelRatio: number;
}

/** Landscape paper at a resolution: 297×210 mm (A4) or 420×297 mm (A3). */
function paper(key: SizeKey, label: string, mmW: number, mmH: number, dpi: number): ExportSize {
  return {
    key,
    label,
    width: Math.round((mmW / 25.4) * dpi),
    height: Math.round((mmH / 25.4) * dpi),
    pixelRatio: dpi / 96,
  };
}

export const PAPER_SIZES: readonly ExportSize[] = [
  paper('a4-150', 'A4 150 dpi', 297, 210, 150),
  paper('a4-300', 'A4 300 dpi', 297, 210, 300),
  paper('a3-150', 'A3 150 dpi', 420, 297, 150),
  paper('a3-300', 'A3 300 dpi', 420, 297, 300),
];

/** A file name from a title: letters without diacritics, digits and dashes. */
export function fileName(title: string, extension: string): string {
  const base = foldVietnamese(title)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'ban-do'}.${extension}`;
}

/** A nice scale-bar length (1, 2 or 5 × 10ⁿ metres) no longer than `maxMetres`, and its label. */
export function scaleBar(maxMetres: number): { metres: number; label: string } {
  const exp = Math.floor(Math.log10(Math.max(maxMetres, 1)));
  let metres = 10 ** exp;
  for (const m of [5, 2, 1]) {
    if (m * 10 ** exp <= maxMetres) {
      metres = m * 10 ** exp;
      break;
    }
  }
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, label };
}
