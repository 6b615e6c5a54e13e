import { describe, expect, it } from 'vitest';
import { englishPlaceName, placeNames, withoutMarks } from './place.ts';

describe('place names', () => {
  it('writes English names without Vietnamese marks, with the kind in English', () => {
    expect(withoutMarks('Đông Hoa Lư')).toBe('Dong Hoa Lu');
    expect(englishPlaceName({ short_name: 'Ninh Bình', kind: 'thanh_pho' })).toBe('Ninh Binh city');
    expect(englishPlaceName({ short_name: 'Ninh Bình', kind: 'tinh' })).toBe('Ninh Binh province');
    expect(englishPlaceName({ short_name: 'Hoa Lư', kind: 'unknown' })).toBe('Hoa Lu');
  });

  it('takes an administrator’s names over the data’s, each language on its own', () => {
    const data = { name_vi: 'Tỉnh Ninh Bình', name_en: 'Ninh Binh province' };
    expect(placeNames(data, { name_vi: '', name_en: '' })).toEqual(data);
    expect(placeNames(data, { name_vi: 'Công an tỉnh Ninh Bình', name_en: '' })).toEqual({
      name_vi: 'Công an tỉnh Ninh Bình',
      name_en: 'Ninh Binh province',
    });
    expect(placeNames(null, { name_vi: 'Thành phố Hoa Lư', name_en: '' })).toEqual({
      name_vi: 'Thành phố Hoa Lư',
      name_en: 'Thanh pho Hoa Lu',
    });
    expect(placeNames(null, { name_vi: ' ', name_en: '' })).toBeNull();
  });
});
