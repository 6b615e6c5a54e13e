import { Value } from 'typebox/value';
import { DomainEvent, type EventOf, type EventType } from './events.schemas.ts';

type Handler<T extends EventType> = (event: EventOf<T>) => void;

/**
 * Carries domain events between server processes (issue #18 plugs PostgreSQL LISTEN/NOTIFY in
 * here). `send` hands an event published in this process to the others; `listen` gives the bus the
 * events the others published. A transport must not hand a process its own events back.
 */
export interface EventTransport {
  send(event: DomainEvent): void | Promise<void>;
  listen(deliver: (event: unknown) => void): void | Promise<void>;
  close?(): void | Promise<void>;
  /** False while events from the others cannot reach this process (a lost connection). */
  readonly connected?: boolean;
}

/**
 * "Everything may have changed": one event of each kind that makes its handlers forget all they
 * hold (empty lists mean all). Delivered when events may have been missed, e.g. after the
 * connection that carries them between processes came back.
 */
export const EVERYTHING_CHANGED: readonly DomainEvent[] = [
  { type: 'boundariesChanged', validFrom: null },
  { type: 'unitsChanged', unitIds: [] },
  { type: 'hotspotsChanged', hotspotIds: [] },
  { type: 'valuesChanged', indicators: [] },
  { type: 'indicatorsChanged', keys: [] },
  { type: 'usersChanged', userIds: [] },
  { type: 'settingsChanged', key: '*' },
];

/**
 * The one small typed event bus of a server process. Services publish through their unit of work,
 * which calls `publish` only after the transaction committed (a rolled-back write tells no one);
 * caches subscribe with `on`. Handlers run synchronously and must be cheap (they forget cached
 * entries); one that throws is logged and does not stop the others — the write has happened.
 */
export class EventBus {
  readonly #handlers = new Map<EventType, Set<Handler<EventType>>>();
  #transport: EventTransport | null = null;

  constructor(private readonly onError: (err: unknown, event: DomainEvent) => void = () => {}) {}

  /** Calls `handler` for every event of `type`; returns the function that stops it. */
  on<T extends EventType>(type: T, handler: Handler<T>): () => void {
    let set = this.#handlers.get(type);
    if (!set) this.#handlers.set(type, (set = new Set()));
    const h = handler as unknown as Handler<EventType>;
    set.add(h);
    return () => set.delete(h);
  }

  /** Delivers an event to this process's handlers, then to the other processes (when a transport is set). */
  publish(event: DomainEvent): void {
    this.#deliver(event);
    if (this.#transport) {
      Promise.resolve()
        .then(() => this.#transport?.send(event))
        .catch((err) => this.onError(err, event));
    }
  }

  /** Connects the bus to other processes. Events they send are checked against the schemas first. */
  async connect(transport: EventTransport): Promise<void> {
    this.#transport = transport;
    await transport.listen((raw) => {
      if (Value.Check(DomainEvent, raw)) this.#deliver(raw);
      else this.onError(new Error('an event from another process does not match DomainEvent'), raw as DomainEvent);
    });
  }

  /**
   * Whether this process's caches may trust themselves: it is alone (no transport), or it hears the
   * others now. Caches that would otherwise serve another process's stale state (sessions, the
   * boundary version) check this and fall back to reading the database while it is false.
   */
  get coherent(): boolean {
    return !this.#transport || this.#transport.connected !== false;
  }

  /** For monitoring: alone, hearing the others, or cut off from them. */
  get state(): 'single' | 'listening' | 'lost' {
    if (!this.#transport) return 'single';
    return this.coherent ? 'listening' : 'lost';
  }

  /** Makes every cache of this process forget everything (events may have been missed). */
  resync(): void {
    for (const event of EVERYTHING_CHANGED) this.#deliver(event);
  }

  async close(): Promise<void> {
    const t = this.#transport;
    this.#transport = null;
    await t?.close?.();
  }

  #deliver(event: DomainEvent): void {
    for (const handler of this.#handlers.get(event.type) ?? []) {
      try {
        handler(event as never);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}

/** What services need of the bus: to publish (through a unit of work, after commit). */
export type EventPublisher = Pick<EventBus, 'publish'>;
