import type { Kysely } from 'kysely';
import { AuditRepository } from '../audit/audit.repository.ts';
import { AuditService } from '../audit/audit.service.ts';
import type { Scope } from '../auth/scope.ts';
import type { DB } from '../db/schema.ts';
import { forbidden } from '../errors.ts';
import type { Req } from '../views/views.service.ts';
import { SettingsRepository } from './settings.repository.ts';
import type { SecuritySettings } from './security-settings.schemas.ts';

export const SECURITY_SETTING = 'security';
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { token_max_days: 90 };
/** Another server process's change is seen within this time; this process's at once. */
const CACHE_MS = 30_000;

/**
 * Settings an administrator sets for everyone's security: for now the longest lifetime of a
 * personal API token (default 90 days). Read often (every token request), so kept for a while.
 */
export class SecuritySettingsService {
  #cached: { value: SecuritySettings; at: number } | null = null;

  constructor(private readonly db: Kysely<DB>) {}

  async get(): Promise<SecuritySettings> {
    if (this.#cached && Date.now() - this.#cached.at < CACHE_MS) return this.#cached.value;
    const value = await read(new SettingsRepository(this.db));
    this.#cached = { value, at: Date.now() };
    return value;
  }

  /** Administrators of the whole area set them (the route checks the role); audited with before and after. */
  async set(request: Pick<Req, 'ip' | 'actor' | 'scope'>, body: SecuritySettings): Promise<SecuritySettings> {
    assertWholeArea(request.scope);
    const next = await this.db.transaction().execute(async (trx) => {
      const repo = new SettingsRepository(trx);
      const before = await read(repo);
      await repo.set(SECURITY_SETTING, body);
      await new AuditService(new AuditRepository(trx)).record(request, {
        action: 'settings.security',
        entity_type: 'app_setting',
        entity_id: SECURITY_SETTING,
        before,
        after: body,
      });
      return body;
    });
    this.#cached = { value: next, at: Date.now() };
    return next;
  }
}

async function read(repo: SettingsRepository): Promise<SecuritySettings> {
  return { ...DEFAULT_SECURITY_SETTINGS, ...(await repo.get<Partial<SecuritySettings>>(SECURITY_SETTING)) };
}

/**
 * Settings and actions that reach the whole area are for administrators of the whole area: an
 * administrator limited to some wards must not change what everyone else gets.
 */
export function assertWholeArea(scope: Scope): void {
  if (!scope.all) {
    throw forbidden(
      'Chỉ quản trị viên toàn địa bàn được làm việc này / only an administrator of the whole area may do this',
      { code: 'auth.whole_area_required' },
    );
  }
}
