/** `/api/health`: what the web and monitoring read (database kind, PostGIS version, demo data). */
import { Type } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Enum(['pglite', 'postgres']),
  postgis: Type.String(),
  demo: Type.Boolean(),
});
