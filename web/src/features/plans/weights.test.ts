import { describe, expect, it } from 'vitest';
import { cleanWeight, DEFAULT_WEIGHTS, formatWeights, knownWeights, parseWeights, weightShares } from './weights.ts';

describe('weights', () => {
  it('parses the query form, dropping malformed and non-positive pairs', () => {
    expect(parseWeights('drug_cases:2,gambling_cases:1.5')).toEqual({ drug_cases: 2, gambling_cases: 1.5 });
    expect(parseWeights('drug_cases:0,a:b,:3,Bad-Key:2,x:1:2,sanitation_complaints:1')).toEqual({
      sanitation_complaints: 1,
    });
    expect(parseWeights(' drug_cases : 2 ')).toEqual({});
    expect(parseWeights('drug_cases:2,drug_cases:4')).toEqual({ drug_cases: 4 });
    expect(parseWeights('')).toEqual({});
    expect(parseWeights(null)).toEqual({});
  });

  it('reads a decimal comma in a typed weight (not in the query, where a comma separates pairs) and caps weights', () => {
    expect(parseWeights('drug_cases:1,5')).toEqual({ drug_cases: 1 });
    expect(cleanWeight('1,5')).toBe(1.5);
    expect(cleanWeight(25)).toBe(10);
    expect(cleanWeight(-1)).toBe(0);
    expect(cleanWeight('abc')).toBe(0);
    expect(cleanWeight(1.234)).toBe(1.23);
  });

  it('formats only weights above zero, in the given order, round-tripping through parse', () => {
    const w = { gambling_cases: 1, drug_cases: 2.5, sanitation_complaints: 0 };
    expect(formatWeights(w, ['drug_cases', 'gambling_cases', 'sanitation_complaints'])).toBe(
      'drug_cases:2.5,gambling_cases:1',
    );
    expect(parseWeights(formatWeights(DEFAULT_WEIGHTS))).toEqual(DEFAULT_WEIGHTS);
    expect(formatWeights({ drug_cases: 0 })).toBe('');
    // The server's pattern for the weights parameter.
    expect(formatWeights(DEFAULT_WEIGHTS)).toMatch(/^[a-z0-9_]+:[0-9]+(\.[0-9]+)?(,[a-z0-9_]+:[0-9]+(\.[0-9]+)?)*$/);
  });

  it('keeps only the indicators that can be scored', () => {
    expect(knownWeights({ drug_cases: 2, old_key: 3, gambling_cases: 0 }, ['drug_cases', 'gambling_cases'])).toEqual({
      drug_cases: 2,
    });
  });

  it('gives each weight its share of the total', () => {
    expect(weightShares({ a: 3, b: 1, c: 0 })).toEqual({ a: 0.75, b: 0.25 });
  });
});
