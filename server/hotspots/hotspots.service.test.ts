import { beforeEach, describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../geo/periods.ts';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { HotspotsService } from './hotspots.service.ts';

describe('HotspotsService (in-memory repositories)', () => {
  let w: FakeWorld;
  let service: HotspotsService;
  let mine: ReturnType<typeof area>;
  let other: ReturnType<typeof area>;
  let editor: ReturnType<FakeWorld['memory']['ctx']>;

  beforeEach(() => {
    w = fakeWorld();
    service = new HotspotsService(w.uow);
    mine = area(w.memory, '100', 3);
    other = area(w.memory, '200', 2);
    // An editor scoped to ward 100: its groups are in scope, ward 200's are not.
    editor = w.memory.ctx(w.memory.user({ username: 'bientap', role: 'editor', scope_unit_ids: [mine.ward.id] }));
  });

  it('designates a group: identified on that day, audited, and announced once committed', async () => {
    const group = mine.groups[0]!;
    const h = await service.designate(editor, {
      unit_id: group.id,
      categories: ['drugs', 'gambling', 'drugs'],
      designated_on: '2017-03-01',
      target_date: '2018-01-01',
      note: 'chợ đêm',
    });
    expect(h).toMatchObject({ unit_id: group.id, categories: ['drugs', 'gambling'], target_date: '2018-01-01' });
    expect(h.history).toEqual([{ status: 'identified', changed_on: '2017-03-01', note: 'chợ đêm' }]);
    expect(w.memory.rows.audit).toEqual([
      expect.objectContaining({
        action: 'hotspot.create',
        entity_id: String(h.id),
        user_id: editor.actor!.id,
        after: h,
      }),
    ]);
    expect(w.published).toEqual([{ type: 'hotspotsChanged', hotspotIds: [h.id] }]);
  });

  it('refuses wards, units of other times, a second designation and groups outside the scope (as absent)', async () => {
    const base = { categories: ['drugs'] as const, designated_on: '2017-03-01' };
    await expect(
      service.designate(editor, { ...base, categories: ['drugs'], unit_id: mine.ward.id }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'unit.wrong_kind',
      field: 'unit_id',
    });
    const late = w.memory.unit({
      code: '100-9',
      kind: 'to_dan_pho',
      parent_id: mine.ward.id,
      valid_from: '2020-01-01',
    });
    // The scope was resolved before the unit existed: give the editor a fresh one.
    editor = w.memory.ctx({ ...editor.actor!, scope_unit_ids: [mine.ward.id] });
    await expect(service.designate(editor, { ...base, categories: ['drugs'], unit_id: late.id })).rejects.toMatchObject(
      {
        code: 'unit.not_valid_on',
        field: 'designated_on',
      },
    );
    const outside = await service
      .designate(editor, { ...base, categories: ['drugs'], unit_id: other.groups[0]!.id })
      .catch((e) => e);
    const absent = await service.designate(editor, { ...base, categories: ['drugs'], unit_id: 99_999 }).catch((e) => e);
    expect(outside).toMatchObject({ statusCode: 404, code: 'unit.not_found' });
    expect(outside.message).toBe(absent.message.replaceAll('99999', String(other.groups[0]!.id)));
    const first = await service.designate(editor, { ...base, categories: ['drugs'], unit_id: mine.groups[1]!.id });
    await expect(
      service.designate(editor, { ...base, categories: ['gambling'], unit_id: mine.groups[1]!.id }),
    ).rejects.toMatchObject({ statusCode: 409, code: 'hotspot.already', params: { hotspot_id: first.id } });
    // Only the one that succeeded was written, audited and announced.
    expect(w.memory.rows.hotspots).toHaveLength(1);
    expect(w.memory.rows.audit).toHaveLength(1);
    expect(w.published).toHaveLength(1);
  });

  it('refuses dates in the future and target dates before the designation', async () => {
    const tomorrow = new Date(Date.parse(todayInVietnam()) + 2 * 86400_000).toISOString().slice(0, 10);
    const unit_id = mine.groups[0]!.id;
    await expect(
      service.designate(editor, { unit_id, categories: ['drugs'], designated_on: tomorrow }),
    ).rejects.toMatchObject({ code: 'params.date_in_future', field: 'designated_on' });
    await expect(
      service.designate(editor, {
        unit_id,
        categories: ['drugs'],
        designated_on: '2017-03-01',
        target_date: '2017-03-01',
      }),
    ).rejects.toMatchObject({ code: 'hotspot.target_before_designation' });
  });

  it('follows the status rules: identified → transforming → transformed → relapsed, never backwards in time', async () => {
    const h = await service.designate(editor, {
      unit_id: mine.groups[0]!.id,
      categories: ['drugs'],
      designated_on: '2017-03-01',
    });
    await expect(
      service.changeStatus(editor, h.id, { status: 'relapsed', changed_on: '2017-05-01' }),
    ).rejects.toMatchObject({
      statusCode: 409,
      code: 'hotspot.transition_not_allowed',
      params: { from: 'identified' },
    });
    await expect(
      service.changeStatus(editor, h.id, { status: 'transforming', changed_on: '2017-02-01' }),
    ).rejects.toMatchObject({ code: 'hotspot.before_designation' });
    await service.changeStatus(editor, h.id, { status: 'transforming', changed_on: '2017-06-01' });
    await expect(
      service.changeStatus(editor, h.id, { status: 'transformed', changed_on: '2017-05-01' }),
    ).rejects.toMatchObject({ code: 'hotspot.before_last_change', params: { last: '2017-06-01' } });
    const done = await service.changeStatus(editor, h.id, { status: 'transformed', changed_on: '2017-12-01' });
    expect(done.history.map((s) => s.status)).toEqual(['identified', 'transforming', 'transformed']);
    const audit = w.memory.rows.audit.filter((a) => a.action === 'hotspot.status');
    expect(audit.map((a) => (a.after as typeof done).history.length)).toEqual([2, 3]);
    expect((audit[1]!.before as typeof done).history).toHaveLength(2);
  });

  it('edits attributes, audits only a real change, and hides hotspots outside the scope', async () => {
    const h = await service.designate(editor, {
      unit_id: mine.groups[0]!.id,
      categories: ['drugs'],
      designated_on: '2017-03-01',
    });
    await expect(service.update(editor, h.id, {})).rejects.toMatchObject({ code: 'params.nothing_to_change' });
    const same = await service.update(editor, h.id, { note: '' });
    expect(same.note).toBe('');
    expect(w.memory.rows.audit.map((a) => a.action)).toEqual(['hotspot.create']);
    const edited = await service.update(editor, h.id, { categories: ['sanitation'], target_date: null, note: 'x' });
    expect(edited).toMatchObject({ categories: ['sanitation'], note: 'x' });
    expect(w.published.map((e) => e.type)).toEqual(['hotspotsChanged', 'hotspotsChanged']);

    const cityEditor = w.memory.ctx(w.memory.user({ username: 'thanhpho', role: 'editor' }));
    const theirs = await service.designate(cityEditor, {
      unit_id: other.groups[0]!.id,
      categories: ['gambling'],
      designated_on: '2017-01-01',
    });
    await expect(service.update(editor, theirs.id, { note: 'y' })).rejects.toMatchObject({
      statusCode: 404,
      code: 'hotspot.not_found',
      params: { id: theirs.id },
    });
  });
});
