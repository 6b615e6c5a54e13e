import { describe, expect, it } from 'vitest';
import { catalogueProblems, catalogueRow } from './catalogue-rules.ts';
import { INDICATORS } from './catalogue.ts';

const seed = INDICATORS.map((d) => ({ ...catalogueRow(d), retired_at: null }));

describe('catalogue rules', () => {
  it('the seed catalogue keeps its own rules (a new database starts sound)', () => {
    for (const d of seed) expect(catalogueProblems(d, seed), d.key).toEqual([]);
  });

  it('a rate on a retired part, or with a part missing, is named by the field', () => {
    const rate = seed.find((d) => d.key === 'coverage_households_safe')!;
    const retiredParts = seed.map((d) => (d.key === 'households' ? { ...d, retired_at: '2026-12-01T00:00:00Z' } : d));
    expect(catalogueProblems(rate, retiredParts).map((p) => [p.field, p.code])).toEqual([
      ['denominator_key', 'indicator.ratio_part_retired'],
    ]);
    expect(catalogueProblems({ ...rate, denominator_key: null }, seed).map((p) => [p.field, p.code])).toEqual([
      ['denominator_key', 'indicator.ratio_parts_required'],
    ]);
  });

  it('a bad key and blank names are reported together, each with its field', () => {
    const d = { ...seed[0]!, key: 'Số_hộ', name_vi: ' ', unit_en: '' };
    expect(catalogueProblems(d, seed).map((p) => p.field)).toEqual(['key', 'name_vi', 'unit_en']);
  });
});
