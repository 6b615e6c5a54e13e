import { describe, expect, it } from 'vitest';
import { displayName, nameClashes, nameKey, uniqueDisplayNames, type NamedUnit } from './unit-names.ts';

const ward = (short: string) => ({ name: `Phường ${short}`, shortName: short });
const group = (code: string, name: string, parent: string | null, former: string | null = null): NamedUnit => ({
  code,
  name,
  kind: 'to_dan_pho',
  parent: parent ? ward(parent) : null,
  formerParent: former ? ward(former) : null,
});

describe('unique display names', () => {
  it('names a group with its ward, before any merger', () => {
    const names = uniqueDisplayNames([
      group('14323-04', 'Tổ dân phố 4', 'Tân Thành'),
      group('14320-04', 'Tổ dân phố 4', 'Đông Thành'),
    ]);
    expect(names).toEqual(['Tổ dân phố 4 · Phường Tân Thành', 'Tổ dân phố 4 · Phường Đông Thành']);
  });

  it('tells same-named groups of a merged ward apart by their former ward (the issue #14 example)', () => {
    const units = [
      group('14323-04', 'Tổ dân phố 4', 'Hoa Lư', 'Tân Thành'),
      group('14320-04', 'Tổ dân phố 4', 'Hoa Lư', 'Đông Thành'),
      group('14320-05', 'Tổ dân phố 5', 'Hoa Lư', 'Đông Thành'),
    ];
    expect(uniqueDisplayNames(units)).toEqual([
      'Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư',
      'Tổ dân phố 4 (Đông Thành cũ) · Phường Hoa Lư',
      // unique in its ward: no former ward needed
      'Tổ dân phố 5 · Phường Hoa Lư',
    ]);
    expect(uniqueDisplayNames(units, 'en')[0]).toBe('Tổ dân phố 4 (former Tân Thành) · Phường Hoa Lư');
  });

  it('adds the code when the former ward does not tell them apart', () => {
    const units = [
      group('14323-04', 'Tổ dân phố 4', 'Hoa Lư', 'Tân Thành'),
      group('14323-17', 'Tổ dân phố  4', 'Hoa Lư', 'Tân Thành'),
      group('14329-04', 'Tổ dân phố 4', 'Hoa Lư'),
    ];
    const names = uniqueDisplayNames(units);
    expect(names).toEqual([
      'Tổ dân phố 4 (Tân Thành cũ, 14323-04) · Phường Hoa Lư',
      'Tổ dân phố 4 (Tân Thành cũ, 14323-17) · Phường Hoa Lư',
      'Tổ dân phố 4 (14329-04) · Phường Hoa Lư',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('compares NFC names with blanks collapsed, and nothing more', () => {
    expect(nameKey('Thôn  Đông'.normalize('NFD'))).toBe('Thôn Đông');
    const clashes = nameClashes([
      group('a', 'Thôn Đông'.normalize('NFD'), 'X'),
      group('b', ' Thôn Đông ', 'X'),
      group('c', 'Thôn Dong', 'X'),
    ]);
    // neither has a former parent: only the code tells them apart
    expect(clashes).toEqual(['former', 'former', 'none']);
  });

  it('keeps a ward its own name unless another ward of the same parent has it', () => {
    const w = (code: string, name: string, parent: string): NamedUnit => ({
      code,
      name,
      kind: 'phuong',
      parent: { name: `Thành phố ${parent}`, shortName: parent },
      formerParent: null,
    });
    expect(displayName(w('14320', 'Phường Đông Thành', 'Ninh Bình'), 'none')).toBe('Phường Đông Thành');
    expect(
      uniqueDisplayNames([w('1', 'Phường Tân Thành', 'Ninh Bình'), w('2', 'Phường Tân Thành', 'Ninh Bình')]),
    ).toEqual(['Phường Tân Thành (1) · Thành phố Ninh Bình', 'Phường Tân Thành (2) · Thành phố Ninh Bình']);
  });

  it('never drops a name when a unit has no parent', () => {
    expect(displayName(group('g', 'Tổ dân phố 1', null), 'none')).toBe('Tổ dân phố 1');
    expect(displayName(group('g', 'Tổ dân phố 1', null), 'parent')).toBe('Tổ dân phố 1 (g)');
  });
});
