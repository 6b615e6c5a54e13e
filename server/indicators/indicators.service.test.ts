import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { ObservationsService } from '../observations/observations.service.ts';
import type { CreateIndicatorBody } from './indicators.schemas.ts';
import { IndicatorsService } from './indicators.service.ts';

/** A count an office reports that the seed catalogue lacks. */
const thefts: CreateIndicatorBody = {
  key: 'thefts',
  name_vi: ' Vụ trộm cắp tài sản ',
  name_en: 'Thefts',
  unit_vi: 'vụ',
  unit_en: 'cases',
  kind: 'count',
  time_rule: 'sum',
  spatial_rule: 'sum',
  polarity: 'higher_worse',
  levels: ['city', 'ward', 'group'],
  entry_level: 'group',
  theme: 'crime',
  source: 'Công an phường (báo cáo tháng)',
};

describe('IndicatorsService (in-memory repositories, the real unit of work)', () => {
  let w: FakeWorld;
  let service: IndicatorsService;
  let admin: ReturnType<FakeWorld['memory']['ctx']>;
  let wardAdmin: ReturnType<FakeWorld['memory']['ctx']>;
  let mine: ReturnType<typeof area>;

  beforeEach(() => {
    w = fakeWorld();
    service = new IndicatorsService(w.uow);
    // Wired as services.ts wires it: the event is how the cache learns of writes.
    w.events.on('indicatorsChanged', () => service.forget());
    w.events.on('valuesChanged', () => service.forget());
    mine = area(w.memory, '100', 2);
    admin = w.memory.ctx(w.memory.user({ username: 'quantri', role: 'admin' }));
    wardAdmin = w.memory.ctx(w.memory.user({ username: 'qtphuong', role: 'admin', scope_unit_ids: [mine.ward.id] }));
  });

  const codeOf = async (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: { statusCode: number; code: string; field?: string }) => `${e.statusCode} ${e.code} ${e.field ?? ''}`.trim(),
    );

  it('adds an indicator: trimmed, levels in catalogue order, audited, announced, and read by the next list', async () => {
    const before = (await service.list()).length; // cached now
    const row = await service.create(admin, thefts);
    expect(row).toMatchObject({
      key: 'thefts',
      name_vi: 'Vụ trộm cắp tài sản',
      levels: ['group', 'ward', 'city'],
      description_vi: '',
      has_data: false,
      retired_at: null,
    });
    // The cache was forgotten through the event, not by the write itself.
    expect(w.published).toEqual([{ type: 'indicatorsChanged', keys: ['thefts'] }]);
    expect((await service.list()).map((i) => i.key)).toHaveLength(before + 1);
    expect((await service.list()).at(-1)!.key).toBe('thefts');
    expect(w.memory.rows.audit).toEqual([
      expect.objectContaining({
        action: 'indicator.create',
        entity_type: 'indicator',
        entity_id: 'thefts',
        username: 'quantri',
        after: expect.objectContaining({ key: 'thefts', name_vi: 'Vụ trộm cắp tài sản' }),
      }),
    ]);
  });

  it('refuses, naming the field, what would break aggregation or a rate — and writes nothing', async () => {
    const cases: [Partial<CreateIndicatorBody>, string][] = [
      [{ key: 'households' }, '409 indicator.key_taken key'],
      [{ name_vi: 'SỐ HỘ GIA ĐÌNH' }, '409 indicator.name_taken name_vi'], // same name as "households", folded
      [{ name_en: '  ' }, '400 params.blank name_en'],
      [{ levels: ['ward', 'city'], entry_level: 'group' }, '400 indicator.entry_not_in_levels entry_level'],
      [{ levels: ['group', 'ward'], entry_level: 'ward' }, '400 indicator.level_below_entry levels'],
      [{ spatial_rule: 'ratio' }, '400 indicator.rule_for_kind spatial_rule'],
      [{ kind: 'percent', time_rule: 'last' }, '400 indicator.not_summable levels'],
      [{ kind: 'percent', levels: ['group'], time_rule: 'sum' }, '400 indicator.rule_for_kind time_rule'],
      [{ scale: 100 }, '400 indicator.scale_only_for_ratio scale'],
      [{ numerator_key: 'households' }, '400 indicator.parts_only_for_ratio numerator_key'],
    ];
    for (const [over, expected] of cases) {
      expect(await codeOf(service.create(admin, { ...thefts, ...over })), JSON.stringify(over)).toBe(expected);
    }
    expect(w.memory.rows.indicators.some((i) => i.key === 'thefts')).toBe(false);
    expect(w.memory.rows.audit).toEqual([]);
    expect(w.published).toEqual([]);
  });

  it("checks a rate's parts: they exist, are counts in use, differ, and reach the rate's levels", async () => {
    const rate: CreateIndicatorBody = {
      ...thefts,
      key: 'thefts_solved_rate',
      name_vi: 'Tỷ lệ vụ trộm được làm rõ',
      kind: 'ratio',
      spatial_rule: 'ratio',
      numerator_key: 'cases_solved',
      denominator_key: 'thefts',
      levels: ['ward', 'city'],
      entry_level: 'ward',
      unit_vi: '%',
      unit_en: '%',
      scale: 100,
    };
    expect(await codeOf(service.create(admin, rate))).toBe('400 indicator.ratio_part_unknown denominator_key');
    await service.create(admin, thefts);
    expect(await codeOf(service.create(admin, { ...rate, numerator_key: null }))).toBe(
      '400 indicator.ratio_parts_required numerator_key',
    );
    expect(await codeOf(service.create(admin, { ...rate, numerator_key: 'thefts' }))).toBe(
      '400 indicator.ratio_parts_same denominator_key',
    );
    expect(await codeOf(service.create(admin, { ...rate, numerator_key: 'coverage_households_safe' }))).toBe(
      '400 indicator.ratio_part_not_count numerator_key',
    );
    // cases_solved is entered per ward: the rate cannot be shown per group.
    expect(
      await codeOf(service.create(admin, { ...rate, levels: ['group', 'ward', 'city'], entry_level: 'group' })),
    ).toBe('400 indicator.ratio_level_not_in_part levels');
    const made = await service.create(admin, rate);
    expect(made).toMatchObject({ kind: 'ratio', numerator_key: 'cases_solved', denominator_key: 'thefts', scale: 100 });
    // A part of a rate in use is neither retired nor deleted, nor narrowed below the rate's levels.
    expect(await codeOf(service.setRetired(admin, 'thefts', true))).toBe('409 indicator.in_use key');
    expect(await codeOf(service.delete(admin, 'thefts'))).toBe('409 indicator.in_use key');
    expect(await codeOf(service.update(admin, 'thefts', { levels: ['city'], entry_level: 'group' }))).toBe(
      '400 indicator.entry_not_in_levels entry_level',
    );
  });

  it('an indicator with values: kind and entry level fixed, deletion refused (retire instead); retired takes no new values', async () => {
    await service.create(admin, thefts);
    const observations = new ObservationsService(w.uow, service);
    const group = mine.groups[0]!.id;
    await observations.set(admin, { indicator: 'thefts', unit_id: group, period: '2024-03', value: 3 });
    expect((await service.get('thefts')).has_data).toBe(true); // valuesChanged forgot the cache
    expect((await service.get('thefts')).first_period).toBe('2024-03');

    expect(await codeOf(service.update(admin, 'thefts', { kind: 'boolean' }))).toBe('409 indicator.has_data kind');
    expect(await codeOf(service.delete(admin, 'thefts'))).toBe('409 indicator.has_data key');
    // What does not change the stored values' meaning may still change.
    const edited = await service.update(admin, 'thefts', { name_en: 'Property thefts', polarity: 'neutral' });
    expect(edited).toMatchObject({ name_en: 'Property thefts', polarity: 'neutral' });
    expect(w.memory.rows.audit.at(-1)).toMatchObject({
      action: 'indicator.update',
      before: { name_en: 'Thefts', polarity: 'higher_worse' },
      after: { name_en: 'Property thefts', polarity: 'neutral' },
    });
    expect(await codeOf(service.update(admin, 'thefts', { name_en: 'Property thefts' }))).toBe(
      '400 params.nothing_to_change',
    );

    const retired = await service.setRetired(admin, 'thefts', true);
    expect(retired.retired_at).toEqual(expect.any(String));
    // Old values stay readable; new ones are refused by name.
    expect((await service.get('thefts')).key).toBe('thefts');
    expect(
      await codeOf(observations.set(admin, { indicator: 'thefts', unit_id: group, period: '2024-04', value: 1 })),
    ).toBe('400 indicator.retired indicator');
    expect(w.memory.rows.observations.filter((o) => o.indicator === 'thefts')).toHaveLength(1);

    const restored = await service.setRetired(admin, 'thefts', false);
    expect(restored.retired_at).toBeNull();
    expect(w.memory.rows.audit.map((a) => a.action).slice(-2)).toEqual(['indicator.retire', 'indicator.restore']);
  });

  it('deletes an indicator without values, audited with what it was; unknown keys are 404', async () => {
    await service.create(admin, thefts);
    await service.delete(admin, 'thefts');
    expect(w.memory.rows.indicators.some((i) => i.key === 'thefts')).toBe(false);
    expect(w.memory.rows.audit.at(-1)).toMatchObject({
      action: 'indicator.delete',
      entity_id: 'thefts',
      before: expect.objectContaining({ name_vi: 'Vụ trộm cắp tài sản' }),
    });
    await expect(service.get('thefts')).rejects.toMatchObject({ code: 'indicator.unknown' });
    expect(await codeOf(service.delete(admin, 'thefts'))).toBe('404 indicator.not_found key');
  });

  it('a saved view showing an indicator keeps it from being deleted', async () => {
    await service.create(admin, thefts);
    w.memory.rows.views.push({
      id: w.memory.nextId(),
      owner_id: null,
      title: 'Trộm cắp',
      note: '',
      state: { indicator: 'thefts', period: '2024-03' },
      position: 0,
      scope_unit_ids: [],
      created_at: w.memory.now(),
      updated_at: w.memory.now(),
    });
    await expect(service.delete(admin, 'thefts')).rejects.toMatchObject({
      statusCode: 409,
      code: 'indicator.in_use',
      params: expect.objectContaining({ views: 1, ratios: [] }),
    });
  });

  it('an administrator limited to some wards cannot change the catalogue everyone uses', async () => {
    expect(await codeOf(service.create(wardAdmin, thefts))).toBe('403 auth.whole_area_required');
    expect(await codeOf(service.setRetired(wardAdmin, 'banners', true))).toBe('403 auth.whole_area_required');
    expect(await codeOf(service.delete(wardAdmin, 'banners'))).toBe('403 auth.whole_area_required');
    expect(w.memory.rows.audit).toEqual([]);
  });
});
