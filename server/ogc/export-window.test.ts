import { describe, expect, it } from 'vitest';
import { ExportWindow, listingKey } from './export-window.ts';

describe('OGC export audit window', () => {
  it('records a listing once per window, whatever its paging', () => {
    let t = 0;
    const w = new ExportWindow(1000, 100, () => t);
    const first = listingKey(7, 'groups', { datetime: '2017-12-31', limit: 10 });
    const page2 = listingKey(7, 'groups', { datetime: '2017-12-31', limit: 10, after: '123' });
    expect(page2).toBe(first);
    expect(w.shouldRecord(first)).toBe(true);
    expect(w.shouldRecord(first)).toBe(false);
    t = 999;
    expect(w.shouldRecord(first)).toBe(false);
    t = 2000;
    expect(w.shouldRecord(first)).toBe(true);
  });

  it('tells apart users, collections and queries', () => {
    const w = new ExportWindow(1000, 100, () => 0);
    expect(w.shouldRecord(listingKey(7, 'groups', { bbox: '1,2,3,4' }))).toBe(true);
    expect(w.shouldRecord(listingKey(8, 'groups', { bbox: '1,2,3,4' }))).toBe(true);
    expect(w.shouldRecord(listingKey(7, 'wards', { bbox: '1,2,3,4' }))).toBe(true);
    expect(w.shouldRecord(listingKey(7, 'groups', { bbox: '1,2,3,5' }))).toBe(true);
    expect(w.shouldRecord(listingKey(7, 'groups', { bbox: '1,2,3,4', indicator: 'drug_cases' }))).toBe(true);
  });

  it('stays bounded, forgetting the oldest first', () => {
    const w = new ExportWindow(1000, 2, () => 0);
    expect(w.shouldRecord('a')).toBe(true);
    expect(w.shouldRecord('b')).toBe(true);
    expect(w.shouldRecord('c')).toBe(true);
    expect(w.shouldRecord('a')).toBe(true);
    expect(w.shouldRecord('c')).toBe(false);
  });
});
