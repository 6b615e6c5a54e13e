import * as turf from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { generateDemo } from './index.ts';
import type { DemoUnit } from './types.ts';

const demo = generateDemo();
const byKey = new Map(demo.units.map((u) => [u.key, u]));
const unit = (key: string): DemoUnit => {
  const u = byKey.get(key);
  if (!u) throw new Error(`missing unit ${key}`);
  return u;
};

// The brief's list: Thành phố Ninh Bình in 2017 and where each ward went on 2025-07-01.
const WARDS_2017: [code: string, name: string, successor: string][] = [
  ['14320', 'Phường Đông Thành', '14329'],
  ['14323', 'Phường Tân Thành', '14329'],
  ['14326', 'Phường Thanh Bình', '14329'],
  ['14329', 'Phường Vân Giang', '14329'],
  ['14332', 'Phường Bích Đào', '14329'],
  ['14335', 'Phường Phúc Thành', '14329'],
  ['14338', 'Phường Nam Bình', '14329'],
  ['14341', 'Phường Nam Thành', '14329'],
  ['14344', 'Phường Ninh Khánh', '14329'],
  ['14347', 'Xã Ninh Nhất', '14329'],
  ['14350', 'Xã Ninh Tiến', '14329'],
  ['14353', 'Xã Ninh Phúc', '14566'],
  ['14356', 'Phường Ninh Sơn', '14359'],
  ['14359', 'Phường Ninh Phong', '14359'],
];
const SUCCESSORS: [code: string, name: string][] = [
  ['14329', 'Phường Hoa Lư'],
  ['14359', 'Phường Nam Hoa Lư'],
  ['14566', 'Phường Đông Hoa Lư'],
];

const groups = demo.units.filter((u) => u.key.startsWith('g:'));
const wardOf = (g: DemoUnit): string => g.code.slice(0, 5);
const successorOf = (wardCode: string): string => WARDS_2017.find((w) => w[0] === wardCode)?.[2] ?? '';

describe('demo unit register', () => {
  it('has the province, the city, 14 + 3 wards and 183 groups, with unique keys', () => {
    expect(demo.units).toHaveLength(1 + 1 + 14 + 3 + 183);
    expect(new Set(demo.units.map((u) => u.key)).size).toBe(demo.units.length);
    expect(groups).toHaveLength(183);
  });

  it('names the province and the city', () => {
    expect(unit('p:37')).toMatchObject({
      code: '37',
      name: 'Tỉnh Ninh Bình',
      kind: 'tinh',
      validFrom: '2015-01-01',
      validTo: null,
    });
    expect(unit('c:369')).toMatchObject({
      code: '369',
      name: 'Thành phố Ninh Bình',
      kind: 'thanh_pho',
      validFrom: '2015-01-01',
      validTo: '2025-07-01',
    });
  });

  it('lists the 14 wards of 2017 with their real codes and names', () => {
    const wards = demo.units.filter((u) => u.key.endsWith(':2017'));
    expect(wards.map((w) => [w.code, w.name])).toEqual(WARDS_2017.map(([c, n]) => [c, n]));
    for (const [code, name] of WARDS_2017) {
      const w = unit(`w:${code}:2017`);
      const isCommune = name.startsWith('Xã ');
      expect(w.kind).toBe(isCommune ? 'xa' : 'phuong');
      expect(w.shortName).toBe(name.replace(/^(Phường|Xã) /, ''));
      expect(w.validFrom).toBe('2015-01-01');
      expect(w.validTo).toBe('2025-07-01');
    }
  });

  it('lists the 3 successor wards of 2025, reusing codes 14329 and 14359', () => {
    for (const [code, name] of SUCCESSORS) {
      expect(unit(`w:${code}:2025`)).toMatchObject({
        code,
        name,
        shortName: name.replace('Phường ', ''),
        kind: 'phuong',
        validFrom: '2025-07-01',
        validTo: null,
      });
    }
    expect(unit('w:14329:2017').name).toBe('Phường Vân Giang');
    expect(unit('w:14329:2025').name).toBe('Phường Hoa Lư');
  });

  it('writes every name in NFC with Vietnamese diacritics', () => {
    for (const u of demo.units) {
      expect(u.name.normalize('NFC')).toBe(u.name);
      expect(u.shortName.normalize('NFC')).toBe(u.shortName);
      expect(u.name.endsWith(u.shortName) || u.kind === 'to_dan_pho').toBe(true);
    }
    expect(unit('w:14332:2017').name).toBe('Phường B\u00edch \u0110\u00e0o');
  });

  it('codes and names residential groups by ward', () => {
    for (const [wardCode, wardName] of WARDS_2017) {
      const members = groups.filter((g) => wardOf(g) === wardCode);
      expect(members.length).toBeGreaterThanOrEqual(6);
      expect(members.map((g) => g.code)).toEqual(
        members.map((_, i) => `${wardCode}-${String(i + 1).padStart(2, '0')}`),
      );
      expect(new Set(members.map((g) => g.name)).size).toBe(members.length);
      members.forEach((g, i) => {
        expect(g.key).toBe(`g:${g.code}`);
        expect(g.validFrom).toBe('2015-01-01');
        expect(g.validTo).toBeNull();
        if (wardName.startsWith('Xã ')) {
          expect(g.kind).toBe('thon');
          expect(g.name).toMatch(/^Thôn \S/);
          expect(g.shortName).toBe(g.name.slice('Thôn '.length));
        } else {
          expect(g.kind).toBe('to_dan_pho');
          expect(g.name).toBe(`Tổ dân phố ${i + 1}`);
          expect(g.shortName).toBe(`Tổ ${i + 1}`);
        }
      });
    }
  });

  it('puts more groups where more households live', () => {
    const perWard = WARDS_2017.map(([code]) => ({
      groups: groups.filter((g) => wardOf(g) === code).length,
      households: unit(`w:${code}:2017`).households ?? 0,
    }));
    // Rank correlation between households and group count is clearly positive.
    const rank = (xs: number[]): number[] =>
      xs.map((x) => xs.filter((y) => y < x).length + (xs.filter((y) => y === x).length - 1) / 2);
    const a = rank(perWard.map((w) => w.households));
    const b = rank(perWard.map((w) => w.groups));
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const [ma, mb] = [mean(a), mean(b)];
    const cov = a.reduce((s, x, i) => s + (x - ma) * ((b[i] ?? 0) - mb), 0);
    const sd = Math.sqrt(a.reduce((s, x) => s + (x - ma) ** 2, 0) * b.reduce((s, x) => s + (x - mb) ** 2, 0));
    expect(cov / sd).toBeGreaterThan(0.7);
  });

  it('links units to their parents for the right periods', () => {
    const expected = [
      { childKey: 'c:369', parentKey: 'p:37', validFrom: '2015-01-01', validTo: null },
      ...WARDS_2017.map(([c]) => ({
        childKey: `w:${c}:2017`,
        parentKey: 'c:369',
        validFrom: '2015-01-01',
        validTo: '2025-07-01',
      })),
      ...SUCCESSORS.map(([c]) => ({
        childKey: `w:${c}:2025`,
        parentKey: 'p:37',
        validFrom: '2025-07-01',
        validTo: null,
      })),
      ...groups.flatMap((g) => [
        { childKey: g.key, parentKey: `w:${wardOf(g)}:2017`, validFrom: '2015-01-01', validTo: '2025-07-01' },
        { childKey: g.key, parentKey: `w:${successorOf(wardOf(g))}:2025`, validFrom: '2025-07-01', validTo: null },
      ]),
    ];
    const sortKey = (l: { childKey: string; parentKey: string }): string => `${l.childKey}>${l.parentKey}`;
    expect([...demo.parentLinks].sort((x, y) => sortKey(x).localeCompare(sortKey(y)))).toEqual(
      expected.sort((x, y) => sortKey(x).localeCompare(sortKey(y))),
    );
    for (const l of demo.parentLinks) {
      expect(byKey.has(l.childKey)).toBe(true);
      expect(byKey.has(l.parentKey)).toBe(true);
    }
  });

  it('counts households and population bottom-up from the end-2017 group counts', () => {
    const at2017 = new Map(
      demo.observations
        .filter((o) => o.indicator === 'households' && o.period === '2017-12')
        .map((o) => [o.unitKey, o.value]),
    );
    let total = 0;
    let people = 0;
    for (const g of groups) {
      const h = g.households ?? -1;
      expect(h).toBe(at2017.get(g.key));
      expect(h).toBeGreaterThanOrEqual(100);
      expect(h).toBeLessThanOrEqual(350);
      expect(g.population ?? 0).toBeGreaterThanOrEqual(Math.floor(3.6 * h));
      expect(g.population ?? 0).toBeLessThanOrEqual(Math.ceil(3.9 * h));
      total += h;
      people += g.population ?? 0;
    }
    const meanPerGroup = total / groups.length;
    expect(meanPerGroup).toBeGreaterThanOrEqual(150);
    expect(meanPerGroup).toBeLessThanOrEqual(300);
    for (const [code] of WARDS_2017) {
      const members = groups.filter((g) => wardOf(g) === code);
      expect(unit(`w:${code}:2017`).households).toBe(members.reduce((s, g) => s + (g.households ?? 0), 0));
      expect(unit(`w:${code}:2017`).population).toBe(members.reduce((s, g) => s + (g.population ?? 0), 0));
    }
    for (const [code] of SUCCESSORS) {
      const members = groups.filter((g) => successorOf(wardOf(g)) === code);
      expect(unit(`w:${code}:2025`).households).toBe(members.reduce((s, g) => s + (g.households ?? 0), 0));
    }
    expect(unit('c:369').households).toBe(total);
    expect(unit('p:37').households).toBe(total);
    expect(unit('c:369').population).toBe(people);
    expect(total).toBeGreaterThanOrEqual(36_000);
    expect(total).toBeLessThanOrEqual(40_000);
  });

  it('has a crosswalk in both directions with area and household shares', () => {
    expect(demo.crosswalk).toHaveLength(2 * 14);
    const june2025 = new Map<string, number>();
    for (const o of demo.observations) {
      if (o.indicator === 'households' && o.period === '2025-06') june2025.set(o.unitKey, o.value);
    }
    const households = (pick: (g: DemoUnit) => boolean): number =>
      groups.filter(pick).reduce((s, g) => s + (june2025.get(g.key) ?? 0), 0);
    const area = (key: string): number => turf.area(turf.feature(unit(key).geometry));
    for (const [code, , successor] of WARDS_2017) {
      const oldKey = `w:${code}:2017`;
      const newKey = `w:${successor}:2025`;
      expect(demo.crosswalk.find((c) => c.fromKey === oldKey && c.toKey === newKey)).toEqual({
        fromKey: oldKey,
        toKey: newKey,
        areaShare: 1,
        householdShare: 1,
      });
      const back = demo.crosswalk.find((c) => c.fromKey === newKey && c.toKey === oldKey);
      expect(back?.areaShare).toBeCloseTo(area(oldKey) / area(newKey), 9);
      expect(back?.householdShare).toBeCloseTo(
        households((g) => wardOf(g) === code) / households((g) => successorOf(wardOf(g)) === successor),
        12,
      );
    }
    for (const [code] of SUCCESSORS) {
      const rows = demo.crosswalk.filter((c) => c.fromKey === `w:${code}:2025`);
      expect(rows.reduce((s, r) => s + r.areaShare, 0)).toBeCloseTo(1, 6);
      expect(rows.reduce((s, r) => s + (r.householdShare ?? 0), 0)).toBeCloseTo(1, 12);
    }
    expect(demo.crosswalk.filter((c) => c.fromKey === 'w:14566:2025')).toEqual([
      { fromKey: 'w:14566:2025', toKey: 'w:14353:2017', areaShare: 1, householdShare: 1 },
    ]);
  });
});
