import type { Kysely } from 'kysely';
import { AuditRepository } from './audit/audit.repository.ts';
import { AuthRepository } from './auth/auth.repository.ts';
import { LoginThrottleRepository } from './auth/login-throttle.repository.ts';
import { BoundariesRepository } from './boundaries/boundaries.repository.ts';
import { BriefingsRepository } from './briefings/briefings.repository.ts';
import { CrosswalkRepository } from './crosswalk/crosswalk.repository.ts';
import type { DB } from './db/schema.ts';
import { TransactionalUnitOfWork, type UnitOfWork } from './db/unit-of-work.ts';
import { DemoRepository } from './demo/demo.repository.ts';
import type { EventPublisher } from './events/event-bus.ts';
import { HealthRepository } from './health/health.repository.ts';
import { HotspotsRepository } from './hotspots/hotspots.repository.ts';
import { BoundaryImportRepository } from './imports/boundaries/boundary-import.repository.ts';
import { IndicatorImportRepository } from './imports/indicators/indicator-import.repository.ts';
import { IndicatorsRepository } from './indicators/indicators.repository.ts';
import { ObservationsRepository } from './observations/observations.repository.ts';
import { OgcRepository } from './ogc/ogc.repository.ts';
import { PlaceRepository } from './place/place.repository.ts';
import { PlansRepository } from './plans/plans.repository.ts';
import { SearchRepository } from './search/search.repository.ts';
import { SettingsRepository } from './settings/settings.repository.ts';
import { SetupRepository } from './setup/setup.repository.ts';
import { TilesRepository } from './tiles/tiles.repository.ts';
import { UnitsRepository } from './units/units.repository.ts';
import { UsersRepository } from './users/users.repository.ts';
import { ValuesRepository } from './values/values.repository.ts';
import { ViewsRepository } from './views/views.repository.ts';

/**
 * Every repository, over one database handle: the root database for reads, or a transaction (the
 * unit of work builds a fresh set per transaction — they are thin objects holding the handle).
 */
export function repositories(db: Kysely<DB>) {
  return {
    audit: new AuditRepository(db),
    auth: new AuthRepository(db),
    loginThrottle: new LoginThrottleRepository(db),
    boundaries: new BoundariesRepository(db),
    boundaryImport: new BoundaryImportRepository(db),
    briefings: new BriefingsRepository(db),
    crosswalk: new CrosswalkRepository(db),
    demo: new DemoRepository(db),
    health: new HealthRepository(db),
    hotspots: new HotspotsRepository(db),
    indicatorImport: new IndicatorImportRepository(db),
    indicators: new IndicatorsRepository(db),
    observations: new ObservationsRepository(db),
    ogc: new OgcRepository(db),
    place: new PlaceRepository(db),
    plans: new PlansRepository(db),
    search: new SearchRepository(db),
    settings: new SettingsRepository(db),
    setup: new SetupRepository(db),
    tiles: new TilesRepository(db),
    units: new UnitsRepository(db),
    users: new UsersRepository(db),
    values: new ValuesRepository(db),
    views: new ViewsRepository(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

/** The unit of work over a database: transactions through Kysely, events to `events` after commit. */
export function unitOfWork(db: Kysely<DB>, events: EventPublisher): UnitOfWork<Repositories> {
  return new TransactionalUnitOfWork({
    read: repositories(db),
    transaction: (work) => db.transaction().execute((trx) => work(repositories(trx))),
    events,
  });
}
