import { describe, expect, it } from 'vitest';
import { dbfNames, UNIT_FIELDS } from './fields.ts';

describe('DBF field names', () => {
  it('cut the unit columns as ogr2ogr does, so the importer reads a downloaded Shapefile back', () => {
    expect(dbfNames(UNIT_FIELDS.map((f) => f.name))).toEqual([
      'code',
      'name',
      'display_nm',
      'kind',
      'parent_cod',
      'parent_nam',
      'households',
      'population',
      'valid_from',
      'valid_to',
      'unit_id',
    ]);
  });

  it('name a value column by its key and YYMM, and tell clashing keys apart by a digit', () => {
    expect(dbfNames(['drug_cases_2017_12', 'drug_count_2017_12', 'drug_cases_2018_01'])).toEqual([
      'drug_c1712',
      'drug11712',
      'drug_c1801',
    ]);
  });

  it('stay within 10 characters and unique ignoring case for 10 indicators × 24 months', () => {
    const keys = [
      'drug_cases',
      'drug_users',
      'drug_sellers',
      'theft_cases',
      'theft_motorbike',
      'gambling_cases',
      'cases_total',
      'coverage_households_safe',
      'coverage_x',
      'Coverage_Y',
    ];
    const months = Array.from(
      { length: 24 },
      (_, i) => `${2016 + Math.floor(i / 12)}_${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const full = [...UNIT_FIELDS.map((f) => f.name), ...keys.flatMap((k) => months.map((m) => `${k}_${m}`))];
    const names = dbfNames(full);
    for (const n of names) expect(n.length, n).toBeLessThanOrEqual(10);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(full.length);
  });
});
