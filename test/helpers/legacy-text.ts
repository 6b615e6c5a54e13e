/**
 * Vietnamese text in the legacy encodings, made the way offices' files were made, for tests:
 * Windows-1258 and TCVN3 by the system's iconv (GNU libc: CP1258, TCVN5712-1), VNI by its typing
 * rules (no tool writes VNI; this encoder is written from the rules, not from the decoder's table,
 * so a test comparing the two checks one against the other).
 */
import { execFileSync } from 'node:child_process';

export const ICONV = '/usr/bin/iconv';

/** UTF-8 text → bytes in a glibc charset (`CP1258`, `TCVN5712-1`). */
export function iconvEncode(text: string, charset: 'CP1258' | 'TCVN5712-1'): Buffer {
  return execFileSync(ICONV, ['-f', 'UTF-8', '-t', charset], { input: Buffer.from(text, 'utf8') });
}

const TONE_BYTE: Record<string, number> = {
  '\u0301': 0xf9,
  '\u0300': 0xf8,
  '\u0309': 0xfb,
  '\u0303': 0xf5,
  '\u0323': 0xef,
};
const CIRCUMFLEX_TONE: Record<string, number> = {
  '': 0xe2,
  '\u0301': 0xe1,
  '\u0300': 0xe0,
  '\u0309': 0xe5,
  '\u0303': 0xe3,
  '\u0323': 0xe4,
};
const BREVE_TONE: Record<string, number> = {
  '': 0xea,
  '\u0301': 0xe9,
  '\u0300': 0xe8,
  '\u0309': 0xfa,
  '\u0303': 0xfc,
  '\u0323': 0xeb,
};
const I_TONE: Record<string, number> = {
  '\u0300': 0xec,
  '\u0301': 0xed,
  '\u0309': 0xe6,
  '\u0303': 0xf3,
  '\u0323': 0xf2,
};

/** Unicode → VNI Windows bytes, letter by letter from VNI's rules. */
export function vniEncode(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    const upper = ch !== ch.toLowerCase();
    const shift = (b: number) => (upper ? b - 0x20 : b);
    const [base, ...marks] = [...ch.toLowerCase().normalize('NFD')];
    const tone = marks.find((m) => m in TONE_BYTE) ?? '';
    const shape = marks.find((m) => !(m in TONE_BYTE)) ?? '';
    const letter = (b: string) => out.push(upper ? b.toUpperCase().charCodeAt(0) : b.charCodeAt(0));
    if (base === 'đ') out.push(shift(0xf1));
    else if (base === 'i' && tone) out.push(shift(I_TONE[tone]!));
    else if (base === 'y' && tone === '\u0323') out.push(shift(0xee));
    else if (shape === '\u031b') {
      // Horn: ơ, ư are single bytes, a tone follows.
      out.push(shift(base === 'o' ? 0xf4 : 0xf6));
      if (tone) out.push(shift(TONE_BYTE[tone]!));
    } else if (shape === '\u0302') {
      letter(base!);
      out.push(shift(CIRCUMFLEX_TONE[tone]!));
    } else if (shape === '\u0306') {
      letter(base!);
      out.push(shift(BREVE_TONE[tone]!));
    } else if (!shape && tone && /[aeouy]/.test(base!)) {
      letter(base!);
      out.push(shift(TONE_BYTE[tone]!));
    } else throw new Error(`no VNI spelling for ${JSON.stringify(ch)}`);
  }
  return Buffer.from(out);
}
