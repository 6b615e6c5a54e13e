import type { Backend } from '../db/database.ts';
import type { ReplicaStatus } from '../db/replicas.ts';
import type { HealthRepository } from './health.repository.ts';

/** What `/api/health` says: the database kind, the PostGIS version it answers with, and whether the data are the demo. */
export class HealthService {
  constructor(
    private readonly backend: Backend,
    private readonly repo: Pick<HealthRepository, 'postgisVersion'>,
    private readonly isDemo: () => Promise<boolean>,
    private readonly replicas: () => ReplicaStatus[] = () => [],
  ) {}

  async health() {
    return {
      status: 'ok' as const,
      database: this.backend,
      postgis: await this.repo.postgisVersion(),
      demo: await this.isDemo(),
      databases: [
        {
          role: this.backend === 'pglite' ? ('embedded' as const) : ('primary' as const),
          name: 'primary',
          state: 'ok' as const,
          lag_ms: 0,
          lag_bytes: 0,
        },
        ...this.replicas().map((r) => ({
          role: 'replica' as const,
          name: r.name,
          state: r.state,
          lag_ms: r.lag_ms,
          lag_bytes: r.lag_bytes,
        })),
      ],
    };
  }
}
