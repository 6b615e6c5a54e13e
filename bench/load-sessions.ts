/**
 * Load test for the access-control issue: 200 concurrent sessions with different scopes, all signed
 * in before the load starts, doing mixed reads on loopback for DURATION seconds. Every response is
 * checked against its own user's scope: a single unit outside it counts as a mix-up.
 *
 *   node --import tsx bench/load-sessions.ts                # embedded database
 *   DATABASE_URL=postgres://… node --import tsx bench/load-sessions.ts
 *   SESSIONS=200 DURATION=60 …
 */
import { percentile, startServer, ms, mb } from './lib.ts';

const SESSIONS = Number(process.env.SESSIONS ?? 200);
const DURATION = Number(process.env.DURATION ?? 60);
const ADMIN_PASSWORD = 'bench-admin-password';

type FC = { features: { id: number; properties: { code: string; parent_code: string } }[] };

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = /atlas_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  return { cookie: `atlas_session=${cookie}`, csrf: (await res.json()).csrf_token as string };
}

async function main() {
  const dbLabel = process.env.DATABASE_URL ? 'PostgreSQL + PostGIS' : 'PGlite (embedded)';
  console.log(`Starting the server on ${dbLabel}…`);
  const server = await startServer({ ADMIN_PASSWORD, LOGIN_RATE_LIMIT: '10000' });
  const { url } = server;
  try {
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    const aget = async (path: string) => (await fetch(url + path, { headers: { cookie: admin.cookie } })).json();
    const wards = (await aget('/api/units?level=ward&at=2017-12-31')) as FC;
    const groups = (await aget('/api/units?level=group&at=2017-12-31')) as FC;
    const wardCodes = wards.features.map((f) => f.properties.code);

    // Each user: all wards (1 in 8) or one ward. Expected visible sets are computed as the admin.
    const users: { username: string; wards: Set<string>; groupIds: Set<number>; all: boolean }[] = [];
    const runId = Date.now().toString(36);
    console.log(`Creating ${SESSIONS} users…`);
    for (let i = 0; i < SESSIONS; i++) {
      const all = i % 8 === 0;
      const code = wardCodes[i % wardCodes.length]!;
      const scopeIds = all ? [] : wards.features.filter((f) => f.properties.code === code).map((f) => f.id);
      const username = `load.${runId}.${i}`;
      const res = await fetch(`${url}/api/admin/users`, {
        method: 'POST',
        headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json' },
        body: JSON.stringify({
          username,
          display_name: `Load ${i}`,
          role: 'viewer',
          password: 'load-test-password',
          scope_unit_ids: scopeIds,
        }),
      });
      if (res.status !== 201) throw new Error(`create user: ${res.status} ${await res.text()}`);
      const visibleWards = all ? new Set(wardCodes) : new Set([code]);
      const groupIds = new Set(
        groups.features.filter((f) => visibleWards.has(f.properties.parent_code)).map((f) => f.id),
      );
      users.push({ username, wards: visibleWards, groupIds, all });
    }
    console.log(`Signing in ${SESSIONS} sessions…`);
    const sessions = [];
    for (const u of users) sessions.push({ ...u, ...(await login(url, u.username, 'load-test-password')) });

    const mix = [
      '/api/units?level=ward&at=2017-12-31',
      '/api/units?level=group&at=2017-12-31',
      '/api/values?indicator=drug_cases&level=group&from=2017-01&to=2017-12&at=2017-12-31',
      '/api/values?indicator=coverage_households_safe&level=ward&from=2016-01&to=2017-12&at=2017-12-31',
      '/api/hotspots?at=2017-12-31',
      '/api/auth/me',
    ];
    const latencies: number[] = [];
    let errors = 0;
    let mixups = 0;
    const errorSamples: string[] = [];
    const rssSamples: number[] = [];
    const rssTimer = setInterval(() => rssSamples.push(server.rss()), 1000);
    const idleRss = server.rss();
    const end = Date.now() + DURATION * 1000;
    console.log(`Load: ${SESSIONS} sessions × ${DURATION} s of mixed reads…`);
    await Promise.all(
      sessions.map(async (s, k) => {
        let n = k;
        while (Date.now() < end) {
          const path = mix[n++ % mix.length]!;
          const t0 = performance.now();
          try {
            const res = await fetch(url + path, { headers: { cookie: s.cookie } });
            const body = await res.json();
            latencies.push(performance.now() - t0);
            if (res.status !== 200) {
              errors++;
              if (errorSamples.length < 5) errorSamples.push(`${res.status} ${path}`);
              continue;
            }
            let ok = true;
            if (path.startsWith('/api/units?level=ward'))
              ok = (body as FC).features.every((f) => s.wards.has(f.properties.code));
            else if (path.startsWith('/api/units?level=group'))
              ok =
                (body as FC).features.length === s.groupIds.size &&
                (body as FC).features.every((f) => s.groupIds.has(f.id));
            else if (path.includes('level=group'))
              ok = body.ids.length === s.groupIds.size && body.ids.every((id: number) => s.groupIds.has(id));
            else if (path.includes('level=ward')) ok = body.ids.length === s.wards.size;
            else if (path.startsWith('/api/hotspots'))
              ok = body.hotspots.every((h: { unit_id: number }) => s.groupIds.has(h.unit_id));
            else if (path === '/api/auth/me') ok = body.user.username === s.username;
            if (!ok) mixups++;
          } catch (e) {
            errors++;
            if (errorSamples.length < 5) errorSamples.push(String(e));
          }
        }
      }),
    );
    clearInterval(rssTimer);
    latencies.sort((a, b) => a - b);
    const total = latencies.length;
    console.log('\n== Result');
    console.log(`database            ${dbLabel}`);
    console.log(
      `sessions            ${SESSIONS} (${users.filter((u) => u.all).length} whole-area, the rest one ward each)`,
    );
    console.log(`duration            ${DURATION} s`);
    console.log(`requests            ${total} (${(total / DURATION).toFixed(0)} req/s)`);
    console.log(`errors              ${errors}${errorSamples.length ? ` e.g. ${errorSamples.join('; ')}` : ''}`);
    console.log(`scope mix-ups       ${mixups}`);
    console.log(
      `latency p50/p95/p99 ${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 95))} / ${ms(percentile(latencies, 99))}`,
    );
    console.log(`server RSS          idle ${mb(idleRss)}, peak under load ${mb(Math.max(...rssSamples))}`);
    if (errors || mixups) process.exitCode = 1;
  } finally {
    await server.stop();
  }
}

await main();
