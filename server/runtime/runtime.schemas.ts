import { Type } from 'typebox';
import { REFUSAL_KINDS } from '../audit/refusals.ts';

const Ms = Type.Number({ description: 'milliseconds' });

/** What an administrator watching the server sees: its memory, event-loop delay and refusals since start. */
export const RuntimeResponse = Type.Object({
  /** Which server process answered (one of WORKERS behind the same port or load balancer). */
  pid: Type.Integer(),
  /**
   * Whether the other processes' domain events reach this one: `single` (embedded database, one
   * process), `listening` (PostgreSQL LISTEN/NOTIFY up), `lost` (reconnecting; caches bypassed).
   */
  events: Type.Enum(['single', 'listening', 'lost']),
  /** Queries this process sent to the primary and to each replica (read routing at work). */
  queries: Type.Object({ primary: Type.Integer(), replicas: Type.Array(Type.Integer()) }),
  uptime_s: Type.Number(),
  rss_bytes: Type.Integer(),
  heap_used_bytes: Type.Integer(),
  event_loop: Type.Object({ p50_ms: Ms, p99_ms: Ms, max_ms: Ms, mean_ms: Ms }),
  refusals: Type.Object(Object.fromEntries(REFUSAL_KINDS.map((k) => [k, Type.Integer()]))),
});
