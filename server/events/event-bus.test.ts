import { describe, expect, it } from 'vitest';
import { EventBus, type EventTransport } from './event-bus.ts';
import type { DomainEvent } from './events.schemas.ts';

describe('event bus: typed, synchronous, isolated handlers, ready for a transport', () => {
  it('delivers an event to the handlers of its type only, until they stop', () => {
    const bus = new EventBus();
    const hotspots: number[][] = [];
    const users: number[][] = [];
    const stop = bus.on('hotspotsChanged', (e) => hotspots.push(e.hotspotIds));
    bus.on('usersChanged', (e) => users.push(e.userIds));
    bus.publish({ type: 'hotspotsChanged', hotspotIds: [7] });
    stop();
    bus.publish({ type: 'hotspotsChanged', hotspotIds: [8] });
    expect(hotspots).toEqual([[7]]);
    expect(users).toEqual([]);
  });

  it('a handler that throws is reported and does not keep the others from their event', () => {
    const errors: string[] = [];
    const bus = new EventBus((err, event) => errors.push(`${event.type}: ${(err as Error).message}`));
    const seen: string[] = [];
    bus.on('settingsChanged', () => {
      throw new Error('boom');
    });
    bus.on('settingsChanged', (e) => seen.push(e.key));
    bus.publish({ type: 'settingsChanged', key: 'security' });
    expect(seen).toEqual(['security']);
    expect(errors).toEqual(['settingsChanged: boom']);
  });

  it('hands published events to a transport as plain JSON, and delivers what other processes send once checked', async () => {
    const sent: string[] = [];
    let deliver: (raw: unknown) => void = () => {};
    const transport: EventTransport = {
      send: (e) => void sent.push(JSON.stringify(e)),
      listen: (d) => void (deliver = d),
    };
    const errors: unknown[] = [];
    const bus = new EventBus((err) => errors.push(err));
    const boundaries: (string | null)[] = [];
    bus.on('boundariesChanged', (e) => boundaries.push(e.validFrom));
    await bus.connect(transport);

    const event: DomainEvent = { type: 'sessionsRevoked', userIds: [3], sessionIds: ['ab12'] };
    bus.publish(event);
    await Promise.resolve();
    await Promise.resolve();
    // What travels is JSON that parses back to the same event (a LISTEN/NOTIFY payload).
    expect(sent.map((s) => JSON.parse(s))).toEqual([event]);

    deliver(JSON.parse(JSON.stringify({ type: 'boundariesChanged', validFrom: '2025-07-01' })));
    deliver({ type: 'boundariesChanged', validFrom: 42 }); // not an event: refused, reported
    deliver({ type: 'noSuchEvent' });
    expect(boundaries).toEqual(['2025-07-01']);
    expect(errors).toHaveLength(2);
  });
});
