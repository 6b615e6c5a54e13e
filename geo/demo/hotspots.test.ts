import { describe, expect, it } from 'vitest';
import { HOTSPOT_CATEGORIES, HOTSPOT_STATUSES } from '../units.ts';
import { statusOn } from './hotspots.ts';
import { generateDemo } from './index.ts';

const demo = generateDemo();
const groupKeys = new Set(demo.units.filter((u) => u.key.startsWith('g:')).map((u) => u.key));
const wardOf = (groupKey: string): string => groupKey.slice(2, 7);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VIETNAMESE = /[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]/i;

// Which status may follow which, by the domain model.
const NEXT: Record<string, string[]> = {
  identified: ['transforming'],
  transforming: ['transformed'],
  transformed: ['relapsed'],
  relapsed: ['transforming'],
};

describe('demo hotspots', () => {
  it('flags 23 distinct residential groups spread over at least 8 wards', () => {
    expect(demo.hotspots).toHaveLength(23);
    const keys = demo.hotspots.map((h) => h.groupKey);
    expect(new Set(keys).size).toBe(23);
    for (const k of keys) expect(groupKeys.has(k)).toBe(true);
    expect(new Set(keys.map(wardOf)).size).toBeGreaterThanOrEqual(8);
  });

  it('prefers the dense central wards', () => {
    const core = new Set(['14320', '14323', '14326', '14329', '14335', '14338', '14341']);
    const groupsInCore = [...groupKeys].filter((k) => core.has(wardOf(k))).length / groupKeys.size;
    const hotspotsInCore = demo.hotspots.filter((h) => core.has(wardOf(h.groupKey))).length / demo.hotspots.length;
    expect(hotspotsInCore).toBeGreaterThan(groupsInCore);
  });

  it('gives each hotspot one to three categories, and uses every category', () => {
    for (const h of demo.hotspots) {
      expect(h.categories.length).toBeGreaterThanOrEqual(1);
      expect(h.categories.length).toBeLessThanOrEqual(3);
      expect(new Set(h.categories).size).toBe(h.categories.length);
      for (const c of h.categories) expect(HOTSPOT_CATEGORIES).toContain(c);
    }
    for (const c of HOTSPOT_CATEGORIES) expect(demo.hotspots.some((h) => h.categories.includes(c))).toBe(true);
  });

  it('designates them in early 2017 with a target date and Vietnamese notes', () => {
    for (const h of demo.hotspots) {
      expect(h.designatedOn).toMatch(DATE);
      expect(h.designatedOn >= '2017-01-15' && h.designatedOn <= '2017-03-31').toBe(true);
      expect(h.targetDate).toMatch(DATE);
      expect((h.targetDate ?? '') > h.designatedOn).toBe(true);
      expect(h.note).toMatch(VIETNAMESE);
      expect(h.note.normalize('NFC')).toBe(h.note);
      for (const e of h.history) {
        expect(e.note).toMatch(VIETNAMESE);
        expect(e.note.normalize('NFC')).toBe(e.note);
      }
    }
  });

  it('keeps a consistent status history', () => {
    for (const h of demo.hotspots) {
      const [first, second] = h.history;
      expect(first).toMatchObject({ status: 'identified', date: h.designatedOn });
      expect(second?.status).toBe('transforming');
      expect(second?.date.startsWith('2017-')).toBe(true);
      h.history.forEach((e, i) => {
        expect(HOTSPOT_STATUSES).toContain(e.status);
        expect(e.date).toMatch(DATE);
        const prev = h.history[i - 1];
        if (prev) {
          expect(e.date > prev.date).toBe(true);
          expect(NEXT[prev.status]).toContain(e.status);
        }
      });
    }
  });

  it('transforms most in 2018–2020, sees a few relapse and a couple still transforming in 2026', () => {
    const firstTransformed = demo.hotspots.map((h) => h.history.find((e) => e.status === 'transformed')?.date ?? '');
    const in2018to2020 = firstTransformed.filter((d) => d >= '2018-01-01' && d <= '2020-12-31').length;
    expect(in2018to2020).toBeGreaterThanOrEqual(16);
    const relapsed = demo.hotspots.filter((h) => h.history.some((e) => e.status === 'relapsed'));
    expect(relapsed.length).toBeGreaterThanOrEqual(3);
    expect(relapsed.length).toBeLessThanOrEqual(4);
    expect(relapsed.some((h) => h.history.at(-1)?.status === 'transformed')).toBe(true);
    const stillTransforming = demo.hotspots.filter((h) => statusOn(h, '2026-10-31') === 'transforming').length;
    expect(stillTransforming).toBeGreaterThanOrEqual(1);
    expect(stillTransforming).toBeLessThanOrEqual(3);
    for (const h of demo.hotspots) for (const e of h.history) expect(e.date <= '2026-10-31').toBe(true);
  });

  it('reads the status in force on a date', () => {
    const h = demo.hotspots[0];
    if (!h) throw new Error('no hotspot');
    expect(statusOn(h, '2016-12-31')).toBeNull();
    expect(statusOn(h, h.designatedOn)).toBe('identified');
    const t = h.history[1];
    expect(statusOn(h, t?.date ?? '')).toBe('transforming');
  });
});
