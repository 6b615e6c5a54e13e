import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL } from '../../server/auth/scope.ts';
import type { DomainEvent } from '../../server/events/events.schemas.ts';
import { testApp } from '../helpers/app.ts';
import { signIn } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

/**
 * Domain events on the real app and database: published once the write has committed (a reader on
 * another connection already sees the change), never for a refused write, and the caches of the
 * composition root — tile bytes and boundary version, sessions, scopes — act on them. The events
 * are what a transport (LISTEN/NOTIFY, issue #18) would bring from another process, so publishing
 * one by hand here stands for a change made elsewhere.
 */
describe.each(BACKENDS)('domain events and the caches that follow them on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database, { SESSION_CACHE_MS: '5000' });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('a committed write is announced after commit; a refused one is not announced at all', async () => {
    const editor = await signIn(app, 'editor');
    const seen: { event: DomainEvent; visible: Promise<boolean> }[] = [];
    const stop = app.services.events.on('hotspotsChanged', (event) => {
      // Asked while the event is delivered, through the pool (another connection on PostgreSQL):
      // the hotspot must already be there, i.e. the transaction has committed.
      const id = event.hotspotIds[0]!;
      const visible = sql<{ n: number }>`select count(*)::int as n from hotspot where id = ${id}`
        .execute(t.database.db)
        .then((r) => r.rows[0]!.n === 1);
      seen.push({ event, visible });
    });
    try {
      const { rows } = await sql<{ id: number }>`
        select u.id from admin_unit u where u.kind = 'to_dan_pho' and u.valid_to is null
          and not exists (select 1 from hotspot h where h.unit_id = u.id) order by u.id limit 1`.execute(t.database.db);
      const unitId = rows[0]!.id;
      const body = { unit_id: unitId, categories: ['drugs'], designated_on: '2020-01-15' };
      const created = await editor.send('POST', '/api/hotspots', body);
      expect(created.statusCode).toBe(201);
      expect(seen.map((s) => s.event)).toEqual([{ type: 'hotspotsChanged', hotspotIds: [created.json().id] }]);
      expect(await seen[0]!.visible).toBe(true);

      // The same group again: refused (409) inside the transaction, rolled back, announced to no one.
      const again = await editor.send('POST', '/api/hotspots', body);
      expect(again.statusCode).toBe(409);
      const refused = await editor.send('POST', `/api/hotspots/${created.json().id}/status`, {
        status: 'relapsed',
        changed_on: '2020-02-01',
      });
      expect(refused.statusCode).toBe(409);
      expect(seen).toHaveLength(1);
    } finally {
      stop();
    }
  });

  it('the tile cache forgets on the events that change what tiles draw', async () => {
    const tiles = app.services.tiles;
    const q = { layer: 'ward' as const, z: 10, x: 813, y: 450, at: '2017-12-31', scope: ALL };
    const version = await tiles.dataVersion();
    await tiles.tile(q);
    expect(tiles.cacheStats.entries).toBeGreaterThan(0);
    // Written straight into the database, as another process would, then announced.
    await sql`update admin_unit set name = name || ' ' where id = (select min(id) from admin_unit)`.execute(
      t.database.db,
    );
    await sql`insert into hotspot_status (hotspot_id, status, changed_on, note)
              select id, 'transforming', current_date, 'từ nơi khác' from hotspot order by id limit 1`.execute(
      t.database.db,
    );
    expect(await tiles.dataVersion()).toBe(version); // not re-read yet: the version is trusted for a few seconds
    app.services.events.publish({ type: 'hotspotsChanged', hotspotIds: [] });
    expect(tiles.cacheStats.entries).toBe(0);
    expect(await tiles.dataVersion()).not.toBe(version);
  });

  it('the session cache forgets on sessionsRevoked and usersChanged, the scope cache on boundariesChanged', async () => {
    const c = await signIn(app, 'viewer');
    const me = () => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: c.cookie } });
    expect((await me()).statusCode).toBe(200);
    // Revoked by another server process: this one still answers from its cache…
    await sql`update user_session set revoked_at = now() where user_id = ${c.userId}`.execute(t.database.db);
    expect((await me()).statusCode).toBe(200);
    // …until the event says so.
    app.services.events.publish({ type: 'sessionsRevoked', userIds: [c.userId], sessionIds: [] });
    expect((await me()).statusCode).toBe(401);

    const w = await signIn(app, 'viewer', { wardCodes: ['14332'] });
    const scopeOf = async () =>
      (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: w.cookie } })).json().user.scope;
    const before = await scopeOf();
    expect(before.all).toBe(false);
    // Another process moved a group under the ward: the cached scope does not know…
    await sql`insert into unit_parent (child_id, parent_id, valid_from, valid_to)
              select g.id, w.id, '2017-01-01', null from admin_unit g, admin_unit w
              where w.code = '14332' and w.valid_from <= '2017-12-31' and (w.valid_to is null or w.valid_to > '2017-12-31')
                and g.kind = 'to_dan_pho'
                and not exists (select 1 from unit_parent p where p.child_id = g.id and p.parent_id = w.id)
              order by g.id limit 1`.execute(t.database.db);
    expect((await scopeOf()).unit_count).toBe(before.unit_count);
    app.services.events.publish({ type: 'boundariesChanged', validFrom: null });
    expect((await scopeOf()).unit_count).toBe(before.unit_count + 1);

    // An account changed elsewhere (disabled): usersChanged forgets its sessions and scope.
    await sql`update app_user set disabled = true where id = ${w.userId}`.execute(t.database.db);
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: w.cookie } })).statusCode).toBe(
      200,
    );
    app.services.events.publish({ type: 'usersChanged', userIds: [w.userId] });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: w.cookie } })).statusCode).toBe(
      401,
    );
  });

  it('the security settings follow settingsChanged', async () => {
    const before = await app.services.settings.security();
    await sql`insert into app_setting (key, value) values ('security', '{"token_max_days": 7}'::jsonb)
              on conflict (key) do update set value = excluded.value`.execute(t.database.db);
    expect(await app.services.settings.security()).toEqual(before);
    app.services.events.publish({ type: 'settingsChanged', key: 'security' });
    expect(await app.services.settings.security()).toEqual({ token_max_days: 7 });
  });
});
