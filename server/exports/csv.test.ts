import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('CSV cells', () => {
  it('prefix formula starters so spreadsheets show them as text', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+84 912')).toBe("'+84 912");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
  });

  it('quote separators, quotes and line breaks; numbers and empty cells stay plain', () => {
    expect(csvCell('Ma túy, cờ bạc')).toBe('"Ma túy, cờ bạc"');
    expect(csvCell('a "b"')).toBe('"a ""b"""');
    expect(csvCell('dòng 1\ndòng 2')).toBe('"dòng 1\ndòng 2"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });
});

describe('CSV files', () => {
  it('start with a BOM (Excel reads the diacritics) and end every line with CRLF', () => {
    const text = csvDocument([
      ['Mã', 'Tên'],
      ['01', 'Phường Bích Đào, Ninh Bình'],
    ]).toString('utf8');
    expect(text).toBe('\uFEFFMã,Tên\r\n01,"Phường Bích Đào, Ninh Bình"\r\n');
  });
});
