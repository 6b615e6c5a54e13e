import { describe, expect, it } from 'vitest';
import { barScale, breakdownSegments, rationaleText, signed, topDrivers, type Contribution } from './ranking.ts';

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

  it('writes the default rationale in Vietnamese and English', () => {
    const indicators = [
      { key: 'drug_cases', name_vi: 'Vụ việc liên quan ma túy', name_en: 'Drug-related incidents' },
      { key: 'gambling_cases', name_vi: 'Vụ việc cờ bạc', name_en: 'Gambling incidents' },
      { key: 'coverage_households_safe', name_vi: 'Tỷ lệ hộ an toàn', name_en: 'Safe households' },
    ];
    const candidate = {
      rank: 3,
      score: 1.254,
      breakdown: [b('drug_cases', 0.62, 14), b('gambling_cases', 0.31, 6), b('coverage_households_safe', -0.1, null)],
    };
    const context = { scored: 183, method: 'z' as const, from: '2025-11', to: '2026-10' };
    expect(rationaleText(candidate, context, indicators, 'vi')).toBe(
      'Hạng 3/183 (điểm 1,25, z-score, 11/2025–10/2026); yếu tố chính: Vụ việc liên quan ma túy 14 (+0,62), Vụ việc cờ bạc 6 (+0,31)',
    );
    expect(rationaleText(candidate, { ...context, method: 'rank' }, indicators, 'en')).toBe(
      'Rank 3/183 (score 1.25, percentile rank, 11/2025–10/2026); main drivers: Drug-related incidents 14 (+0.62), Gambling incidents 6 (+0.31)',
    );
    expect(rationaleText({ ...candidate, breakdown: [] }, context, indicators, 'vi')).toBe(
      'Hạng 3/183 (điểm 1,25, z-score, 11/2025–10/2026)',
    );
  });
});
