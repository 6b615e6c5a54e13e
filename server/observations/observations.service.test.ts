import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { IndicatorsService } from '../indicators/indicators.service.ts';
import { ObservationsService } from './observations.service.ts';

describe('ObservationsService.set (in-memory repositories, the real catalogue)', () => {
  let w: FakeWorld;
  let service: ObservationsService;
  let mine: ReturnType<typeof area>;
  let editor: ReturnType<FakeWorld['memory']['ctx']>;

  beforeEach(() => {
    w = fakeWorld();
    service = new ObservationsService(w.uow, new IndicatorsService(w.uow));
    mine = area(w.memory, '100', 1);
    editor = w.memory.ctx(w.memory.user({ username: 'bientap', role: 'editor', scope_unit_ids: [mine.ward.id] }));
  });

  const group = () => mine.groups[0]!.id;

  it('sets a count, audits before/after and announces valuesChanged; the same value again is no change', async () => {
    const first = await service.set(editor, { indicator: 'drug_cases', unit_id: group(), period: '2017-03', value: 4 });
    expect(first).toEqual({
      indicator: 'drug_cases',
      unit_id: group(),
      period: '2017-03',
      value: 4,
      before: null,
      changed: true,
    });
    const second = await service.set(editor, {
      indicator: 'drug_cases',
      unit_id: group(),
      period: '2017-03',
      value: 5,
    });
    expect(second).toMatchObject({ before: 4, changed: true });
    const again = await service.set(editor, { indicator: 'drug_cases', unit_id: group(), period: '2017-03', value: 5 });
    expect(again).toMatchObject({ before: 5, changed: false });
    expect(w.memory.rows.audit.map((a) => [a.entity_id, a.before, a.after])).toEqual([
      [`drug_cases:${group()}:2017-03`, null, { value: 4 }],
      [`drug_cases:${group()}:2017-03`, { value: 4, demo: false }, { value: 5 }],
    ]);
    expect(w.published).toEqual([
      { type: 'valuesChanged', indicators: ['drug_cases'] },
      { type: 'valuesChanged', indicators: ['drug_cases'] },
    ]);
  });

  it('refuses what does not fit the indicator: ratios, months out of range, kinds, levels', async () => {
    const unit_id = group();
    const set = (indicator: string, value: number, period = '2017-03', id = unit_id) =>
      service.set(editor, { indicator, unit_id: id, period, value });
    await expect(set('nope', 1)).rejects.toMatchObject({ code: 'indicator.unknown', field: 'indicator' });
    await expect(set('cases_solved_rate', 0.5)).rejects.toMatchObject({ code: 'observation.ratio_computed' });
    await expect(set('drug_cases', 1, '1999-12')).rejects.toMatchObject({ code: 'observation.period_out_of_range' });
    await expect(set('drug_cases', 1.5)).rejects.toMatchObject({ code: 'observation.not_count', field: 'value' });
    await expect(set('drug_cases', -1)).rejects.toMatchObject({ code: 'observation.not_count' });
    await expect(set('drug_cases', 1, '2017-03', mine.ward.id)).rejects.toMatchObject({
      code: 'observation.wrong_level',
      params: { entry_level: 'group', kind: 'phuong' },
    });
    await expect(set('drug_cases', 1, '2017-03', 99_999)).rejects.toMatchObject({
      statusCode: 404,
      code: 'unit.not_found',
    });
    expect(w.memory.rows.observations).toEqual([]);
    expect(w.published).toEqual([]);
  });

  it("keeps a ratio's parts consistent: the numerator never above the denominator of the same month", async () => {
    const unit_id = mine.ward.id; // cases are entered per ward
    await service.set(editor, { indicator: 'cases_total', unit_id, period: '2017-03', value: 10 });
    await expect(
      service.set(editor, { indicator: 'cases_solved', unit_id, period: '2017-03', value: 11 }),
    ).rejects.toMatchObject({ code: 'observation.numerator_exceeds', params: { denominator_value: 10 } });
    await service.set(editor, { indicator: 'cases_solved', unit_id, period: '2017-03', value: 9 });
    await expect(
      service.set(editor, { indicator: 'cases_total', unit_id, period: '2017-03', value: 8 }),
    ).rejects.toMatchObject({ code: 'observation.denominator_below', params: { numerator_value: 9 } });
    // Another month is another pair.
    await service.set(editor, { indicator: 'cases_solved', unit_id, period: '2017-04', value: 50 });
  });
});
