import { describe, expect, it } from 'vitest';
import { guideNeeded, setupSteps } from './steps.ts';

const empty = { demo: false, wards: 0, groups: 0, indicators: 0, indicators_with_data: 0, at: '2026-12-03' };

describe('first-run guide steps', () => {
  it('on an empty database only signing in is done, and the guide opens by itself', () => {
    const steps = setupSteps(empty);
    expect(steps.map((s) => [s.key, s.done])).toEqual([
      ['signIn', true],
      ['boundaries', false],
      ['indicators', false],
      ['sheet', false],
      ['map', false],
    ]);
    expect(guideNeeded(empty)).toBe(true);
  });

  it('follows the data: boundaries imported, catalogue present, then a sheet with values', () => {
    const withWards = { ...empty, wards: 129, indicators: 24 };
    expect(
      setupSteps(withWards)
        .filter((s) => s.done)
        .map((s) => s.key),
    ).toEqual(['signIn', 'boundaries', 'indicators']);
    expect(guideNeeded(withWards)).toBe(false);
    const done = setupSteps({ ...withWards, indicators_with_data: 1 });
    expect(done.every((s) => s.done)).toBe(true);
  });

  it('links each step to the page where it is done', () => {
    expect(setupSteps(empty).map((s) => [s.view, s.keys.section ?? null])).toEqual([
      ['account', null],
      ['data', 'boundaries'],
      // The catalogue page adds or picks; the data page gives the template and takes the sheet.
      ['indicators', null],
      ['data', 'indicators'],
      ['map', null],
    ]);
  });
});
