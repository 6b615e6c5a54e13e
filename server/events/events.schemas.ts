import { Type, type Static } from 'typebox';

/**
 * Domain events: what changed, said once by the service that changed it, after its transaction
 * committed. Caches subscribe to them (the tile and boundary-version caches, the ids lists of the
 * values matrices, the session and scope caches, the security settings) instead of each writer
 * remembering whom to tell.
 *
 * They are plain JSON data, kept small (ids and keys, never rows), and described by these schemas,
 * so that a transport can carry them between server processes (issue #18: PostgreSQL
 * LISTEN/NOTIFY, whose payloads are at most 8,000 bytes) and check what it receives.
 */
const Ids = Type.Array(Type.Integer(), { maxItems: 1000, description: 'empty = any or all of them' });

export const BoundariesChanged = Type.Object({
  type: Type.Literal('boundariesChanged'),
  /** The date the new boundary version starts (null: units removed, e.g. the demo). */
  validFrom: Type.Union([Type.String(), Type.Null()]),
});
export const UnitsChanged = Type.Object({
  /** Names or counts of units edited in place (tiles carry names; ids and scopes stay). */
  type: Type.Literal('unitsChanged'),
  unitIds: Ids,
});
export const HotspotsChanged = Type.Object({ type: Type.Literal('hotspotsChanged'), hotspotIds: Ids });
export const CrosswalkChanged = Type.Object({
  type: Type.Literal('crosswalkChanged'),
  fromUnitId: Type.Integer(),
  toUnitId: Type.Integer(),
});
export const ValuesChanged = Type.Object({
  type: Type.Literal('valuesChanged'),
  /** Indicator keys whose observations changed (empty = all). */
  indicators: Type.Array(Type.String(), { maxItems: 200 }),
});
export const IndicatorsChanged = Type.Object({
  /** The catalogue changed: indicators added, edited, retired, restored or deleted. */
  type: Type.Literal('indicatorsChanged'),
  keys: Type.Array(Type.String(), { maxItems: 200 }),
});
export const UsersChanged = Type.Object({
  /** Accounts created, edited, disabled or removed: their role, scope or state may differ now. */
  type: Type.Literal('usersChanged'),
  userIds: Ids,
});
export const SessionsRevoked = Type.Object({
  type: Type.Literal('sessionsRevoked'),
  /** Every session of these users ended (apart from the one a password change came from). */
  userIds: Ids,
  /** These sessions ended (ids are SHA-256 hashes of the cookies, never the cookies). */
  sessionIds: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
});
export const SettingsChanged = Type.Object({ type: Type.Literal('settingsChanged'), key: Type.String() });

export const DomainEvent = Type.Union([
  BoundariesChanged,
  UnitsChanged,
  HotspotsChanged,
  CrosswalkChanged,
  ValuesChanged,
  IndicatorsChanged,
  UsersChanged,
  SessionsRevoked,
  SettingsChanged,
]);
export type DomainEvent = Static<typeof DomainEvent>;
export type EventType = DomainEvent['type'];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;
