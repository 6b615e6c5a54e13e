import { describe, expect, it } from 'vitest';
import { addAll, removeAll, sameGroups, summarise, toggle, type GroupInfo } from './selection.ts';

const group = (id: number, patch: Partial<GroupInfo> = {}): GroupInfo => ({
  id,
  code: `G${id}`,
  name: `Tổ ${id}`,
  wardName: 'Phường Bích Đào',
  households: 100,
  categories: [],
  status: null,
  ...patch,
});

describe('selection', () => {
  it('toggles a group in and out, keeping the order of addition', () => {
    expect(toggle([3, 1], 2)).toEqual([3, 1, 2]);
    expect(toggle([3, 1, 2], 1)).toEqual([3, 2]);
  });

  it('adds only the groups not yet selected and says which were new', () => {
    expect(addAll([1, 2], [2, 3, 3, 4])).toEqual({ selection: [1, 2, 3, 4], added: [3, 4] });
    expect(addAll([1], [])).toEqual({ selection: [1], added: [] });
  });

  it('removes several groups', () => {
    expect(removeAll([1, 2, 3, 4], [2, 4, 9])).toEqual([1, 3]);
  });

  it('compares selections as sets', () => {
    expect(sameGroups([1, 2, 3], [3, 1, 2])).toBe(true);
    expect(sameGroups([1, 2], [1, 2, 3])).toBe(false);
    expect(sameGroups([1, 2], [1, 3])).toBe(false);
  });

  it('summarises groups, households, wards and categories', () => {
    const info = new Map<number, GroupInfo>([
      [1, group(1, { households: 120, categories: ['gambling'], status: 'identified' })],
      [
        2,
        group(2, {
          households: 80,
          wardName: 'Phường Đông Thành',
          categories: ['sanitation', 'drugs'],
          status: 'transforming',
        }),
      ],
      [3, group(3, { households: null, wardName: 'Phường Bích Đào' })],
      [4, group(4, { households: 50, wardName: 'Xã Ninh Nhất' })],
    ]);
    expect(summarise([1, 2, 3, 4, 99], info)).toEqual({
      groups: 5,
      households: 250,
      householdsUnknown: 2,
      wards: ['Phường Bích Đào', 'Phường Đông Thành', 'Xã Ninh Nhất'],
      categories: ['drugs', 'gambling', 'sanitation'],
      hotspots: 2,
    });
    expect(summarise([], info)).toEqual({
      groups: 0,
      households: 0,
      householdsUnknown: 0,
      wards: [],
      categories: [],
      hotspots: 0,
    });
  });
});
