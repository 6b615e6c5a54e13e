import { beforeEach, describe, expect, it } from 'vitest';
import { fakeWorld, type FakeWorld } from '../../test/fakes/memory.ts';
import { area } from '../../test/fakes/repositories.ts';
import { DEFAULT_EXPORT_SETTINGS, DEFAULT_SECURITY_SETTINGS, SettingsService } from './settings.service.ts';

describe('SettingsService (in-memory repositories, the real unit of work)', () => {
  let w: FakeWorld;
  let clock: number;
  let service: SettingsService;
  let admin: ReturnType<FakeWorld['memory']['ctx']>;
  let wardAdmin: ReturnType<FakeWorld['memory']['ctx']>;

  beforeEach(() => {
    w = fakeWorld();
    clock = 0;
    service = new SettingsService(w.uow, () => clock);
    admin = w.memory.ctx(w.memory.user({ username: 'quantri', role: 'admin' }));
    const ward = area(w.memory, '100', 1).ward;
    wardAdmin = w.memory.ctx(w.memory.user({ username: 'qtphuong', role: 'admin', scope_unit_ids: [ward.id] }));
  });

  it('trims the export lines, audits before/after against the defaults and announces settingsChanged', async () => {
    const saved = await service.setExport(admin, { classification: ' MẬT ', source: 'Công an TP', attribution: '' });
    expect(saved).toEqual({ classification: 'MẬT', source: 'Công an TP', attribution: '' });
    expect(await service.exportSettings()).toEqual(saved);
    expect(w.memory.rows.audit).toEqual([
      expect.objectContaining({
        action: 'settings.export',
        entity_type: 'app_setting',
        entity_id: 'export',
        username: 'quantri',
        before: DEFAULT_EXPORT_SETTINGS,
        after: saved,
      }),
    ]);
    expect(w.published).toEqual([{ type: 'settingsChanged', key: 'export' }]);
  });

  it('an administrator limited to some wards cannot change what everyone gets: refused, nothing written', async () => {
    await expect(service.setSecurity(wardAdmin, { token_max_days: 7 })).rejects.toMatchObject({
      statusCode: 403,
      code: 'auth.whole_area_required',
    });
    expect(await service.security()).toEqual(DEFAULT_SECURITY_SETTINGS);
    expect(w.memory.rows.settings).toEqual({});
    expect(w.memory.rows.audit).toEqual([]);
    expect(w.published).toEqual([]);
  });

  it('keeps the security settings for 30 s, or until it is told they changed', async () => {
    expect(await service.security()).toEqual({ token_max_days: 90 });
    // Changed behind this service's back (another process): the cached value stands for now…
    w.memory.rows.settings.security = { token_max_days: 30 };
    clock = 29_999;
    expect(await service.security()).toEqual({ token_max_days: 90 });
    // …until the event arrives (services.ts wires settingsChanged to forget)…
    service.forget('security');
    expect(await service.security()).toEqual({ token_max_days: 30 });
    // …or the time is up.
    w.memory.rows.settings.security = { token_max_days: 14 };
    clock += 30_000;
    expect(await service.security()).toEqual({ token_max_days: 14 });
  });
});
