import { describe, expect, it } from 'vitest';
import { groupInfoFrom } from './groupInfo.ts';

describe('what the page knows about each group', () => {
  const units = [
    {
      id: 20,
      code: '14320-01',
      display_name: 'Tổ dân phố 1 (Đông Thành cũ) · Phường Hoa Lư',
      parent_code: '14329',
      households: 251,
    },
    { id: 21, code: '14320-02', display_name: 'Tổ dân phố 2 · Phường X', parent_code: '99999', households: null },
    { id: 22, code: '14320-03', display_name: 'Tổ dân phố 3', parent_code: null, households: 180 },
  ];
  const wards = new Map([['14329', 'Phường Hoa Lư']]);

  it('names groups by their display name, takes ward names by parent code and hotspots by unit', () => {
    const info = groupInfoFrom(
      units,
      wards,
      [{ unit_id: 20, categories: ['drugs', 'gambling'], status: 'transforming' }],
      [],
    );
    expect(info.get(20)).toEqual({
      id: 20,
      code: '14320-01',
      name: 'Tổ dân phố 1 (Đông Thành cũ) · Phường Hoa Lư',
      wardName: 'Phường Hoa Lư',
      households: 251,
      categories: ['drugs', 'gambling'],
      status: 'transforming',
    });
    expect(info.get(21)).toMatchObject({ wardName: null, households: null, categories: [], status: null });
    expect(info.get(22)!.wardName).toBeNull();
  });

  it("lets the plan's items and the ranking win, and adds the groups only they know", () => {
    const item = {
      unitId: 20,
      code: '14320-01',
      displayName: 'Tổ dân phố 1 · Phường Bích Đào',
      wardName: 'Phường Bích Đào',
      households: 260,
      hotspot: null,
    };
    const candidate = {
      ...item,
      unitId: 99,
      code: '14400-09',
      displayName: 'Thôn Xuân Thành · Xã Ninh Nhất',
      hotspot: { categories: ['sanitation'], status: 'relapsed' },
    };
    const info = groupInfoFrom(
      units,
      wards,
      [{ unit_id: 20, categories: ['drugs'], status: 'identified' }],
      [[item], [candidate]],
    );
    expect(info.get(20)).toMatchObject({
      name: 'Tổ dân phố 1 · Phường Bích Đào',
      wardName: 'Phường Bích Đào',
      households: 260,
      categories: [],
      status: null,
    });
    expect(info.get(99)).toMatchObject({
      name: 'Thôn Xuân Thành · Xã Ninh Nhất',
      categories: ['sanitation'],
      status: 'relapsed',
    });
    expect(info.size).toBe(4);
  });
});
