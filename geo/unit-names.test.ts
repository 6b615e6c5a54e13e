import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo/index.ts';
import {
  displayName,
  nameClashes,
  nameKey,
  nameWithinParent,
  uniqueDisplayNames,
  type NamedUnit,
} from './unit-names.ts';

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

  it("tells apart the demo's groups of Phường Hoa Lư after the 2025-07-01 merger", () => {
    // The demo's own register: groups keep their code and name, their parent link moves to the new ward.
    const demo = generateDemo();
    const byKey = new Map(demo.units.map((u) => [u.key, u]));
    const on = (from: string, to: string | null, day: string) => from <= day && (to === null || to > day);
    const parentOn = (key: string, day: string) =>
      demo.parentLinks.find((l) => l.childKey === key && on(l.validFrom, l.validTo, day));
    const ward = (key: string) => ({ name: byKey.get(key)!.name, shortName: byKey.get(key)!.shortName });
    const day = '2025-08-01';
    const units = demo.units
      .filter((u) => on(u.validFrom, u.validTo, day) && (u.kind === 'to_dan_pho' || u.kind === 'thon'))
      .map((u) => {
        const link = parentOn(u.key, day)!;
        const before = demo.parentLinks.find((l) => l.childKey === u.key && l.validTo === link.validFrom);
        return {
          code: u.code,
          name: u.name,
          kind: u.kind,
          parent: ward(link.parentKey),
          formerParent: before ? ward(before.parentKey) : null,
        } satisfies NamedUnit;
      });
    const names = uniqueDisplayNames(units);
    const fours = names.filter(
      (n, i) => units[i]!.name === 'Tổ dân phố 4' && units[i]!.parent.name === 'Phường Hoa Lư',
    );
    // Several 2017 wards had a "Tổ dân phố 4"; all moved into Hoa Lư, each told apart by its former ward.
    expect(fours.length).toBeGreaterThanOrEqual(2);
    expect(fours).toContain('Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư');
    expect(fours).toContain('Tổ dân phố 4 (Đông Thành cũ) · Phường Hoa Lư');
    expect(new Set(fours).size).toBe(fours.length);
    // Every group of the merged city has a name of its own.
    expect(new Set(names).size).toBe(names.length);
    // Before the merger the same groups are named with their own ward only.
    const old = demo.units.find((u) => u.code === '14323-04')!;
    expect(
      displayName(
        {
          code: old.code,
          name: old.name,
          kind: old.kind,
          parent: ward(parentOn(old.key, '2017-12-31')!.parentKey),
          formerParent: null,
        },
        'none',
      ),
    ).toBe('Tổ dân phố 4 · Phường Tân Thành');
  });

  it('leaves out the parent inside its own context, keeping what tells groups apart', () => {
    expect(nameWithinParent('Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư', 'Phường Hoa Lư')).toBe(
      'Tổ dân phố 4 (Tân Thành cũ)',
    );
    expect(nameWithinParent('Tổ dân phố 4 · Phường Tân Thành', 'Phường Hoa Lư')).toBe(
      'Tổ dân phố 4 · Phường Tân Thành',
    );
    expect(nameWithinParent('Phường Bích Đào', null)).toBe('Phường Bích Đào');
  });
});
