import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { DomainEvent } from './events.schemas.ts';
import type { EventTransport } from './event-bus.ts';

/** The one channel every server process of a database listens on. */
export const EVENTS_CHANNEL = 'atlas_events';

/** NOTIFY payloads must be shorter than 8,000 bytes; keep a margin for the envelope. */
const MAX_PAYLOAD = 7_900;

/**
 * An event too large for one NOTIFY said more coarsely: the same kind of change for "all of them"
 * (empty lists mean all to every handler). A revocation of many sessions becomes "these users
 * changed", which forgets every cached session — more forgotten than needed, never less.
 */
export function coarsen(event: DomainEvent): DomainEvent {
  switch (event.type) {
    case 'sessionsRevoked':
    case 'usersChanged':
      return { type: 'usersChanged', userIds: [] };
    case 'unitsChanged':
      return { type: 'unitsChanged', unitIds: [] };
    case 'hotspotsChanged':
      return { type: 'hotspotsChanged', hotspotIds: [] };
    case 'valuesChanged':
      return { type: 'valuesChanged', indicators: [] };
    case 'indicatorsChanged':
      return { type: 'indicatorsChanged', keys: [] };
    default:
      return event;
  }
}

/** The envelope sent: who sent it (to drop one's own echo) and the event. */
export function envelope(origin: string, event: DomainEvent): string {
  const text = JSON.stringify({ o: origin, e: event });
  if (Buffer.byteLength(text) <= MAX_PAYLOAD) return text;
  return JSON.stringify({ o: origin, e: coarsen(event) });
}

export interface PgNotifyOptions {
  /** Called after the listening connection was lost and made again: events may have been missed. */
  onResync?: () => void;
  /** Called when the listening connection is lost (caches must stop trusting themselves). */
  onLost?: () => void;
  log?: (m: string) => void;
  /** First delay before reconnecting; doubles up to 5 s. */
  retryMs?: number;
}

/**
 * Domain events between the server processes of one PostgreSQL database, over LISTEN/NOTIFY: the
 * engine every deployment already runs, delivering to every listening session at commit, in order,
 * within a few milliseconds on a LAN. A dedicated connection LISTENs (it is never returned to a
 * pool, where another query could UNLISTEN it); NOTIFY goes through the same connection.
 *
 * What NOTIFY does not give: delivery to a process that was disconnected at the time. So when the
 * listening connection drops the bus is told (`onLost`: caches stop trusting themselves) and, once
 * it is back, `onResync` makes every cache forget everything — a missed event costs re-reads, never a
 * stale answer.
 */
export class PgNotifyTransport implements EventTransport {
  readonly origin = randomUUID();
  #client: pg.Client | null = null;
  #deliver: ((event: unknown) => void) | null = null;
  #closed = false;
  #connected = false;
  #retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly options: PgNotifyOptions = {},
  ) {}

  /** Whether this process is listening now (events from others reach it). */
  get connected(): boolean {
    return this.#connected;
  }

  async listen(deliver: (event: unknown) => void): Promise<void> {
    this.#deliver = deliver;
    await this.#connect();
  }

  async send(event: DomainEvent): Promise<void> {
    const client = this.#client;
    // Not connected: the others will resync when this process's connection (or theirs) comes back;
    // the event itself cannot be carried now.
    if (!client || !this.#connected) throw new Error('event transport not connected');
    await client.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, envelope(this.origin, event)]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#retry) clearTimeout(this.#retry);
    const c = this.#client;
    this.#client = null;
    this.#connected = false;
    await c?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'atlas-events' });
    client.on('notification', (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      let parsed: { o?: unknown; e?: unknown };
      try {
        parsed = JSON.parse(msg.payload) as { o?: unknown; e?: unknown };
      } catch {
        return;
      }
      if (parsed.o === this.origin) return;
      this.#deliver?.(parsed.e);
    });
    client.on('error', () => this.#lost(client));
    client.on('end', () => this.#lost(client));
    try {
      await client.connect();
      await client.query(`listen ${EVENTS_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
    this.#client = client;
    this.#connected = true;
  }

  #lost(client: pg.Client): void {
    if (this.#client !== client) return;
    this.#client = null;
    this.#connected = false;
    client.end().catch(() => {});
    if (this.#closed) return;
    this.options.log?.('Mất kết nối kênh sự kiện CSDL, đang kết nối lại / lost the event channel, reconnecting');
    this.options.onLost?.();
    this.#schedule(this.options.retryMs ?? 200);
  }

  #schedule(delay: number): void {
    this.#retry = setTimeout(() => {
      this.#retry = null;
      if (this.#closed) return;
      this.#connect().then(
        () => {
          this.options.log?.('Đã kết nối lại kênh sự kiện / event channel back');
          this.options.onResync?.();
        },
        () => this.#schedule(Math.min(delay * 2, 5_000)),
      );
    }, delay);
    this.#retry.unref();
  }
}
