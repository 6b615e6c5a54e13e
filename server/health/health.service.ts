import type { Backend } from '../db/database.ts';
import type { HealthRepository } from './health.repository.ts';

/** What `/api/health` says: the database kind, the PostGIS version it answers with, and whether the data are the demo. */
export class HealthService {
  constructor(
    private readonly backend: Backend,
    private readonly repo: Pick<HealthRepository, 'postgisVersion'>,
    private readonly isDemo: () => Promise<boolean>,
  ) {}

  async health() {
    return {
      status: 'ok' as const,
      database: this.backend,
      postgis: await this.repo.postgisVersion(),
      demo: await this.isDemo(),
    };
  }
}
