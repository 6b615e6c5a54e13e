import { describe, expect, it } from 'vitest';
import { parseNumber, parsePeriod } from './indicator-import.service.ts';
import { FORMULA, readTable, TableFileError } from './table-file.ts';

describe('readTable (CSV)', () => {
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
    expect(await problem(Buffer.from('a,b\n1,2\nPh\xf9\xf4ng,3\n', 'latin1'))).toMatchObject({ row: 3 });
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
