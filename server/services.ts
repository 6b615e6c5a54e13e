import { AuditRepository } from './audit/audit.repository.ts';
import { AuditService } from './audit/audit.service.ts';
import { RefusalAudit } from './audit/refusals.ts';
import { AuthRepository } from './auth/auth.repository.ts';
import { AuthService } from './auth/auth.service.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import { LoginThrottleRepository } from './auth/login-throttle.repository.ts';
import type { BasemapService } from './basemap/basemap.service.ts';
import { BoundariesService } from './boundaries/boundaries.service.ts';
import { CrosswalkRepository } from './boundaries/crosswalk.repository.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import { HealthRepository } from './health/health.repository.ts';
import { HotspotsRepository } from './hotspots/hotspots.repository.ts';
import { IndicatorsRepository } from './indicators/indicators.repository.ts';
import { IndicatorsService } from './indicators/indicators.service.ts';
import { DEMO_SETTING } from './seed/demo.seed.ts';
import { SearchRepository } from './search/search.repository.ts';
import { SecuritySettingsService } from './settings/security-settings.service.ts';
import { SettingsRepository } from './settings/settings.repository.ts';
import { SummaryService } from './summary/summary.service.ts';
import { AnnualSummaryService } from './summary/annual.service.ts';
import { DownloadsService } from './downloads/downloads.service.ts';
import { OgcRepository } from './ogc/ogc.repository.ts';
import { OgcService } from './ogc/ogc.service.ts';
import { TilesRepository } from './tiles/tiles.repository.ts';
import { TileService } from './tiles/tiles.service.ts';
import { UnitsRepository } from './units/units.repository.ts';
import { UnitsService } from './units/units.service.ts';
import { ValuesRepository } from './values/values.repository.ts';
import { ValuesService } from './values/values.service.ts';
import { UsersRepository } from './users/users.repository.ts';
import { UsersService } from './users/users.service.ts';

/** Failed sign-ins on an account name before each next attempt has to wait (2 s, 4 s, 8 s…). */
export const LOGIN_FREE_ATTEMPTS = 3;

/**
 * Wires repositories and services over one database. Routes reach everything through this. The
 * basemap archives are opened (and checked) before, by `BasemapService.open`.
 */
export function createServices(database: Database, config: Config, basemap: BasemapService) {
  const { db } = database;
  const repos = {
    units: new UnitsRepository(db),
    indicators: new IndicatorsRepository(db),
    values: new ValuesRepository(db),
    hotspots: new HotspotsRepository(db),
    settings: new SettingsRepository(db),
    health: new HealthRepository(db),
    users: new UsersRepository(db),
    auth: new AuthRepository(db),
    audit: new AuditRepository(db),
    search: new SearchRepository(db),
    crosswalk: new CrosswalkRepository(db),
    tiles: new TilesRepository(db),
    ogc: new OgcRepository(db),
  };
  const indicators = new IndicatorsService(repos.indicators);
  const tiles = new TileService(repos.tiles, database.backend);
  const values = new ValuesService(indicators, repos.units, repos.values, () => tiles.dataVersion());
  const summary = new SummaryService(indicators, values);
  const annualSummary = new AnnualSummaryService(indicators, summary);
  const audit = new AuditService(repos.audit);
  const securitySettings = new SecuritySettingsService(db);
  const throttle = new LoginThrottle(new LoginThrottleRepository(db), {
    free: LOGIN_FREE_ATTEMPTS,
    lockAfter: config.LOGIN_LOCK_AFTER,
    perAddressPerMinute: config.LOGIN_RATE_LIMIT,
  });
  const auth = new AuthService(config, repos.auth, repos.users, throttle, securitySettings);
  const refusals = new RefusalAudit(
    (entry) => repos.audit.insert(entry),
    {},
    Date.now,
    (err) => console.error('audit of refusals failed', err),
  );
  const users = new UsersService(repos.users, repos.units, auth, audit);
  const boundaries = new BoundariesService(db, auth);
  const isDemo = async (): Promise<boolean> => {
    const s = await repos.settings.get<{ demo?: boolean }>(DEMO_SETTING);
    return s?.demo === true;
  };
  const ogc = new OgcService({
    repo: repos.ogc,
    values,
    audit,
    dataVersion: () => tiles.dataVersion(),
    isDemo,
    basemaps: () => basemap.list().map((a) => ({ id: a.id, name: a.name })),
  });
  const downloads = new DownloadsService({ repo: repos.ogc, values, indicators, audit, isDemo });
  return {
    database,
    repos,
    indicators,
    units: new UnitsService(repos.units),
    values,
    summary,
    annualSummary,
    audit,
    auth,
    users,
    securitySettings,
    refusals,
    boundaries,
    tiles,
    basemap,
    ogc,
    downloads,
    /** Whether the data served is the synthetic demo (labelled as such in every response). */
    isDemo,
  };
}

export type Services = ReturnType<typeof createServices>;
