/**
 * An in-memory stand-in for the database, for service-level unit tests (immich's first tier): the
 * rows the write services touch, fake repositories over them (repositories.ts) and a unit of work
 * whose "transaction" restores the rows when the work throws — the real TransactionalUnitOfWork,
 * so events, audit rows and rollback behave as in production. The rules under test are the real
 * services; only the SQL is replaced.
 */
import type { Selectable } from 'kysely';
import { catalogueRow, type IndicatorInput } from '../../geo/catalogue-rules.ts';
import { INDICATORS } from '../../geo/catalogue.ts';
import type { AuditEntry } from '../../server/audit/audit.repository.ts';
import type { RequestContext } from '../../server/auth/context.ts';
import type { PlanTable } from '../../server/plans/plan.table.ts';
import type { Role } from '../../server/auth/roles.ts';
import { ALL, unitScope } from '../../server/auth/scope.ts';
import { TransactionalUnitOfWork, type UnitOfWork } from '../../server/db/unit-of-work.ts';
import { EventBus } from '../../server/events/event-bus.ts';
import type { DomainEvent } from '../../server/events/events.schemas.ts';
import { fakeRepositories, type FakeRepositories } from './repositories.ts';

export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  short_name: string;
  kind: string;
  households: number | null;
  population: number | null;
  valid_from: string;
  valid_to: string | null;
  parent_id: number | null;
  search_text: string;
}

export interface Rows {
  seq: number;
  /** The catalogue, seeded as a new database is (geo/catalogue.ts). */
  indicators: (IndicatorInput & { retired_at: string | null; sort_order: number })[];
  units: UnitRecord[];
  hotspots: {
    id: number;
    unit_id: number;
    categories: string[];
    designated_on: string;
    target_date: string | null;
    note: string;
    demo: boolean;
  }[];
  hotspotStatus: {
    id: number;
    hotspot_id: number;
    status: string;
    changed_on: string;
    note: string;
    created_by: number | null;
  }[];
  observations: { indicator: string; unit_id: number; period: string; value: number; demo: boolean }[];
  audit: AuditEntry[];
  plans: Selectable<PlanTable>[];
  planItems: {
    plan_id: number;
    unit_id: number;
    priority: number;
    rationale: string;
    responsible_unit: string;
    target_date: string | null;
  }[];
  planEvents: {
    id: number;
    plan_id: number;
    user_id: number | null;
    user_name: string | null;
    action: string;
    comment: string;
    at: Date;
  }[];
  users: {
    id: number;
    username: string;
    display_name: string;
    password_hash: string;
    role: Role;
    disabled: boolean;
    demo: boolean;
    scope_unit_ids: number[];
    created_at: Date;
    password_changed_at: Date;
  }[];
  sessions: { id: string; user_id: number; revoked: boolean }[];
  tokens: { id: number; user_id: number; revoked: boolean }[];
  views: {
    id: number;
    owner_id: number | null;
    title: string;
    note: string;
    state: unknown;
    position: number;
    scope_unit_ids: number[];
    created_at: Date;
    updated_at: Date;
  }[];
  briefings: {
    id: number;
    owner_id: number | null;
    title: string;
    scope_unit_ids: number[];
    updated_at: Date;
  }[];
  briefingViews: { briefing_id: number; view_id: number; position: number }[];
  /** app_setting: key → JSON value. */
  settings: Record<string, unknown>;
}

const empty = (): Rows => ({
  seq: 0,
  indicators: INDICATORS.map((d, i) => ({ ...catalogueRow(d), retired_at: null, sort_order: i })),
  units: [],
  hotspots: [],
  hotspotStatus: [],
  observations: [],
  audit: [],
  plans: [],
  planItems: [],
  planEvents: [],
  users: [],
  sessions: [],
  tokens: [],
  views: [],
  briefings: [],
  briefingViews: [],
  settings: {},
});

/** The rows, with a clock that moves forward a second per write (ordering by time stays stable). */
export class Memory {
  rows: Rows = empty();
  #clock = Date.UTC(2024, 0, 1);

  nextId(): number {
    return ++this.rows.seq;
  }

  now(): Date {
    this.#clock += 1000;
    return new Date(this.#clock);
  }

  unit(u: Partial<UnitRecord> & Pick<UnitRecord, 'code' | 'kind'>): UnitRecord {
    const row: UnitRecord = {
      id: this.nextId(),
      name: u.code,
      short_name: u.code,
      households: null,
      population: null,
      valid_from: '2000-01-01',
      valid_to: null,
      parent_id: null,
      search_text: '',
      ...u,
    };
    this.rows.units.push(row);
    return row;
  }

  user(u: { username: string; role: Role; scope_unit_ids?: number[]; display_name?: string }) {
    const row = {
      id: this.nextId(),
      display_name: u.display_name ?? u.username,
      password_hash: 'x',
      disabled: false,
      demo: false,
      scope_unit_ids: [],
      created_at: this.now(),
      password_changed_at: this.now(),
      ...u,
    };
    this.rows.users.push(row);
    return row;
  }

  /** A context for a user of these rows, with their scope as the access plugin would resolve it. */
  ctx(user: { id: number; username: string; role: Role; display_name?: string; scope_unit_ids?: number[] }) {
    const wards = user.scope_unit_ids ?? [];
    const scope = wards.length
      ? unitScope([
          ...wards,
          ...this.rows.units.filter((u) => u.parent_id && wards.includes(u.parent_id)).map((u) => u.id),
        ])
      : ALL;
    const ctx: RequestContext = {
      actor: {
        id: user.id,
        username: user.username,
        display_name: user.display_name ?? user.username,
        role: user.role,
        scope,
        via: 'session',
      },
      scope,
      ip: '10.0.0.7',
    };
    return ctx;
  }
}

export interface FakeWorld {
  memory: Memory;
  uow: UnitOfWork<FakeRepositories>;
  events: EventBus;
  /** Every event published, in order (published only after a "commit"). */
  published: DomainEvent[];
}

/** A memory, its fake repositories and the real unit of work over them. */
export function fakeWorld(): FakeWorld {
  const memory = new Memory();
  const events = new EventBus((err) => {
    throw err;
  });
  const published: DomainEvent[] = [];
  const record = (e: DomainEvent) => void published.push(e);
  for (const type of [
    'boundariesChanged',
    'unitsChanged',
    'hotspotsChanged',
    'crosswalkChanged',
    'valuesChanged',
    'indicatorsChanged',
    'usersChanged',
    'sessionsRevoked',
    'settingsChanged',
  ] as const) {
    events.on(type, record);
  }
  const repos = fakeRepositories(memory);
  const uow = new TransactionalUnitOfWork<FakeRepositories>({
    read: repos,
    transaction: async (work) => {
      const before = structuredClone(memory.rows);
      try {
        return await work(repos);
      } catch (e) {
        memory.rows = before;
        throw e;
      }
    },
    events,
  });
  return { memory, uow, events, published };
}
