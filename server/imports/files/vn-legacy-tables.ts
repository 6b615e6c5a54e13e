/**
 * Byte tables of the two pre-Unicode Vietnamese encodings still found in land-office and commune
 * files (DBF attributes, CSV saved from old Excel). No maintained npm package decodes them soundly
 * (see README, "Imports"), so the tables are kept here, each byte mapped to the Unicode it means;
 * callers compose the result to NFC, since some bytes are combining marks.
 *
 * TCVN3 ("ABC", fonts .VnTime…): TCVN 5712:1993. Its VN3 table (the ABC fonts) is the upper half of
 * the VN1 table, which also places the capital letters with tone marks in 0x80–0x9F and a few C0
 * positions; we decode by VN1, so VN3 and VN1 files both read right. Source: the standard's VN1
 * table as shipped by GNU libc (`/usr/share/i18n/charmaps/TCVN5712-1.gz`, charset `TCVN5712-1`);
 * `vn-legacy-tables.test.ts` checks every byte against the system's `iconv -f TCVN5712-1`.
 *
 * VNI ("VNI Windows", fonts VNI-Times…): a font encoding over the Windows-1252 byte space in which a
 * vowel is written as its base letter followed by one byte for the marks (circumflex or breve and
 * the tone together), and ơ ư đ and i, ỵ with tones are single bytes. Source: the VNI Windows
 * character table of VNI Software (as in Unikey's converter and the vietunicode project's charset
 * tables); cross-checked letter by letter against the `vietnamese-conversion` npm package, which
 * agrees on 130 of the 134 letters and is wrong on ỷ, ỹ, Ỷ, Ỹ (it gives them the bytes of ặ, ì, Ặ,
 * Ì). Bytes VNI does not use keep their Windows-1252 meaning.
 */

/** C0 positions where TCVN 5712:1993 VN1 puts capital letters with tone marks. */
const TCVN3_C0: Record<number, string> = {
  0x01: 'Ú',
  0x02: 'Ụ',
  0x04: 'Ừ',
  0x05: 'Ử',
  0x06: 'Ữ',
  0x11: 'Ứ',
  0x12: 'Ự',
  0x13: 'Ỳ',
  0x14: 'Ỷ',
  0x15: 'Ỹ',
  0x16: 'Ý',
  0x17: 'Ỵ',
};

/** Bytes 0x80–0xFF of TCVN 5712:1993 VN1, sixteen to a line. */
const TCVN3_HIGH = [
  'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ', // 0x80
  'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ', // 0x90
  '\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ', // 0xa0
  '\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ', // 0xb0: five combining tone marks first
  'ẮẦẨẪẤỀặầẩẫấậèỂẻẽ', // 0xc0
  'éẹềểễếệìỉỄẾỒĩíịò', // 0xd0
  'Ổỏõóọồổỗốộờởỡớợù', // 0xe0
  'ỖủũúụừửữứựỳỷỹýỵỐ', // 0xf0
].join('');

/** Windows-1252 for 0x80–0x9F (undefined bytes kept as the C1 code point, as the WHATWG table does). */
const CP1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

const GRAVE = '\u0300';
const ACUTE = '\u0301';
const TILDE = '\u0303';
const HOOK = '\u0309';
const DOT = '\u0323';
const CIRCUMFLEX = '\u0302';
const BREVE = '\u0306';

/**
 * VNI bytes that differ from Windows-1252, lower case (0xE0–0xFF); the capital byte is 0x20 lower
 * and means the same marks or the capital letter.
 */
const VNI_LOWER: Record<number, string> = {
  // Circumflex with a tone: a+0xE1 = ấ, e+0xE1 = ế, o+0xE1 = ố …
  0xe1: CIRCUMFLEX + ACUTE,
  0xe0: CIRCUMFLEX + GRAVE,
  0xe5: CIRCUMFLEX + HOOK,
  0xe3: CIRCUMFLEX + TILDE,
  0xe4: CIRCUMFLEX + DOT,
  0xe2: CIRCUMFLEX,
  // Breve with a tone: a+0xE9 = ắ …
  0xe9: BREVE + ACUTE,
  0xe8: BREVE + GRAVE,
  0xfa: BREVE + HOOK,
  0xfc: BREVE + TILDE,
  0xeb: BREVE + DOT,
  0xea: BREVE,
  // A tone alone: a+0xF9 = á, ơ+0xF8 = ờ …
  0xf9: ACUTE,
  0xf8: GRAVE,
  0xfb: HOOK,
  0xf5: TILDE,
  0xef: DOT,
  // Whole letters.
  0xf4: 'ơ',
  0xf6: 'ư',
  0xf1: 'đ',
  0xec: 'ì',
  0xed: 'í',
  0xe6: 'ỉ',
  0xf3: 'ĩ',
  0xf2: 'ị',
  0xee: 'ỵ',
};

function build(high: (byte: number) => string, low: (byte: number) => string = (b) => String.fromCharCode(b)) {
  return Array.from({ length: 256 }, (_, b) => (b < 0x80 ? low(b) : high(b)));
}

/** TCVN3 (ABC): byte → Unicode (a letter, or a combining tone mark for 0xB0–0xB4). */
export const TCVN3_TABLE: readonly string[] = build(
  (b) => TCVN3_HIGH[b - 0x80]!,
  (b) => TCVN3_C0[b] ?? String.fromCharCode(b),
);

/** VNI Windows: byte → Unicode (a letter, or the combining marks that follow a base vowel). */
export const VNI_TABLE: readonly string[] = build((b) => {
  const lower = VNI_LOWER[b];
  if (lower !== undefined) return lower;
  const upper = b >= 0xc0 && b < 0xe0 ? VNI_LOWER[b + 0x20] : undefined;
  // Marks are caseless (toUpperCase leaves them); letters take their capital.
  if (upper !== undefined) return upper.toUpperCase();
  return b < 0xa0 ? CP1252_C1[b - 0x80]! : String.fromCharCode(b);
});
