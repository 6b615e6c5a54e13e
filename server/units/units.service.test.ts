import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { UnitsService } from './units.service.ts';

describe('UnitsService.update (in-memory repositories)', () => {
  let w: FakeWorld;
  let service: UnitsService;
  let mine: ReturnType<typeof area>;
  let other: ReturnType<typeof area>;
  let editor: ReturnType<FakeWorld['memory']['ctx']>;

  beforeEach(() => {
    w = fakeWorld();
    service = new UnitsService(w.uow);
    mine = area(w.memory, '100', 2);
    other = area(w.memory, '200', 1);
    editor = w.memory.ctx(w.memory.user({ username: 'bientap', role: 'editor', scope_unit_ids: [mine.ward.id] }));
  });

  it('cleans names (NFC, single spaces), refreshes the search text, audits before/after and announces unitsChanged', async () => {
    const group = mine.groups[0]!;
    const decomposed = '  Tổ   dân phố  Số 1 '.normalize('NFD');
    const after = await service.update(editor, group.id, { name: decomposed, households: 250 });
    expect(after).toMatchObject({ id: group.id, name: 'Tổ dân phố Số 1', households: 250 });
    expect(after.name).toBe(after.name.normalize('NFC'));
    expect(w.memory.rows.units.find((u) => u.id === group.id)!.search_text).toBe('to dan pho so 1 100-1');
    const [row] = w.memory.rows.audit;
    expect(row).toMatchObject({ action: 'unit.update', entity_type: 'unit', entity_id: String(group.id) });
    expect(row!.before).toMatchObject({ name: 'Tổ 1', households: 100 });
    expect(row!.after).toEqual(after);
    expect(w.published).toEqual([{ type: 'unitsChanged', unitIds: [group.id] }]);
  });

  it('writes nothing and tells no one when nothing changes', async () => {
    const group = mine.groups[1]!;
    await service.update(editor, group.id, { name: group.name });
    expect(w.memory.rows.audit).toEqual([]);
    expect(w.published).toEqual([]);
  });

  it('refuses an empty patch, blank or formula-like names, and units outside the scope as absent', async () => {
    const id = mine.groups[0]!.id;
    await expect(service.update(editor, id, {})).rejects.toMatchObject({
      statusCode: 400,
      code: 'params.nothing_to_change',
    });
    for (const name of ['   ', '=HYPERLINK("x")', '+84', '@SUM(A1)']) {
      await expect(service.update(editor, id, { name })).rejects.toMatchObject({
        code: 'unit.invalid_name',
        field: 'name',
      });
    }
    await expect(service.update(editor, id, { short_name: '-1' })).rejects.toMatchObject({ field: 'short_name' });
    await expect(service.update(editor, other.groups[0]!.id, { households: 1 })).rejects.toMatchObject({
      statusCode: 404,
      code: 'unit.not_found',
      params: { id: other.groups[0]!.id },
    });
    expect(w.memory.rows.units.find((u) => u.id === other.groups[0]!.id)!.households).toBe(100);
    expect(w.published).toEqual([]);
  });
});
