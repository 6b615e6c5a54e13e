import { describe, expect, it } from 'vitest';
import { titleAt } from './slideTitle.ts';

describe('titleAt', () => {
  it('keeps the title while the saved period shows', () => {
    expect(titleAt('Ma túy năm 2017', '2017', '2017', 'vi')).toBe('Ma túy năm 2017');
  });

  it('names the period shown instead of the saved one', () => {
    expect(titleAt('Ma túy năm 2017', '2017', '2021', 'vi')).toBe('Ma túy năm 2021');
    expect(titleAt('Án hình sự quý 4/2017', '2017-Q4', '2018-Q1', 'vi')).toBe('Án hình sự quý 1/2018');
    expect(titleAt('Tỷ lệ hộ an toàn tháng 12/2017', '2017-12', '2018-01', 'vi')).toBe('Tỷ lệ hộ an toàn tháng 1/2018');
  });

  it('finds the period however it was written: a bare year, "12/2017", in English', () => {
    expect(titleAt('Ma túy 2017 theo phường', '2017', '2019', 'vi')).toBe('Ma túy năm 2019 theo phường');
    expect(titleAt('Hộ an toàn 12/2017', '2017-12', '2018-03', 'vi')).toBe('Hộ an toàn tháng 3/2018');
    expect(titleAt('Drug cases 2017', '2017', '2020', 'en')).toBe('Drug cases 2020');
  });

  it('does not take a number inside another for the period', () => {
    // "20170" is not the year 2017: the title does not name its period, so the shown one is added.
    expect(titleAt('Kế hoạch 20170', '2017', '2018', 'vi')).toBe('Kế hoạch 20170 · năm 2018');
  });

  it('adds the period shown to a title that does not name one', () => {
    expect(titleAt('Ma túy theo tổ', '2017', '2018', 'vi')).toBe('Ma túy theo tổ · năm 2018');
  });
});
