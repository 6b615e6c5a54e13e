import { describe, expect, it } from 'vitest';
import type { BoundaryVersion } from '../api/types.ts';
import { boundaryDateFor, changeAt, changeParts, hotspotListDate, periodEnd, versionOn } from './versions.ts';

const change = {
  opened: 0,
  closed: 0,
  merged: 0,
  merged_from: 0,
  redrawn: 0,
  split: 0,
  new: 0,
  retired: 0,
  relinked: 0,
};
const v = (valid_from: string, valid_to: string | null, units: number, first = false): BoundaryVersion => ({
  valid_from,
  valid_to,
  units,
  changed_from_previous: first ? null : change,
});
// The demo's two ward versions and a third imported from 2026-01-01.
const THREE = [v('2015-01-01', '2025-07-01', 14, true), v('2025-07-01', '2026-01-01', 3), v('2026-01-01', null, 129)];

describe('boundary versions', () => {
  it('ends a month, quarter or year on its last day', () => {
    expect(periodEnd('2024-02')).toBe('2024-02-29');
    expect(periodEnd('2025-Q2')).toBe('2025-06-30');
    expect(periodEnd('2025')).toBe('2025-12-31');
  });

  it('draws a period with the version valid at its end, for any number of versions', () => {
    expect(boundaryDateFor(THREE, '2017-12')).toBe('2015-01-01');
    expect(boundaryDateFor(THREE, '2025-06')).toBe('2015-01-01');
    expect(boundaryDateFor(THREE, '2025-07')).toBe('2025-07-01');
    // A quarter or a year ending after the change is drawn with the new boundaries.
    expect(boundaryDateFor(THREE, '2025-Q3')).toBe('2025-07-01');
    expect(boundaryDateFor(THREE, '2025-12')).toBe('2025-07-01');
    expect(boundaryDateFor(THREE, '2025')).toBe('2025-07-01');
    expect(boundaryDateFor(THREE, '2026-01')).toBe('2026-01-01');
    expect(boundaryDateFor(THREE, '2026-02')).toBe('2026-01-01');
    expect(boundaryDateFor(THREE, '2026')).toBe('2026-01-01');
    // Before the first version: the first; a version starting mid-month counts from that month's end.
    expect(boundaryDateFor(THREE, '2010-05')).toBe('2015-01-01');
    expect(boundaryDateFor([v('2015-01-01', '2020-03-15', 5, true), v('2020-03-15', null, 6)], '2020-03')).toBe(
      '2020-03-15',
    );
    // No version known: the period's end, so the server answers what is valid then.
    expect(boundaryDateFor([], '2026-02')).toBe('2026-02-28');
  });

  it('finds the version of a day, the one before a gap', () => {
    const gap = [v('2015-01-01', '2016-01-01', 2, true), v('2018-01-01', null, 3)];
    expect(versionOn(gap, '2017-06-01')?.valid_from).toBe('2015-01-01');
    expect(versionOn(gap, '2018-01-01')?.valid_from).toBe('2018-01-01');
    expect(versionOn([], '2018-01-01')).toBeNull();
  });

  it('lists the hotspots of a past version on its last day, of the current one today', () => {
    expect(hotspotListDate(THREE, '2015-01-01', '2026-11-27')).toBe('2025-06-30');
    expect(hotspotListDate(THREE, '2025-07-01', '2026-11-27')).toBe('2025-12-31');
    expect(hotspotListDate(THREE, '2026-01-01', '2026-11-27')).toBe('2026-11-27');
    // A version that ends after today is still today's.
    expect(hotspotListDate(THREE, '2025-07-01', '2025-09-10')).toBe('2025-09-10');
  });

  it('names the change only where a version follows another', () => {
    expect(changeAt(THREE, '2026-01-01')?.units).toBe(129);
    expect(changeAt(THREE, '2015-01-01')).toBeNull();
    expect(changeAt(THREE, '2017-12-31')).toBeNull();
  });
});

describe('changeParts', () => {
  it('lists what happened at a version, in a fixed order, nothing for the first', () => {
    const c = { ...change, merged: 2, merged_from: 13, redrawn: 1, opened: 3, closed: 14 };
    expect(changeParts(c)).toEqual([
      { kind: 'merged', n: 2, from: 13 },
      { kind: 'redrawn', n: 1, from: 13 },
    ]);
    expect(changeParts(null)).toEqual([]);
  });
});
