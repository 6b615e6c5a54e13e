/**
 * Map label fonts, served from the app itself: the style's `font-faces` (MapLibre 6) points at the
 * Noto Sans woff2 files of `@fontsource/noto-sans`, bundled by Vite, so Vietnamese labels render with
 * no glyph server and no network. Files load lazily, only for the codepoints actually drawn.
 *
 * Unicode ranges are those of the fontsource subsets (its unicode.json). Order matters: MapLibre
 * takes the first declared file whose range covers a character, and the `vietnamese` file is the
 * one guaranteed to hold the Vietnamese letters (Đ, Ă, Ơ, Ư, ạ…ỹ) that `latin-ext` also claims.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latin600 from '@fontsource/noto-sans/files/noto-sans-latin-600-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import latinExt600 from '@fontsource/noto-sans/files/noto-sans-latin-ext-600-normal.woff2?url';
import vietnamese400 from '@fontsource/noto-sans/files/noto-sans-vietnamese-400-normal.woff2?url';
import vietnamese600 from '@fontsource/noto-sans/files/noto-sans-vietnamese-600-normal.woff2?url';

const RANGES = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  vietnamese:
    'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
  latinExt:
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

/** The style-spec type of `font-faces` (maplibre-gl does not re-export it by name). */
export type FontFaces = NonNullable<Parameters<MapLibreMap['setFontFaces']>[0]>;

function ranges(list: string): string[] {
  return list.split(',');
}

/** Font names to use in `text-font`. */
export const FONT_REGULAR = 'Noto Sans Regular';
export const FONT_SEMIBOLD = 'Noto Sans SemiBold';

/** The style's `font-faces`. */
export const FONT_FACES: FontFaces = {
  [FONT_REGULAR]: [
    { url: latin400, 'unicode-range': ranges(RANGES.latin) },
    { url: vietnamese400, 'unicode-range': ranges(RANGES.vietnamese) },
    { url: latinExt400, 'unicode-range': ranges(RANGES.latinExt) },
  ],
  [FONT_SEMIBOLD]: [
    { url: latin600, 'unicode-range': ranges(RANGES.latin) },
    { url: vietnamese600, 'unicode-range': ranges(RANGES.vietnamese) },
    { url: latinExt600, 'unicode-range': ranges(RANGES.latinExt) },
  ],
};

/** Label text as drawn: composed (NFC) so that each letter and its marks are one codepoint. */
export function normalizeLabel(text: string | null | undefined): string {
  return (text ?? '').normalize('NFC').trim();
}
