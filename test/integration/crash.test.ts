import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boundaryFile } from '../helpers/shared-data.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';

const ADMIN_PASSWORD = 'crash-test-admin-pw';

async function signIn(url: string) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = /atlas_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  return { cookie: `atlas_session=${cookie}`, csrf: (await res.json()).csrf_token as string };
}

async function wardCount(url: string, s: { cookie: string }) {
  const res = await fetch(`${url}/api/units?level=ward&at=2025-08-01`, { headers: { cookie: s.cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { features: unknown[] }).features.length;
}

/**
 * Kill -9 the server (embedded database, its data folder on disk) in the middle of committing a
 * 3,321-ward import: after a restart the previous data is intact and the import left nothing.
 */
describe('a server killed in the middle of a large import', () => {
  let server: ServerProcess | undefined;
  afterAll(async () => server?.kill('SIGKILL'));

  it('leaves the previous data intact (PGlite on disk)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
    const env = { DATA_DIR: dataDir, DEMO_DATA: 'false', ADMIN_PASSWORD, DATABASE_URL: '' };
    server = await startServerProcess(env, 39311);
    let s = await signIn(server.url);
    const headers = { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/geo+json' };
    const first = await fetch(`${server.url}/api/imports/boundaries?valid_from=2025-07-01&dry_run=false`, {
      method: 'POST',
      headers,
      body: new Uint8Array(boundaryFile('vn_ninh_binh_wards_2025.geojson')),
    });
    expect(first.status).toBe(200);
    expect(await wardCount(server.url, s)).toBe(129);

    // A later version replacing them all: follow its progress lines and kill the process as soon as
    // the first batch of features is in the (still open) transaction.
    const big = await fetch(`${server.url}/api/imports/boundaries?valid_from=2026-01-01&dry_run=false&repair=true`, {
      method: 'POST',
      headers: { ...headers, accept: 'application/x-ndjson' },
      body: new Uint8Array(boundaryFile('vn_wards_2025_simplified.geojson')),
    });
    const reader = big.body!.getReader();
    let seen = '';
    while (!/"stage":"read"/.test(seen)) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    expect(seen).toMatch(/"stage":"read","features":2000/);
    expect(seen).not.toMatch(/"stage":"done"/);
    await server.kill('SIGKILL');
    await reader.read().catch(() => undefined);

    server = await startServerProcess(env, 39311);
    s = await signIn(server.url);
    expect(await wardCount(server.url, s)).toBe(129);
    const later = await fetch(`${server.url}/api/units?level=ward&at=2026-02-01`, { headers: { cookie: s.cookie } });
    expect(((await later.json()) as { features: unknown[] }).features).toHaveLength(129);
    await server.kill();
  }, 240_000);
});
