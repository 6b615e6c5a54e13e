/**
 * Text encodings of uploaded files: UTF-8, UTF-16 with a byte-order mark, Windows-1258, TCVN3 (ABC)
 * and VNI, always handed on as Unicode NFC. Windows-1258 writes most toned letters as a base letter
 * plus a combining mark (and VNI as base + mark bytes), so decoded text is composed before use:
 * "Phường" must equal "Phường" whatever file it came from.
 *
 * UTF-8, UTF-16 and Windows-1258 are decoded by the platform's WHATWG TextDecoder (Node's ICU);
 * TCVN3 and VNI by the tested tables in vn-legacy-tables.ts. Which one a file uses is told by a
 * byte-order mark, a Shapefile's .cpg, or by decoding a sample every way and counting the words that
 * are Vietnamese syllables (vn-syllable.ts); the user can always override the choice.
 */
import { Transform } from 'node:stream';
import { TCVN3_TABLE, VNI_TABLE } from './vn-legacy-tables.ts';
import { scoreVietnamese } from './vn-syllable.ts';

export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1258', 'tcvn3', 'vni'] as const;
export type Encoding = (typeof ENCODINGS)[number];
/** What a user may ask for: `auto` (detect), or one encoding (`utf-16` follows the byte-order mark). */
export const ENCODING_CHOICES = ['auto', 'utf-8', 'utf-16', 'windows-1258', 'tcvn3', 'vni'] as const;
export type EncodingChoice = (typeof ENCODING_CHOICES)[number];

export const ENCODING_LABELS: Record<Encoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI Windows',
};

/** How the encoding was settled. */
export type EncodingSource = 'chosen' | 'bom' | 'cpg' | 'detected' | 'default';

/** What an import report says about the encoding, so the user can check it and override it. */
export interface EncodingInfo {
  name: Encoding;
  label: string;
  source: EncodingSource;
  /** The .cpg text of a Shapefile, as written. */
  cpg?: string;
  /** Every candidate's score on the sample: Vietnamese syllables minus other words with non-ASCII letters. */
  candidates: { name: Encoding; valid: number; invalid: number }[];
  /** A few decoded values (names) to judge by eye. */
  samples: string[];
}

/** Candidates tried when nothing says which encoding a file uses, in order of preference on a tie. */
const LEGACY: Encoding[] = ['windows-1258', 'tcvn3', 'vni'];

/** Decodes bytes of one encoding to text, not yet composed; `stream` keeps a split character for the next call. */
export interface ByteDecoder {
  decode(bytes: Uint8Array, stream?: boolean): string;
}

/**
 * A single-byte table (a byte may stand for one or two UTF-16 code units: VNI's mark bytes carry
 * a vowel mark and a tone): the code units are written into a typed array and decoded in one go,
 * several times faster on 100 MB than building the string piece by piece.
 */
class TableDecoder implements ByteDecoder {
  private readonly first: Uint16Array;
  private readonly second: Uint16Array;
  private readonly maxUnits: number;
  constructor(table: readonly string[]) {
    this.first = Uint16Array.from(table, (c) => c.charCodeAt(0));
    this.second = Uint16Array.from(table, (c) => (c.length > 1 ? c.charCodeAt(1) : 0));
    this.maxUnits = Math.max(...table.map((c) => c.length));
    if (this.maxUnits > 2) throw new Error('a table entry longer than two code units');
  }
  decode(bytes: Uint8Array): string {
    const out = new Uint16Array(bytes.length * this.maxUnits);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      out[n++] = this.first[b]!;
      const second = this.second[b]!;
      if (second) out[n++] = second;
    }
    return UTF16.decode(out.subarray(0, n));
  }
}
const UTF16 = new TextDecoder('utf-16le');
const TCVN3 = new TableDecoder(TCVN3_TABLE);
const VNI = new TableDecoder(VNI_TABLE);

/** A decoder; UTF-8 marks bytes that are not UTF-8 with U+FFFD (callers refuse such text). */
export function byteDecoder(encoding: Encoding): ByteDecoder {
  if (encoding === 'tcvn3') return TCVN3;
  if (encoding === 'vni') return VNI;
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  return { decode: (bytes, stream = false) => decoder.decode(bytes, { stream }) };
}

/** Bytes → NFC text in one go (field values, samples). */
export function decodeText(bytes: Uint8Array, encoding: Encoding): string {
  return byteDecoder(encoding).decode(bytes).normalize('NFC');
}

export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    // A sample cut inside a character is still UTF-8: retry without its last three bytes.
    if (bytes.length < 4) return false;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lastBoundary(bytes)));
      return true;
    } catch {
      return false;
    }
  }
}

/** The offset of the last UTF-8 lead byte among the final four, to cut a sample cleanly. */
function lastBoundary(bytes: Uint8Array): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    if ((bytes[i]! & 0xc0) !== 0x80) return i;
  }
  return bytes.length;
}

export function bomEncoding(head: Uint8Array): { encoding: Encoding; length: number } | null {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * What a Shapefile's .cpg says. GDAL and ArcGIS write "UTF-8", "65001", "CP1258", "1258",
 * "ANSI 1252"…; a Western code page on Vietnamese data usually means TCVN3 or VNI bytes written
 * by a machine that did not know better, so it is no hint at all (`null`).
 */
export function cpgEncoding(cpg: string): Encoding | null {
  const c = cpg.trim().toLowerCase();
  if (/^(utf-?8|65001)$/.test(c)) return 'utf-8';
  if (/1258/.test(c)) return 'windows-1258';
  if (/tcvn|5712|abc/.test(c)) return 'tcvn3';
  if (/vni/.test(c)) return 'vni';
  return null;
}

/** The encoding a user asked for, or null for `auto`; `utf-16` takes the byte order from the BOM. */
export function chosenEncoding(choice: EncodingChoice | undefined, head: Uint8Array): Encoding | null {
  if (!choice || choice === 'auto') return null;
  if (choice === 'utf-16') return head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : 'utf-16le';
  return choice;
}

/**
 * Settles the encoding of a sample of text bytes (a CSV's first megabyte, a DBF's text fields):
 * the user's choice, else a byte-order mark, else a trusted hint (.cpg) that the sample does not
 * contradict, else UTF-8 when the sample is valid UTF-8, else the legacy encoding whose decoding
 * reads most like Vietnamese. `null` when nothing fits (not UTF-8 and no legacy decoding gives
 * more syllables than nonsense): the caller asks the user to choose.
 */
export function settleEncoding(
  sample: Uint8Array,
  opts: { choice?: EncodingChoice | undefined; hint?: Encoding | null; cpg?: string | undefined },
): EncodingInfo | null {
  const bom = bomEncoding(sample);
  const body = bom ? sample.subarray(bom.length) : sample;
  const utf8 = !bom && isUtf8(body);
  const tried: Encoding[] = bom ? [bom.encoding] : [...(utf8 ? (['utf-8'] as Encoding[]) : []), ...LEGACY];
  const candidates = tried.map((name) => ({ name, ...scoreVietnamese(decodeText(body, name)) }));
  const info = (name: Encoding, source: EncodingSource): EncodingInfo => ({
    name,
    label: ENCODING_LABELS[name],
    source,
    ...(opts.cpg !== undefined ? { cpg: opts.cpg } : {}),
    candidates,
    samples: [],
  });
  const chosen = chosenEncoding(opts.choice, sample);
  if (chosen) return info(chosen, 'chosen');
  if (bom) return info(bom.encoding, 'bom');
  const net = (c: { valid: number; invalid: number }) => c.valid - c.invalid;
  const best = candidates.reduce((a, b) => (net(b) > net(a) ? b : a));
  if (opts.hint) {
    const hinted = candidates.find((c) => c.name === opts.hint);
    // A .cpg saying UTF-8 over bytes that are not UTF-8, or naming a code page whose decoding is
    // nonsense while another reads as Vietnamese, is wrong: the bytes win.
    if (hinted && !(net(hinted) < 0 && net(best) > 0)) return info(hinted.name, 'cpg');
  }
  if (utf8) return info('utf-8', candidates.some((c) => c.valid + c.invalid > 0) ? 'detected' : 'default');
  return net(best) > 0 ? info(best.name, 'detected') : null;
}

/** C0 bytes that TCVN 5712 VN1 uses for capital letters with tones: text, not control characters. */
const TCVN3_C0_LETTERS = new Set([0x01, 0x02, 0x04, 0x05, 0x06, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17]);

/**
 * Whether the first bytes of a file look like binary data rather than text: NUL bytes (outside
 * UTF-16), or a tenth of them control characters. Used to say "not a text file" instead of a CSV or
 * JSON parse error about random bytes.
 */
export function looksBinary(head: Uint8Array): boolean {
  if (head.length === 0) return false;
  const bom = bomEncoding(head);
  if (bom && bom.encoding !== 'utf-8') return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && !TCVN3_C0_LETTERS.has(b)) || b === 0x7f) {
      control++;
    }
  }
  return control > head.length / 10;
}

/** Raised by `textStream` for bytes that cannot be the chosen text encoding. */
export class TextStreamError extends Error {
  constructor(
    readonly kind: 'not_utf8' | 'binary',
    /** 1-based line of the first bad byte (UTF-8), when known. */
    readonly line: number | null,
  ) {
    super(kind === 'binary' ? 'binary data (NUL bytes)' : `not UTF-8 at line ${line}`);
    this.name = 'TextStreamError';
  }
}

/** The line (1-based) of the first byte sequence that is not UTF-8 in a sample, or null when all is UTF-8. */
export function firstBadUtf8Line(bytes: Uint8Array): number | null {
  return isUtf8(bytes) ? null : badUtf8Line(bytes, 1);
}

/** The line (1-based) of the first byte sequence in `chunk` that is not UTF-8, counting from `line`. */
function badUtf8Line(chunk: Uint8Array, line: number): number {
  let start = 0;
  // A chunk may begin inside a character carried over from the previous one: skip its tail bytes.
  while (start < chunk.length && (chunk[start]! & 0xc0) === 0x80) start++;
  for (let i = start; i <= chunk.length; i++) {
    if (i === chunk.length || chunk[i] === 0x0a) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}

/**
 * Bytes → text as a stream (CSV files), in the given encoding; a BOM is dropped. UTF-8 is strict
 * and names the first line that is not UTF-8; NUL bytes stop any encoding as binary data. Text is
 * not composed here (a mark may arrive in the next chunk): compose each value once parsed.
 */
export function textStream(encoding: Encoding): Transform {
  const strict = encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }) : null;
  const decoder = strict ? null : byteDecoder(encoding);
  let line = 1;
  let first = true;
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform(chunk: Buffer, _enc, done) {
      let text: string;
      try {
        text = strict ? strict.decode(chunk, { stream: true }) : decoder!.decode(chunk, true);
      } catch {
        return done(new TextStreamError('not_utf8', badUtf8Line(chunk, line)));
      }
      if (first) {
        text = text.replace(/^\uFEFF/, '');
        first = text.length === 0;
      }
      if (text.includes('\u0000')) return done(new TextStreamError('binary', null));
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++;
      done(null, text);
    },
    flush(done) {
      try {
        done(null, strict ? strict.decode() : decoder!.decode(new Uint8Array(0)));
      } catch {
        done(new TextStreamError('not_utf8', line));
      }
    },
  });
}

/** The delimiter of a CSV (or Excel "Unicode text") from its first line: tab, semicolon or comma. */
export function csvDelimiter(firstLine: string): ',' | ';' | '\t' {
  const count = (c: string) => firstLine.split(c).length - 1;
  const tabs = count('\t');
  const semis = count(';');
  const commas = count(',');
  if (tabs > semis && tabs > commas) return '\t';
  return semis > commas ? ';' : ',';
}

/** Up to `n` distinct values with letters beyond ASCII (or any, if none has them), for the report. */
export function pickSamples(values: Iterable<string>, n = 5): string[] {
  const rich: string[] = [];
  const plain: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (!t) continue;
    const list = /[^\x20-\x7e]/.test(t) ? rich : plain;
    if (!list.includes(t) && list.length < n) list.push(t);
    if (rich.length >= n) break;
  }
  return [...rich, ...plain].slice(0, n);
}
