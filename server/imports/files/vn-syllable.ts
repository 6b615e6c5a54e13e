/**
 * Is a word a possible Vietnamese syllable? Used to tell which encoding a file is in: the right
 * decoding gives syllables such as "phường", the wrong ones give "phửụứng", "ph­êng" or "phöôøng".
 * The rules are the language's own (onset + vowels + coda, at most one tone mark, only sắc or nặng
 * before a stop consonant, ă and â never end a syllable), loose enough for names and loan words.
 */

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;

const ONSET = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x)?';
/** Vowel groups of Vietnamese rimes, tone marks removed. */
const VOWELS = [
  'iêu|yêu|oai|oay|oao|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu',
  'ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê',
  'a|ă|â|e|ê|i|y|o|ô|ơ|u|ư',
].join('|');
const CODA = '(ch|nh|ng|c|m|n|p|t)?';
const SYLLABLE = new RegExp(`^${ONSET}(${VOWELS})${CODA}$`);

/** Whether `word` (one word, any case, composed or not) can be a Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.toLowerCase().normalize('NFD');
  const tones = decomposed.match(TONE_MARKS) ?? [];
  if (tones.length > 1) return false;
  const bare = decomposed.replace(TONE_MARKS, '').normalize('NFC');
  const m = SYLLABLE.exec(bare);
  if (!m) return false;
  const [, vowels, coda] = m;
  if (!coda && /[ăâ]$/.test(vowels!)) return false;
  // A syllable closed by a stop (c, ch, p, t) only takes the rising tones.
  if (coda && /^(c|ch|p|t)$/.test(coda) && tones.length && !/[\u0301\u0323]/.test(tones[0]!)) return false;
  return true;
}

export interface SyllableScore {
  /** Words with a letter beyond ASCII that are Vietnamese syllables. */
  valid: number;
  /** Words with a letter beyond ASCII that are not, or text with characters no name holds. */
  invalid: number;
}

/**
 * Scores decoded text: plain ASCII words say nothing about the encoding and are skipped; every other
 * distinct word counts for (a syllable) or against (not one). Symbols a wrong decoding produces (µ, ¸, ×, ­)
 * break words apart and count against the text too.
 */
export function scoreVietnamese(text: string): SyllableScore {
  let valid = 0;
  let invalid = 0;
  // Each distinct word counts once: a sheet repeats the same names on every row.
  const words = new Set(text.normalize('NFC').split(/[\s,;.:()"'/\-_0-9]+/));
  for (const token of words) {
    if (!token || /^[\x20-\x7e]*$/.test(token)) continue;
    if (/^[\p{L}\p{M}]+$/u.test(token) && isVietnameseSyllable(token)) valid++;
    else invalid++;
  }
  return { valid, invalid };
}
