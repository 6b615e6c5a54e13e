import { describe, expect, it } from 'vitest';
import { defaultResponsible, fingerprint, fromSaved, itemInputs, metaChanged, nextPriority } from './items.ts';

describe('plan items', () => {
  it('names the ward police as the default responsible unit', () => {
    expect(defaultResponsible('Phường Hoa Lư')).toBe('Công an phường Hoa Lư');
    expect(defaultResponsible('Xã Ninh Nhất')).toBe('Công an xã Ninh Nhất');
    expect(defaultResponsible('Ninh')).toBe('Công an Ninh');
    expect(defaultResponsible(null)).toBe('');
  });

  it('numbers new items after the highest priority in use', () => {
    const drafts = { 1: { priority: 4, rationale: '', responsibleUnit: '', targetDate: '' } };
    expect(nextPriority(drafts, [1, 2])).toBe(5);
    expect(nextPriority({}, [])).toBe(1);
  });

  it('sends trimmed items in selection order, with no date as null and a missing draft numbered by position', () => {
    const drafts = {
      7: {
        priority: 2,
        rationale: '  Ma túy tăng ',
        responsibleUnit: ' Công an phường Hoa Lư ',
        targetDate: '2027-12-31',
      },
      3: { priority: 0, rationale: 'x', responsibleUnit: '', targetDate: '' },
    };
    expect(itemInputs([7, 3, 9], drafts)).toEqual([
      {
        unitId: 7,
        priority: 2,
        rationale: 'Ma túy tăng',
        responsibleUnit: 'Công an phường Hoa Lư',
        targetDate: '2027-12-31',
      },
      { unitId: 3, priority: 2, rationale: 'x', responsibleUnit: '', targetDate: null },
      { unitId: 9, priority: 3, rationale: '', responsibleUnit: '', targetDate: null },
    ]);
  });

  it('reads saved items back in priority order', () => {
    const { selection, drafts } = fromSaved([
      { unitId: 5, priority: 2, rationale: 'b', responsibleUnit: 'B', targetDate: null },
      { unitId: 8, priority: 1, rationale: 'a', responsibleUnit: 'A', targetDate: '2027-06-30' },
      { unitId: 2, priority: 2, rationale: 'c', responsibleUnit: 'C', targetDate: null },
    ]);
    expect(selection).toEqual([8, 5, 2]);
    expect(drafts[8]).toEqual({ priority: 1, rationale: 'a', responsibleUnit: 'A', targetDate: '2027-06-30' });
    expect(drafts[5]!.targetDate).toBe('');
  });

  it('sees a change in the header or the items but not in their order or surrounding spaces', () => {
    const meta = { name: 'Kế hoạch 2027', year: 2027, description: '' };
    const items = itemInputs([1, 2], {});
    const saved = fingerprint(meta, items);
    expect(fingerprint({ ...meta, name: ' Kế hoạch 2027 ' }, [...items].reverse())).toBe(saved);
    expect(fingerprint({ ...meta, year: 2028 }, items)).not.toBe(saved);
    expect(fingerprint(meta, itemInputs([1], {}))).not.toBe(saved);
    expect(metaChanged(meta, { ...meta, description: 'x' })).toBe(true);
    expect(metaChanged(meta, { ...meta, name: 'Kế hoạch 2027 ' })).toBe(false);
  });
});
