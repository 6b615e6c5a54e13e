import type { Kysely } from 'kysely';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { DB } from '../db/schema.ts';
import { assertWholeArea } from '../settings/security-settings.service.ts';
import { SettingsRepository } from '../settings/settings.repository.ts';
import type { Req } from '../views/views.service.ts';
import type { ExportSettings } from './briefings.schemas.ts';

export const EXPORT_SETTING = 'export';
export const DEFAULT_EXPORT_SETTINGS: ExportSettings = { classification: '', source: '', attribution: '' };

/** The lines every export prints (security classification, data source, attribution). */
export class ExportSettingsService {
  constructor(private readonly db: Kysely<DB>) {}

  get(): Promise<ExportSettings> {
    return read(new SettingsRepository(this.db));
  }

  /** Administrators set them (the route checks the role); audited with before and after. */
  async set(request: Pick<Req, 'ip' | 'actor' | 'scope'>, body: ExportSettings): Promise<ExportSettings> {
    assertWholeArea(request.scope);
    const next: ExportSettings = {
      classification: body.classification.trim(),
      source: body.source.trim(),
      attribution: body.attribution.trim(),
    };
    return this.db.transaction().execute(async (trx) => {
      const repo = new SettingsRepository(trx);
      const before = await read(repo);
      await repo.set(EXPORT_SETTING, next);
      await new AuditService(new AuditRepository(trx)).record(request, {
        action: 'settings.export',
        entity_type: 'app_setting',
        entity_id: EXPORT_SETTING,
        before,
        after: next,
      });
      return next;
    });
  }
}

async function read(repo: SettingsRepository): Promise<ExportSettings> {
  const stored = await repo.get<Partial<ExportSettings>>(EXPORT_SETTING);
  return { ...DEFAULT_EXPORT_SETTINGS, ...stored };
}
