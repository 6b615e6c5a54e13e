/** `/api/health`: what the web and monitoring read (database kind, PostGIS version, demo data). */
import { Type } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Enum(['pglite', 'postgres']),
  postgis: Type.String(),
  demo: Type.Boolean(),
  /**
   * Each database this process uses: the primary, then the streaming replicas of
   * DATABASE_REPLICA_URLS with their state (`ok`, `lagging`: skipped until it catches up, `down`:
   * skipped) and lag at the last poll (every 200 ms).
   */
  databases: Type.Array(
    Type.Object({
      role: Type.Enum(['primary', 'replica', 'embedded']),
      name: Type.String(),
      state: Type.Enum(['ok', 'lagging', 'down']),
      lag_ms: Type.Number(),
      lag_bytes: Type.Number(),
    }),
  ),
});
