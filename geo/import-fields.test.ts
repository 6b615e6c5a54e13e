import { describe, expect, it } from 'vitest';
import { findColumn, foldColumn, resolveMapping } from './import-fields.ts';

describe('the default mapping of boundary files', () => {
  it('reads DBF names as stored: parent_code is parent_cod (10 characters)', () => {
    // The columns GDAL writes for our own GeoJSON export as a Shapefile.
    const { mapping, missing } = resolveMapping(['code', 'name', 'kind', 'parent_cod', 'valid_from']);
    expect(missing).toEqual([]);
    expect(mapping).toMatchObject({ code: 'code', name: 'name', kind: 'kind', parent_code: 'parent_cod' });
  });

  it('knows the Vietnamese column names of land-office ward layers', () => {
    const { mapping } = resolveMapping([
      'OBJECTID',
      'MA_XA',
      'TEN_XA',
      'LOAI',
      'MA_HUYEN',
      'MA_TINH',
      'SO_HO',
      'DAN_SO',
    ]);
    expect(mapping).toEqual({
      code: 'MA_XA',
      name: 'TEN_XA',
      kind: 'LOAI',
      parent_code: 'MA_HUYEN',
      short_name: null,
      households: 'SO_HO',
      population: 'DAN_SO',
    });
    // After 2025 there are no districts: the parent of a ward is its province.
    expect(resolveMapping(['ma_xa', 'ten_xa', 'ma_tinh']).mapping.parent_code).toBe('ma_tinh');
  });

  it('in a group layer the group code wins and the ward code is the parent', () => {
    const { mapping } = resolveMapping(['MA_TDP', 'TEN_TDP', 'MA_XA', 'TEN_XA']);
    expect(mapping).toMatchObject({ code: 'MA_TDP', name: 'TEN_TDP', parent_code: 'MA_XA' });
    expect(resolveMapping(['ma', 'ten', 'ma_cha']).mapping).toMatchObject({
      code: 'ma',
      name: 'ten',
      parent_code: 'ma_cha',
    });
  });

  it('reads headers with diacritics and spaces, as a CSV has them', () => {
    expect(foldColumn('Mã đơn vị')).toBe('ma_don_vi');
    const { mapping } = resolveMapping(['Mã', 'Tên', 'Loại', 'Mã cha', 'Số hộ']);
    expect(mapping).toMatchObject({
      code: 'Mã',
      name: 'Tên',
      kind: 'Loại',
      parent_code: 'Mã cha',
      households: 'Số hộ',
    });
  });

  it('finds the column a user named however the file spells it, and says which it cannot find', () => {
    expect(findColumn(['parent_cod'], 'parent_code')).toBe('parent_cod');
    expect(findColumn(['MA_XA'], 'ma_xa')).toBe('MA_XA');
    const { mapping, missing } = resolveMapping(['code', 'name', 'parent_cod'], {
      parent_code: 'parent_code',
      kind: '',
    });
    expect(mapping).toMatchObject({ parent_code: 'parent_cod', kind: null });
    expect(resolveMapping(['code', 'name'], { code: 'MA' }).missing).toEqual([{ field: 'code', column: 'MA' }]);
    expect(missing).toEqual([]);
  });

  it('finds no parent when the file has none', () => {
    expect(resolveMapping(['code', 'name']).mapping.parent_code).toBeNull();
  });
});
