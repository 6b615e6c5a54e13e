import { describe, expect, it } from 'vitest';
import { coarsen, envelope } from './pg-notify.ts';
import { EventBus, EVERYTHING_CHANGED, type EventTransport } from './event-bus.ts';
import type { DomainEvent } from './events.schemas.ts';

describe('events between processes: envelopes within NOTIFY’s 8,000 bytes, coherence, resync', () => {
  it('sends a small event as it is, with its origin', () => {
    const e: DomainEvent = { type: 'sessionsRevoked', userIds: [3], sessionIds: ['abc'] };
    expect(JSON.parse(envelope('p1', e))).toEqual({ o: 'p1', e });
  });

  it('says an event too large for one NOTIFY as "all of that kind" — more forgotten, never less', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 1_000_000 + i);
    const big: DomainEvent = { type: 'unitsChanged', unitIds: ids };
    expect(JSON.stringify(big).length).toBeGreaterThan(7_900);
    expect(JSON.parse(envelope('p1', big)).e).toEqual({ type: 'unitsChanged', unitIds: [] });
    // Many revoked sessions: "these users changed" for everyone forgets every cached session.
    const sessions: DomainEvent = { type: 'sessionsRevoked', userIds: ids, sessionIds: [] };
    expect(coarsen(sessions)).toEqual({ type: 'usersChanged', userIds: [] });
    expect(Buffer.byteLength(envelope('p1', sessions))).toBeLessThan(8_000);
  });

  it('is coherent alone or while the transport is connected; a resync forgets everything', async () => {
    const bus = new EventBus();
    expect(bus.coherent).toBe(true);
    expect(bus.state).toBe('single');
    const transport: EventTransport & { connected: boolean } = { connected: true, send() {}, listen() {} };
    await bus.connect(transport);
    expect(bus.state).toBe('listening');
    transport.connected = false;
    expect(bus.coherent).toBe(false);
    expect(bus.state).toBe('lost');

    const seen: string[] = [];
    for (const e of EVERYTHING_CHANGED) bus.on(e.type, (x) => seen.push(JSON.stringify(x)));
    bus.resync();
    expect(seen).toEqual(EVERYTHING_CHANGED.map((e) => JSON.stringify(e)));
  });
});
