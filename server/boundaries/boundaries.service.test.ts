import { describe, expect, it } from 'vitest';
import { versionsOf } from './boundaries.service.ts';

describe('versionsOf', () => {
  it('makes one version per change day with units, each with the changes counted on its first day', () => {
    const days = [
      { day: '2025-07-01', units: 3 },
      { day: '2015-01-01', units: 14 },
      { day: '2026-01-01', units: 129 },
    ];
    const list = versionsOf(days, [
      { day: '2015-01-01', what: 'opened', n: 14 },
      { day: '2025-07-01', what: 'opened', n: 3 },
      { day: '2025-07-01', what: 'closed', n: 14 },
      { day: '2025-07-01', what: 'merged', n: 2 },
      { day: '2026-01-01', what: 'new', n: 126 },
    ]);
    expect(list.map((v) => [v.valid_from, v.valid_to, v.units])).toEqual([
      ['2015-01-01', '2025-07-01', 14],
      ['2025-07-01', '2026-01-01', 3],
      ['2026-01-01', null, 129],
    ]);
    // The first version has nothing before it; the others name what changed (zero where nothing did).
    expect(list[0]!.changed_from_previous).toBeNull();
    expect(list[1]!.changed_from_previous).toMatchObject({ opened: 3, closed: 14, merged: 2, new: 0, relinked: 0 });
    expect(list[2]!.changed_from_previous).toMatchObject({ new: 126, opened: 0 });
  });

  it('a day that leaves no unit ends a version without starting one; nothing, no version', () => {
    const list = versionsOf(
      [
        { day: '2015-01-01', units: 1 },
        { day: '2020-01-01', units: 0 },
        { day: '2022-01-01', units: 2 },
      ],
      [],
    );
    expect(list.map((v) => [v.valid_from, v.valid_to])).toEqual([
      ['2015-01-01', '2020-01-01'],
      ['2022-01-01', null],
    ]);
    expect(versionsOf([], [])).toEqual([]);
  });
});
