import { describe, expect, it } from 'vitest';
import {
  barScale,
  breakdownSegments,
  formatLevel,
  formatRaw,
  levelClass,
  levelWords,
  rationaleText,
  signed,
  topDrivers,
  type Contribution,
} from './ranking.ts';

const b = (key: string, contribution: number, raw: number | null = 1): Contribution => ({
  key,
  raw,
  normalised: contribution * 2,
  contribution,
});

describe('breakdown bar', () => {
  it('stacks positive contributions right of the middle and negative ones left, in indicator order', () => {
    const segments = breakdownSegments([b('drugs', 0.5), b('gambling', -0.25), b('sanitation', 0.25)], 1, [
      'gambling',
      'drugs',
      'sanitation',
    ]);
    expect(segments).toEqual([
      { key: 'gambling', left: 37.5, width: 12.5, contribution: -0.25 },
      { key: 'drugs', left: 50, width: 25, contribution: 0.5 },
      { key: 'sanitation', left: 75, width: 12.5, contribution: 0.25 },
    ]);
  });

  it('leaves out zero contributions and draws nothing without a scale', () => {
    expect(breakdownSegments([b('drugs', 0), b('gambling', 1)], 2)).toEqual([
      { key: 'gambling', left: 50, width: 25, contribution: 1 },
    ]);
    expect(breakdownSegments([b('drugs', 1)], 0)).toEqual([]);
  });

  it('scales by the largest one-sided total so that rows compare', () => {
    expect(barScale([{ breakdown: [b('a', 0.5), b('b', 0.7)] }, { breakdown: [b('a', -1.5), b('b', 0.2)] }])).toBe(1.5);
    expect(barScale([])).toBe(0);
  });
});

describe('why this group', () => {
  it('names the indicators pushing the score up, largest first', () => {
    expect(topDrivers([b('a', 0.1), b('b', -0.4), b('c', 0.6), b('d', 0.3)], 2).map((d) => d.key)).toEqual(['c', 'd']);
    expect(topDrivers([b('a', -0.1)])).toEqual([]);
  });

  it('writes signed numbers with a real minus sign', () => {
    expect(signed(0.625, 'vi')).toBe('+0,63');
    expect(signed(-0.3, 'en')).toBe('−0.3');
    expect(signed(0, 'vi')).toBe('0');
  });

  it('writes the default rationale in plain Vietnamese and English: rank with its direction, level out of 100, band, values with units', () => {
    const indicators = [
      {
        key: 'drug_cases',
        name_vi: 'Vụ việc liên quan ma túy',
        name_en: 'Drug-related incidents',
        kind: 'count',
        scale: null,
        unit_vi: 'vụ',
        unit_en: 'cases',
      },
      { key: 'gambling_cases', name_vi: 'Vụ việc cờ bạc', name_en: 'Gambling incidents' },
      {
        key: 'coverage_households_safe',
        name_vi: 'Tỷ lệ hộ an toàn',
        name_en: 'Safe households',
        kind: 'ratio',
        scale: 100,
        unit_vi: '%',
        unit_en: '%',
      },
    ];
    const candidate = {
      rank: 3,
      level: 97.8,
      breakdown: [
        { ...b('drug_cases', 0.62, 14), level: 96.7 },
        { ...b('gambling_cases', 0.31, 6), level: 88 },
        { ...b('coverage_households_safe', 0.2, 0.9412), level: 71.2 },
      ],
    };
    const context = { scored: 183, method: 'z' as const, from: '2025-11', to: '2026-10' };
    const vi = rationaleText(candidate, context, indicators, 'vi');
    expect(vi).toBe(
      'Hạng 3/183 (1 = cần quan tâm nhất), mức cần quan tâm 98/100, nhóm 5 % cần quan tâm nhất (11/2025–10/2026, chuẩn hóa so với mức trung bình các tổ); ' +
        'yếu tố chính: Vụ việc liên quan ma túy 14 vụ (mức 97/100), Vụ việc cờ bạc 6 (mức 88/100), Tỷ lệ hộ an toàn 94,1% (mức 71/100)',
    );
    // No English method name slips into the Vietnamese sentence.
    expect(vi).not.toMatch(/z-score|score/i);
    expect(rationaleText(candidate, { ...context, method: 'rank' }, indicators, 'en')).toBe(
      'Rank 3/183 (1 = needs attention most), attention level 98/100, top 5 % needing attention (11/2025–10/2026, normalised by rank among the groups); ' +
        'main drivers: Drug-related incidents 14 cases (level 97/100), Gambling incidents 6 (level 88/100), Safe households 94.1% (level 71/100)',
    );
    expect(rationaleText({ ...candidate, level: 30, breakdown: [] }, context, indicators, 'vi')).toBe(
      'Hạng 3/183 (1 = cần quan tâm nhất), mức cần quan tâm 30/100, nửa ít cần quan tâm hơn (11/2025–10/2026, chuẩn hóa so với mức trung bình các tổ)',
    );
  });

  it('writes a ratio as the map does (percent, one decimal) and a count with its unit', () => {
    const coverage = { key: 'c', name_vi: '', name_en: '', kind: 'ratio', scale: 100, unit_vi: '%', unit_en: '%' };
    expect(formatRaw(0.941, coverage, 'vi')).toBe('94,1%');
    expect(formatRaw(0.9, coverage, 'en')).toBe('90%');
    expect(formatRaw(null, coverage, 'vi')).toBe('không có số liệu');
  });
});

describe('attention level words', () => {
  it('says the band from the level and the level as a whole number', () => {
    expect(levelWords(100, 'vi')).toBe('nhóm 1 % cần quan tâm nhất');
    expect(levelWords(96, 'vi')).toBe('nhóm 5 % cần quan tâm nhất');
    expect(levelWords(90, 'en')).toBe('top 10 % needing attention');
    expect(levelWords(50, 'vi')).toBe('nhóm 50 % cần quan tâm nhất');
    expect(levelWords(49.9, 'vi')).toBe('nửa ít cần quan tâm hơn');
    expect(formatLevel(97.5, 'vi')).toBe('98');
  });

  it('puts a level in one of five fixed map bands, 100 in the top one', () => {
    expect([0, 19.9, 20, 59, 80, 100].map(levelClass)).toEqual([0, 0, 1, 2, 4, 4]);
  });
});
