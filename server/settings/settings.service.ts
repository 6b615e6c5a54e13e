import { assertWholeArea, type RequestContext } from '../auth/context.ts';
import type { UnitOfWork } from '../db/unit-of-work.ts';
import type { SettingsRepository } from './settings.repository.ts';
import type { ExportSettings, PlaceSettings, SecuritySettings } from './settings.schemas.ts';

export interface SettingsStore {
  settings: Pick<SettingsRepository, 'get' | 'set'>;
}

export const SECURITY_SETTING = 'security';
export const EXPORT_SETTING = 'export';
export const PLACE_SETTING = 'place';
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { token_max_days: 90 };
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { classification: '', source: '', attribution: '' };
export const DEFAULT_PLACE_SETTINGS: PlaceSettings = { name_vi: '', name_en: '' };
/** The security settings are read on every token request: kept this long, or until `settingsChanged`. */
const CACHE_MS = 30_000;

/**
 * Settings administrators of the whole area set for everyone: the security settings (the longest
 * lifetime of a personal API token) and the lines every export prints (classification, source,
 * attribution) and the area's name over the one from the data. Each change is audited with before and after and announced as `settingsChanged`.
 */
export class SettingsService {
  #security: { value: SecuritySettings; at: number } | null = null;

  constructor(
    private readonly uow: UnitOfWork<SettingsStore>,
    private readonly now: () => number = Date.now,
  ) {}

  async security(): Promise<SecuritySettings> {
    if (this.#security && this.now() - this.#security.at < CACHE_MS) return this.#security.value;
    const value = await read(this.uow.read, SECURITY_SETTING, DEFAULT_SECURITY_SETTINGS);
    this.#security = { value, at: this.now() };
    return value;
  }

  setSecurity(ctx: RequestContext, body: SecuritySettings): Promise<SecuritySettings> {
    return this.#set(ctx, SECURITY_SETTING, DEFAULT_SECURITY_SETTINGS, body);
  }

  exportSettings(): Promise<ExportSettings> {
    return read(this.uow.read, EXPORT_SETTING, DEFAULT_EXPORT_SETTINGS);
  }

  setExport(ctx: RequestContext, body: ExportSettings): Promise<ExportSettings> {
    return this.#set(ctx, EXPORT_SETTING, DEFAULT_EXPORT_SETTINGS, {
      classification: body.classification.trim(),
      source: body.source.trim(),
      attribution: body.attribution.trim(),
    });
  }

  placeSettings(): Promise<PlaceSettings> {
    return read(this.uow.read, PLACE_SETTING, DEFAULT_PLACE_SETTINGS);
  }

  /** The area's name over the data's; NFC and single spaces, as unit names are stored. */
  setPlace(ctx: RequestContext, body: PlaceSettings): Promise<PlaceSettings> {
    const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
    return this.#set(ctx, PLACE_SETTING, DEFAULT_PLACE_SETTINGS, {
      name_vi: clean(body.name_vi),
      name_en: clean(body.name_en),
    });
  }

  /** A setting changed (here or, with a transport, in another process): read it again next time. */
  forget(key: string): void {
    if (key === SECURITY_SETTING || key === '*') this.#security = null;
  }

  async #set<T extends object>(ctx: RequestContext, key: string, defaults: T, next: T): Promise<T> {
    assertWholeArea(ctx);
    return this.uow.write(ctx, async (tx) => {
      const before = await read(tx.repos, key, defaults);
      await tx.repos.settings.set(key, next);
      await tx.audit({ action: `settings.${key}`, entity_type: 'app_setting', entity_id: key, before, after: next });
      tx.emit({ type: 'settingsChanged', key });
      return next;
    });
  }
}

async function read<T extends object>(repos: SettingsStore, key: string, defaults: T): Promise<T> {
  return { ...defaults, ...(await repos.settings.get<Partial<T>>(key)) };
}
