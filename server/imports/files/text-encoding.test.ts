import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { text as readAll } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { iconvEncode, ICONV, vniEncode } from '../../../test/helpers/legacy-text.ts';
import { boundaryFile } from '../../../test/helpers/shared-data.ts';
import {
  cpgEncoding,
  csvDelimiter,
  decodeText,
  looksBinary,
  settleEncoding,
  textStream,
  TextStreamError,
  type Encoding,
} from './text-encoding.ts';
import { TCVN3_TABLE } from './vn-legacy-tables.ts';
import { isVietnameseSyllable, scoreVietnamese } from './vn-syllable.ts';

/** The 129 real ward names of Ninh Bình province (2025), rich in every tone and vowel mark. */
const WARD_NAMES: string[] = (
  JSON.parse(boundaryFile('vn_ninh_binh_wards_2025.geojson').toString('utf8')) as {
    features: { properties: { name: string } }[];
  }
).features.map((f) => f.properties.name);

/** Every Vietnamese letter with a mark, capital and small (134). */
const LETTERS = (() => {
  const out = new Set<string>(['đ', 'Đ']);
  for (const base of ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y']) {
    for (const tone of ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323']) {
      const l = (base + tone).normalize('NFC');
      if (l.length === 1 && l.charCodeAt(0) > 0x7f) {
        out.add(l);
        out.add(l.toUpperCase());
      }
    }
  }
  return [...out];
})();

const encode = (text: string, encoding: 'windows-1258' | 'tcvn3' | 'vni'): Buffer =>
  encoding === 'vni' ? vniEncode(text) : iconvEncode(text, encoding === 'tcvn3' ? 'TCVN5712-1' : 'CP1258');

describe('legacy tables', () => {
  it('knows all 134 letters with marks', () => expect(LETTERS).toHaveLength(134));

  it('TCVN3 decodes every byte as GNU libc iconv does (TCVN5712-1)', () => {
    const bytes = Array.from({ length: 255 }, (_, i) => i + 1).filter((b) => b !== 0x0a);
    const input = Buffer.from(bytes.flatMap((b) => [b, 0x0a]));
    const lines = execFileSync(ICONV, ['-f', 'TCVN5712-1', '-t', 'UTF-8'], { input }).toString('utf8').split('\n');
    bytes.forEach((b, i) => expect(TCVN3_TABLE[b], `byte 0x${b.toString(16)}`).toBe(lines[i]));
  });

  it('Windows-1258 decodes the letters and marks as iconv does (CP1258), composed to NFC', () => {
    const bytes = Array.from({ length: 0x40 }, (_, i) => 0xc0 + i);
    const input = Buffer.from(bytes.flatMap((b) => [b, 0x0a]));
    const lines = execFileSync(ICONV, ['-f', 'CP1258', '-t', 'UTF-8'], { input }).toString('utf8').split('\n');
    bytes.forEach((b, i) => expect(decodeText(Buffer.from([b]), 'windows-1258')).toBe(lines[i]!.normalize('NFC')));
    // Windows-1258 writes ộ as ô + a combining dot below: it must come out as the one letter.
    expect(decodeText(Buffer.from([0x4e, 0xe9, 0x69]), 'windows-1258')).toBe('Néi');
    expect(decodeText(iconvEncode('Nội', 'CP1258'), 'windows-1258')).toBe('Nội');
  });

  it.each(['windows-1258', 'tcvn3', 'vni'] as const)('%s reads back every letter, alone and in words', (enc) => {
    for (const l of LETTERS) expect(decodeText(encode(l, enc), enc), l).toBe(l);
    const text = WARD_NAMES.join('\n');
    expect(decodeText(encode(text, enc), enc)).toBe(text);
  });

  it('VNI reads text as old Vietnamese fonts showed it in a Western code page', () => {
    const vni = (s: string) => decodeText(Buffer.from(s, 'latin1'), 'vni');
    expect(vni('Vieät Nam')).toBe('Việt Nam');
    expect(vni('Phöôøng Hoa Lö')).toBe('Phường Hoa Lư');
    expect(vni('Thaønh phoá Hoà Chí Minh')).toBe('Thành phố Hồ Chí Minh');
    expect(vni('Xaõ YÙ Yeân, ÑAÉK LAÉK, Kyø, Myõ, Hyû, Ngoïc')).toBe('Xã Ý Yên, ĐẮK LẮK, Kỳ, Mỹ, Hỷ, Ngọc');
    expect(vniEncode('Phường Hoa Lư').toString('latin1')).toBe('Phöôøng Hoa Lö');
  });

  it('TCVN3 reads text as ABC fonts showed it in a Western code page', () => {
    expect(decodeText(Buffer.from('Hµ Néi, ViÖt Nam, Ph\u00adêng Hoa L\u00ad, Ninh B×nh', 'latin1'), 'tcvn3')).toBe(
      'Hà Nội, Việt Nam, Phường Hoa Lư, Ninh Bình',
    );
  });
});

describe('settleEncoding', () => {
  const names = WARD_NAMES.join('\n');

  it.each(['windows-1258', 'tcvn3', 'vni'] as const)('detects %s from the ward names alone', (enc) => {
    const info = settleEncoding(encode(names, enc), {});
    expect(info).toMatchObject({ name: enc, source: 'detected' });
    const own = info!.candidates.find((c) => c.name === enc)!;
    for (const other of info!.candidates.filter((c) => c.name !== enc)) {
      expect(own.valid - own.invalid, other.name).toBeGreaterThan(other.valid - other.invalid);
    }
  });

  it('detects a single name too', () => {
    for (const enc of ['windows-1258', 'tcvn3', 'vni'] as const) {
      expect(settleEncoding(encode('Phường Hoa Lư', enc), {})?.name, enc).toBe(enc);
      expect(settleEncoding(encode('Xã Gia Viễn', enc), {})?.name, enc).toBe(enc);
    }
  });

  it('takes UTF-8 when the bytes are UTF-8, and ASCII as UTF-8 by default', () => {
    expect(settleEncoding(Buffer.from(names), {})).toMatchObject({ name: 'utf-8', source: 'detected' });
    expect(settleEncoding(Buffer.from('code,name\n1,Hoa Lu\n'), {})).toMatchObject({
      name: 'utf-8',
      source: 'default',
    });
  });

  it('honours a byte-order mark, a .cpg and the user, but not a .cpg the bytes contradict', () => {
    expect(
      settleEncoding(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hoa Lư', 'utf16le')]), {}),
    ).toMatchObject({
      name: 'utf-16le',
      source: 'bom',
    });
    const tcvn = encode(names, 'tcvn3');
    expect(settleEncoding(tcvn, { hint: 'tcvn3', cpg: 'TCVN5712-1' })).toMatchObject({ name: 'tcvn3', source: 'cpg' });
    expect(settleEncoding(tcvn, { hint: 'utf-8', cpg: 'UTF-8' })).toMatchObject({ name: 'tcvn3', source: 'detected' });
    expect(settleEncoding(tcvn, { hint: 'windows-1258' })).toMatchObject({ name: 'tcvn3', source: 'detected' });
    expect(settleEncoding(tcvn, { choice: 'vni' })).toMatchObject({ name: 'vni', source: 'chosen' });
  });

  it('gives up (null) on bytes that read as nothing Vietnamese', () => {
    expect(settleEncoding(Buffer.from([0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x20, 0x9f, 0x83]), {})).toBeNull();
  });

  it('reads .cpg texts as GDAL and ArcGIS write them', () => {
    const cases: [string, Encoding | null][] = [
      ['UTF-8', 'utf-8'],
      ['65001', 'utf-8'],
      ['CP1258', 'windows-1258'],
      ['ANSI 1258', 'windows-1258'],
      ['TCVN5712-1', 'tcvn3'],
      ['ANSI 1252', null],
      ['ISO-8859-1', null],
    ];
    for (const [cpg, enc] of cases) expect(cpgEncoding(cpg), cpg).toBe(enc);
  });
});

describe('Vietnamese syllables', () => {
  it('accepts real syllables and refuses what wrong decodings make', () => {
    for (const w of [
      'Phường',
      'Nghĩa',
      'Quỳnh',
      'Nguyễn',
      'Khuê',
      'gì',
      'Hoằng',
      'Việt',
      'Thạch',
      'Ý',
      'Yên',
      'người',
    ]) {
      expect(isVietnameseSyllable(w), w).toBe(true);
    }
    for (const w of ['Phửụứng', 'Phöôøng', 'Néi', 'ăn̂', 'Viêt̀', 'Việc̀', 'Vă', 'Hµ', 'Phýừèng']) {
      expect(isVietnameseSyllable(w), w).toBe(false);
    }
    expect(scoreVietnamese('Ph\u00adêng Hoa L\u00ad')).toEqual({ valid: 0, invalid: 2 });
  });
});

describe('text streams', () => {
  const read = (bytes: Buffer, enc: Encoding) => readAll(Readable.from([bytes]).pipe(textStream(enc)));

  it('decodes UTF-16 with its BOM and legacy bytes, leaving composition to the caller', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Mã\tTên\n1\tHoa Lư\n', 'utf16le')]);
    expect(await read(utf16, 'utf-16le')).toBe('Mã\tTên\n1\tHoa Lư\n');
    expect((await read(iconvEncode('Nội', 'CP1258'), 'windows-1258')).normalize('NFC')).toBe('Nội');
  });

  it('names the first line that is not UTF-8, and refuses NUL bytes', async () => {
    await expect(read(Buffer.from('a,b\n1,2\nPh\xf9ng,3\n', 'latin1'), 'utf-8')).rejects.toMatchObject({
      kind: 'not_utf8',
      line: 3,
    });
    await expect(read(Buffer.from('a,b\n1,\u0000\n'), 'vni')).rejects.toBeInstanceOf(TextStreamError);
  });

  it('tells binary from text by its first bytes', () => {
    expect(looksBinary(randomBytes(65536))).toBe(true);
    expect(looksBinary(Buffer.from(names()))).toBe(false);
    expect(looksBinary(encode(names(), 'tcvn3'))).toBe(false);
    // TCVN3 (VN1) writes capitals with tones on C0 bytes: "Ý YÊN, ỨNG HÒA" is still text.
    expect(looksBinary(encode('Ý Yên, Ứng Hòa, ỲNH, ỴÊN', 'tcvn3'))).toBe(false);
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b', 'utf16le')]))).toBe(false);
  });

  it('finds the delimiter, tabs included (Excel "Unicode text")', () => {
    expect(csvDelimiter('a\tb\tc')).toBe('\t');
    expect(csvDelimiter('a;b;"c,d"')).toBe(';');
    expect(csvDelimiter('a,b')).toBe(',');
  });
});

function names(): string {
  return WARD_NAMES.join(',');
}
