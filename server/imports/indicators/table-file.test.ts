import { describe, expect, it } from 'vitest';
import { iconvEncode, vniEncode } from '../../../test/helpers/legacy-text.ts';
import { parseNumber, parsePeriod } from './sheet-columns.ts';
import { FORMULA, readTable, TableFileError } from './table-file.ts';

describe('readTable (CSV)', () => {
  it('reads legacy Vietnamese encodings to NFC and says which it read; the user may override', async () => {
    const text = 'Mã đơn vị;Tên đơn vị;Kỳ (YYYY-MM)\n14332;Phường Hoa Lư;2024-01\n14335;Xã Gia Viễn;2024-01\n';
    const tcvn = await readTable(iconvEncode(text, 'TCVN5712-1'), 'tcvn.csv');
    expect(tcvn.encoding).toMatchObject({ name: 'tcvn3', source: 'detected' });
    expect(tcvn.headers).toEqual(['Mã đơn vị', 'Tên đơn vị', 'Kỳ (YYYY-MM)']);
    expect(tcvn.rows.map((r) => r.cells[1])).toEqual(['Phường Hoa Lư', 'Xã Gia Viễn']);
    const win = await readTable(iconvEncode(text, 'CP1258'), 'win.csv');
    expect(win.encoding?.name).toBe('windows-1258');
    expect(win.rows[0]!.cells[1]).toBe('Phường Hoa Lư');
    const vni = await readTable(vniEncode(text), 'vni.csv');
    expect(vni.encoding?.name).toBe('vni');
    expect(vni.rows[1]!.cells[1]).toBe('Xã Gia Viễn');
    const forced = await readTable(vniEncode(text), 'vni.csv', { encoding: 'tcvn3' });
    expect(forced.encoding).toMatchObject({ name: 'tcvn3', source: 'chosen' });
    expect(forced.rows[0]!.cells[1]).not.toBe('Phường Hoa Lư');
    const utf16 = await readTable(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/;/g, '\t'), 'utf16le')]),
      'unicode.txt',
    );
    expect(utf16).toMatchObject({ delimiter: '\t', encoding: { name: 'utf-16le', source: 'bom' } });
    expect(utf16.rows[0]!.cells[1]).toBe('Phường Hoa Lư');
  });

  it('reads UTF-8 with or without BOM, comma or semicolon, and gives line numbers', async () => {
    const withBom = await readTable(Buffer.from('\uFEFFMã đơn vị,Kỳ (YYYY-MM),x\r\n14332,2024-01,3\r\n'), 'a.csv');
    expect(withBom).toMatchObject({ format: 'csv', delimiter: ',', headers: ['Mã đơn vị', 'Kỳ (YYYY-MM)', 'x'] });
    expect(withBom.rows).toEqual([{ row: 2, cells: ['14332', '2024-01', '3'] }]);
    const semi = await readTable(Buffer.from('a;b\n\n"x;y";2\n'), 'b.csv');
    expect(semi.delimiter).toBe(';');
    expect(semi.rows).toEqual([{ row: 3, cells: ['x;y', '2'] }]);
  });

  it('names the line of ragged rows, broken quotes and non-UTF-8 bytes', async () => {
    const problem = async (buf: Buffer, name = 'x.csv') => {
      try {
        await readTable(buf, name);
      } catch (e) {
        expect(e).toBeInstanceOf(TableFileError);
        return (e as TableFileError).problem;
      }
      throw new Error('expected a TableFileError');
    };
    expect(await problem(Buffer.from('a,b\n1,2\n1,2,3\n'))).toMatchObject({ row: 3 });
    expect((await problem(Buffer.from('a,b\n"1,2\n'))).message).toMatch(/quot|CSV/);
    // Bytes that are neither UTF-8 nor read as Vietnamese in any legacy encoding: named by line.
    const garbage = await problem(Buffer.from('a,b\n1,2\n\x81\x8d\x8f\x90,3\n', 'latin1'));
    expect(garbage).toMatchObject({
      row: 3,
      message: expect.stringMatching(/not UTF-8 text \(line 3\).*choose the encoding/),
    });
    expect((await problem(Buffer.from('a,b\n1,\x00\x01\x02\x03\x04\x05\x06\x07\n'))).message).toMatch(
      /not a text file/,
    );
    expect((await problem(Buffer.alloc(0))).message).toMatch(/empty/);
    expect((await problem(Buffer.from('not a zip'), 'a.xlsx')).message).toMatch(/XLSX/);
  });
});

describe('cell parsing', () => {
  it('periods', () => {
    expect(parsePeriod('2024-03')).toBe('2024-03');
    expect(parsePeriod('2024-3')).toBe('2024-03');
    expect(parsePeriod('03/2024')).toBe('2024-03');
    expect(parsePeriod('2024-03-01')).toBe('2024-03');
    expect(parsePeriod(new Date(Date.UTC(2024, 2, 1)))).toBe('2024-03');
    expect(parsePeriod('2024-13')).toBeNull();
    expect(parsePeriod('March')).toBeNull();
  });
  it('numbers, with a decimal comma', () => {
    expect(parseNumber('12')).toBe(12);
    expect(parseNumber(' 1,5 ')).toBe(1.5);
    expect(parseNumber(7)).toBe(7);
    expect(parseNumber('1e3')).toBeNull();
    expect(parseNumber('12abc')).toBeNull();
    expect(parseNumber(Number.NaN)).toBeNull();
  });
  it('formula-like cells', () => {
    for (const f of ['=HYPERLINK("x")', '+cmd', '-A1', '@SUM(A1)', ' =1+x']) expect(FORMULA.test(f)).toBe(true);
    for (const ok of ['-5', '+84 912', 'Tổ 1', '3', '']) expect(FORMULA.test(ok)).toBe(false);
  });
});
