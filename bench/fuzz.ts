/**
 * The numeric fuzzing run of issue #12 against the real server in its own process, on a fresh
 * embedded database with the demo (as `npm start` makes it):
 *
 *     npm run bench:fuzz            # ROUNDS=5 CONCURRENCY=4 by default
 *
 * Every numeric parameter of every route — read from the server's own OpenAPI document, where each
 * one is marked `x-numeric` — gets `1e400`, `-1e400`, `NaN`, `1.5`, `9007199254740993`, `0x10`,
 * empty and 300-digit values, ROUNDS times, CONCURRENCY at a time, as a signed-in administrator
 * (past every role check). Meanwhile `/api/health` is asked every 100 ms. Reported: requests,
 * answers by status, health latency, the server's event-loop delay (its watchdog, reset when it
 * starts listening) and its RSS before and after. Reference in the same run: the same number of
 * `GET /api/health` requests at the same concurrency (the cheapest answer the server gives).
 */
import { loadavg } from 'node:os';
import { parseNumeric, type NumericSpec } from '../server/http/numbers.ts';
import { numericParams, sampleValue } from '../test/helpers/schemas.ts';
import { percentile, startServer } from './lib.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const PASSWORD = 'bench-fuzz-mat-khau-dai';
const BAD_TEXT = ['1e400', '-1e400', 'NaN', '1.5', '9007199254740993', '0x10', '', '9'.repeat(300)];
const BAD_JSON = ['1e400', '-1e400', '"NaN"', '1.5', '9007199254740993', '"0x10"', '""', '9'.repeat(300)];
const SAMPLE: Record<string, string> = { layer: 'ward', z: '12', x: '3253', y: '1812', id: '999999' };
const MARKER = 'FUZZ_MARKER_7f3a';

interface Req {
  method: string;
  url: string;
  body?: string;
}

type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
};

/** Requests with one bad number each, from the OpenAPI document. */
function fuzzRequests(doc: { paths: Record<string, Record<string, Operation>> }): { reqs: Req[]; params: number } {
  const reqs: Req[] = [];
  let params = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (method === 'head') continue;
      const parameters = op.parameters ?? [];
      const asSchema = (where: string) => ({
        type: 'object',
        properties: Object.fromEntries(parameters.filter((p) => p.in === where).map((p) => [p.name, p.schema])),
        required: parameters.filter((p) => p.in === where && p.required).map((p) => p.name),
      });
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const found = numericParams({ params: asSchema('path'), querystring: asSchema('query'), body: bodySchema });
      for (const p of found) {
        params++;
        for (const bad of p.part === 'body' ? BAD_JSON : BAD_TEXT) {
          if (p.part === 'params' && bad === '') continue;
          const raw: unknown = p.part === 'body' ? JSON.parse(bad) : bad;
          if (typeof parseNumeric(raw, p.spec as NumericSpec) === 'number') continue;
          const url = path.replace(/\{(\w+)\}/g, (_m, name: string) =>
            p.part === 'params' && name === p.path[0] ? encodeURIComponent(bad) : (SAMPLE[name] ?? '999999'),
          );
          const query = new URLSearchParams(
            Object.entries(sampleValue(asSchema('query')) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
          );
          if (p.part === 'querystring') query.set(p.path[0]!, bad);
          const qs = query.toString();
          const body =
            method === 'get' || method === 'delete'
              ? undefined
              : JSON.stringify(
                  sampleValue(bodySchema, p.part === 'body' ? { path: p.path, value: MARKER } : undefined),
                ).replace(`"${MARKER}"`, bad);
          reqs.push({ method: method.toUpperCase(), url: qs ? `${url}?${qs}` : url, ...(body ? { body } : {}) });
        }
      }
    }
  }
  return { reqs, params };
}

async function main() {
  const server = await startServer({ ADMIN_PASSWORD: PASSWORD, DATABASE_URL: '', IMPORT_RATE_LIMIT: '100000' }, 39431);
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: PASSWORD }),
    });
    const cookie = /atlas_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')![0];
    const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
    const headers = { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' };
    const runtime = async () =>
      (await (await fetch(`${server.url}/api/admin/runtime`, { headers })).json()) as {
        rss_bytes: number;
        event_loop: { p50_ms: number; p99_ms: number; max_ms: number };
      };
    const doc = (await (await fetch(`${server.url}/docs/json`)).json()) as Parameters<typeof fuzzRequests>[0];
    const { reqs, params } = fuzzRequests(doc);
    const all = Array.from({ length: ROUNDS }, () => reqs).flat();

    const run = async (list: Req[]) => {
      const statuses = new Map<number, number>();
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < list.length) {
            const r = list[next++]!;
            const res = await fetch(`${server.url}${r.url}`, {
              method: r.method,
              headers,
              ...(r.body ? { body: r.body } : {}),
            });
            await res.arrayBuffer();
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      );
      return { seconds: (performance.now() - started) / 1000, statuses: Object.fromEntries(statuses) };
    };

    const before = await runtime();
    const health: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        const t0 = performance.now();
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const fuzz = await run(all);
    polling = false;
    await poller;
    // The event-loop figures are the server's since it started listening: read them before the
    // reference run (as many health checks, same concurrency), which would mix in its own.
    const after = await runtime();
    const reference = await run(all.map(() => ({ method: 'GET', url: '/api/health' })));
    health.sort((a, b) => a - b);
    const mb = (b: number) => Math.round(b / 1048576);
    const report = {
      numeric_parameters: params,
      requests: all.length,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      answers_by_status: fuzz.statuses,
      fuzz_req_per_s: Math.round(all.length / fuzz.seconds),
      reference_health_req_per_s: Math.round(all.length / reference.seconds),
      health_during_fuzz_ms: {
        n: health.length,
        p50: Math.round(percentile(health, 50)),
        p99: Math.round(percentile(health, 99)),
        max: Math.round(health[health.length - 1] ?? NaN),
      },
      event_loop_ms_since_listen: after.event_loop,
      rss_mb: { before: mb(before.rss_bytes), after: mb(after.rss_bytes), os_after: mb(server.rss()) },
      machine_load_average: loadavg().map((l) => Math.round(l * 10) / 10),
    };
    console.log(JSON.stringify(report, null, 2));
  } finally {
    await server.stop();
  }
}

await main();
