import { AuditLogService } from './audit/audit.service.ts';
import { RefusalAudit } from './audit/refusals.ts';
import { AuthService } from './auth/auth.service.ts';
import { LoginThrottle } from './auth/login-throttle.ts';
import type { BasemapService } from './basemap/basemap.service.ts';
import { BoundariesService } from './boundaries/boundaries.service.ts';
import { BriefingsService } from './briefings/briefings.service.ts';
import type { Config } from './config.ts';
import { CrosswalkService } from './crosswalk/crosswalk.service.ts';
import type { Database } from './db/database.ts';
import { DemoService } from './demo/demo.service.ts';
import { EventBus } from './events/event-bus.ts';
import { ExportsService } from './exports/exports.service.ts';
import { HealthService } from './health/health.service.ts';
import { HotspotsService } from './hotspots/hotspots.service.ts';
import { BoundaryImportService } from './imports/boundaries/boundary-import.service.ts';
import { IndicatorImportService } from './imports/indicators/indicator-import.service.ts';
import { ImportTemplateService } from './imports/indicators/template.ts';
import { IndicatorsService } from './indicators/indicators.service.ts';
import { ObservationsService } from './observations/observations.service.ts';
import { PlaceService } from './place/place.service.ts';
import { CandidatesService } from './plans/candidates.service.ts';
import { PlanReportsService } from './plans/plan-reports.service.ts';
import { PlansService } from './plans/plans.service.ts';
import { unitOfWork } from './repositories.ts';
import { SearchService } from './search/search.service.ts';
import { SettingsService } from './settings/settings.service.ts';
import { SetupService } from './setup/setup.service.ts';
import { AnnualSummaryService } from './summary/annual.service.ts';
import { SummaryService } from './summary/summary.service.ts';
import { BoundaryVersion, COHERENT_VERSION_TTL_MS, VERSION_TTL_MS } from './tiles/boundary-version.ts';
import { DownloadsService } from './downloads/downloads.service.ts';
import { OgcService } from './ogc/ogc.service.ts';
import { TileService } from './tiles/tiles.service.ts';
import { UnitNames } from './units/unit-names.ts';
import { UnitsService } from './units/units.service.ts';
import { UsersService } from './users/users.service.ts';
import { ValuesService } from './values/values.service.ts';
import { ViewsService } from './views/views.service.ts';

/** Failed sign-ins on an account name before each next attempt has to wait (2 s, 4 s, 8 s…). */
export const LOGIN_FREE_ATTEMPTS = 3;

/**
 * The composition root: every service of the server, built here and nowhere else, over one
 * database. Routes reach them as `app.services.x` and call nothing else; scripts and tests build
 * the same graph. Services get a unit of work (repositories, transactions, the audit helper and
 * the domain events), never the raw database; the basemap archives are opened before
 * (`BasemapService.open`), so a wrong BASEMAP_PATH fails before the database is touched.
 *
 * The bottom of the function says who listens to which domain event: the caches of this process.
 */
export function createServices(database: Database, config: Config, basemap: BasemapService) {
  const events = new EventBus((err, event) => console.error(`handler of ${event?.type} failed`, err));
  const uow = unitOfWork(database.db, events);
  const read = uow.read;

  const demo = new DemoService(uow);
  const isDemo = () => demo.isDemo();
  const settings = new SettingsService(uow);
  const exports = new ExportsService(uow);
  const indicators = new IndicatorsService(uow);
  const boundaryVersion = new BoundaryVersion(
    () => read.tiles.version(),
    () => (events.coherent ? COHERENT_VERSION_TTL_MS : VERSION_TTL_MS),
  );
  const tiles = new TileService(read.tiles, database.backend, { version: boundaryVersion });
  const values = new ValuesService(indicators, read.units, read.values, () => boundaryVersion.current());
  const summary = new SummaryService(indicators, values);
  const throttle = new LoginThrottle(read.loginThrottle, {
    free: LOGIN_FREE_ATTEMPTS,
    lockAfter: config.LOGIN_LOCK_AFTER,
    perAddressPerMinute: config.LOGIN_RATE_LIMIT,
  });
  const auth = new AuthService(config, uow, throttle, settings, () => events.coherent);
  const users = new UsersService(uow, throttle);
  const plans = new PlansService(uow);
  const unitNames = new UnitNames(read.units);
  const candidates = new CandidatesService(indicators, values, read.plans, isDemo, unitNames);

  const ogc = new OgcService({
    repo: read.ogc,
    values,
    exports,
    dataVersion: () => tiles.dataVersion(),
    isDemo,
    basemaps: () => basemap.list().map((a) => ({ id: a.id, name: a.name })),
  });
  const downloads = new DownloadsService({ repo: read.ogc, values, indicators, exports, isDemo });

  const services = {
    database,
    events,
    basemap,
    demo,
    settings,
    exports,
    indicators,
    tiles,
    values,
    summary,
    annualSummary: new AnnualSummaryService(indicators, summary, exports, isDemo),
    auth,
    users,
    auditLog: new AuditLogService(read.audit, users),
    /** Refusals (401/403/423/429) counted and sampled into the audit log, off the request path. */
    refusals: new RefusalAudit(
      (entry) => read.audit.insert(entry),
      {},
      Date.now,
      (err) => console.error('audit of refusals failed', err),
    ),
    health: new HealthService(database.backend, read.health, isDemo, () => database.replicas?.status() ?? []),
    setup: new SetupService(read.setup, isDemo),
    search: new SearchService(read.search, unitNames),
    units: new UnitsService(uow),
    boundaries: new BoundariesService(uow),
    place: new PlaceService(uow, settings),
    observations: new ObservationsService(uow, indicators),
    hotspots: new HotspotsService(uow),
    crosswalk: new CrosswalkService(uow),
    boundaryImport: new BoundaryImportService(uow),
    indicatorImport: new IndicatorImportService(uow, indicators),
    importTemplate: new ImportTemplateService(indicators, read.indicatorImport, exports),
    plans,
    candidates,
    planReports: new PlanReportsService(plans, candidates, read.plans, exports),
    views: new ViewsService(uow),
    briefings: new BriefingsService(uow),
    ogc,
    downloads,
  };

  // Who listens to what. Tiles draw units (names), parent links and hotspots; the values matrices'
  // ids lists follow the units of a boundary version; scopes are the units inside each user's
  // wards; sessions carry the user's role and scope.
  events.on('boundariesChanged', () => {
    tiles.forget();
    values.forgetIds();
    auth.forgetScopes();
  });
  events.on('unitsChanged', () => tiles.forget());
  events.on('hotspotsChanged', () => tiles.forget());
  // Values re-expressed through the crosswalk change with it; tiles re-read the version too.
  events.on('crosswalkChanged', () => tiles.forget());
  events.on('usersChanged', (e) => auth.forgetScopes(e.userIds));
  events.on('sessionsRevoked', (e) => auth.forgetSessions(e));
  events.on('settingsChanged', (e) => settings.forget(e.key));
  // The catalogue, with each indicator's first/last month and whether it holds values.
  events.on('indicatorsChanged', () => indicators.forget());
  // valuesChanged: no cache of this process holds values (their ETag is a hash of the body); the
  // catalogue's periods and has_data follow them.
  events.on('valuesChanged', () => indicators.forget());

  return services;
}

export type Services = ReturnType<typeof createServices>;
