import { describe, expect, it } from 'vitest';
import { daysInMonth, formatTyped, parseTyped, stepDate } from './dates.ts';

describe('typed days (dd/mm/yyyy)', () => {
  it('reads the Vietnamese order with any of / - . and without leading zeros, and an ISO day', () => {
    expect(parseTyped('31/12/2027', 'day')).toEqual({ ok: true, value: '2027-12-31' });
    expect(parseTyped(' 1/2/2026 ', 'day')).toEqual({ ok: true, value: '2026-02-01' });
    expect(parseTyped('05-06-2026', 'day')).toEqual({ ok: true, value: '2026-06-05' });
    expect(parseTyped('05.06.2026', 'day')).toEqual({ ok: true, value: '2026-06-05' });
    expect(parseTyped('2026-06-05', 'day')).toEqual({ ok: true, value: '2026-06-05' });
    expect(parseTyped('', 'day')).toEqual({ ok: true, value: '' });
  });

  it('refuses days that do not exist, naming how many the month has (leap years counted)', () => {
    expect(parseTyped('31/02/2026', 'day')).toEqual({
      ok: false,
      problem: { code: 'no_such_day', day: 31, month: 2, year: 2026, days: 28 },
    });
    expect(parseTyped('29/02/2028', 'day')).toEqual({ ok: true, value: '2028-02-29' });
    expect(parseTyped('31/04/2026', 'day')).toMatchObject({ ok: false, problem: { code: 'no_such_day', days: 30 } });
    expect(parseTyped('0/04/2026', 'day')).toMatchObject({ ok: false, problem: { code: 'no_such_day' } });
    expect(parseTyped('12/13/2026', 'day')).toMatchObject({ ok: false, problem: { code: 'no_such_month', month: 13 } });
  });

  it('refuses the US order it cannot read, other shapes, far years and days out of bounds', () => {
    // 12/31/2027 (the browser's US format): month 31 does not exist.
    expect(parseTyped('12/31/2027', 'day')).toMatchObject({ ok: false, problem: { code: 'no_such_month' } });
    expect(parseTyped('31/12/27', 'day')).toEqual({ ok: false, problem: { code: 'shape', mode: 'day' } });
    expect(parseTyped('hôm nay', 'day')).toEqual({ ok: false, problem: { code: 'shape', mode: 'day' } });
    expect(parseTyped('01/01/1800', 'day')).toEqual({ ok: false, problem: { code: 'year_range' } });
    expect(parseTyped('01/01/0226', 'day')).toEqual({ ok: false, problem: { code: 'year_range' } });
    expect(parseTyped('20/08/2129', 'day')).toEqual({ ok: true, value: '2129-08-20' });
    expect(parseTyped('01/01/2026', 'day', { min: '2026-01-02' })).toEqual({
      ok: false,
      problem: { code: 'before_min', min: '2026-01-02' },
    });
    expect(parseTyped('03/01/2026', 'day', { max: '2026-01-02' })).toMatchObject({
      ok: false,
      problem: { code: 'after_max' },
    });
  });

  it('writes ISO days back as dd/mm/yyyy', () => {
    expect(formatTyped('2027-12-31', 'day')).toBe('31/12/2027');
    expect(formatTyped('', 'day')).toBe('');
  });
});

describe('typed months (mm/yyyy)', () => {
  it('reads mm/yyyy and yyyy-mm, and checks the month and bounds', () => {
    expect(parseTyped('12/2025', 'month')).toEqual({ ok: true, value: '2025-12' });
    expect(parseTyped('1-2026', 'month')).toEqual({ ok: true, value: '2026-01' });
    expect(parseTyped('2026-10', 'month')).toEqual({ ok: true, value: '2026-10' });
    expect(parseTyped('13/2025', 'month')).toMatchObject({ ok: false, problem: { code: 'no_such_month', month: 13 } });
    expect(parseTyped('December 2025', 'month')).toEqual({ ok: false, problem: { code: 'shape', mode: 'month' } });
    expect(parseTyped('11/2026', 'month', { max: '2026-10' })).toEqual({
      ok: false,
      problem: { code: 'after_max', max: '2026-10' },
    });
    expect(formatTyped('2025-12', 'month')).toBe('12/2025');
  });

  it('steps by a day or a month across year ends', () => {
    expect(stepDate('2026-12', 'month', 1)).toBe('2027-01');
    expect(stepDate('2026-01', 'month', -1)).toBe('2025-12');
    expect(stepDate('2026-02-28', 'day', 1)).toBe('2026-03-01');
    expect(stepDate('2026-01-01', 'day', -1)).toBe('2025-12-31');
    expect(daysInMonth(2100, 2)).toBe(28);
  });
});
