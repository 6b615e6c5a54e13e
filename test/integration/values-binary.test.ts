import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeValues, toJsonShape } from '../../geo/values-codec.ts';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

const BIN = 'application/octet-stream';
const QUERIES = [
  // counts entered per group, summed into wards (Float32 on the wire)
  'indicator=drug_cases&level=ward&from=2016-01&to=2017-12&at=2017-12-31',
  'indicator=drug_cases&level=group&from=2017-01&to=2017-12&at=2017-12-31',
  // a ratio (Float64 on the wire) and cells re-expressed across the 2025 merger
  'indicator=coverage_households_safe&level=ward&from=2016-01&to=2017-12&at=2017-12-31',
  'indicator=drug_cases&level=ward&from=2017-01&to=2017-12&at=2025-08-01',
];

function bodyBytes(res: { rawPayload: Buffer }): Uint8Array {
  return new Uint8Array(res.rawPayload);
}

describe.each(BACKENDS)('values binary representation on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let all: Client;
  let scoped: Client;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    all = await signIn(app, 'commander');
    scoped = await signIn(app, 'viewer', { wardCodes: ['14332'], at: '2017-12-31' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it.each(QUERIES)('decodes to exactly the JSON matrix: %s', async (q) => {
    const json = (await all.get(`/api/values?${q}`)).json();
    for (const res of [
      await all.get(`/api/values?${q}&format=bin`),
      await all.get(`/api/values?${q}`, { accept: BIN }),
    ]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe(BIN);
      const d = decodeValues(bodyBytes(res));
      expect(d.header).toMatchObject({ indicator: json.indicator, level: json.level, at: json.at, demo: json.demo });
      expect(d.header.idsIncluded).toBe(true);
      expect(toJsonShape(d)).toEqual({
        ids: json.ids,
        periods: json.periods,
        values: json.values,
        reexpressed: [...json.reexpressed].sort((a: number[], b: number[]) => a[0]! - b[0]! || a[1]! - b[1]!),
      });
    }
  });

  it('uses Float32 for counts (≤ 4 bytes per value without ids) and Float64 only where needed', async () => {
    const counts = decodeValues(bodyBytes(await all.get(`/api/values?${QUERIES[1]}&format=bin`)));
    expect(counts.header.dtype).toBe('f32');
    const ratio = decodeValues(bodyBytes(await all.get(`/api/values?${QUERIES[2]}&format=bin`)));
    expect(ratio.header.dtype).toBe('f64');
    expect(ratio.reexpressed.length).toBeGreaterThanOrEqual(0);
  });

  it('serves the ids list once per boundary version and omits it from bodies that name it', async () => {
    const q = QUERIES[1]!;
    const full = await all.get(`/api/values?${q}&format=bin`);
    const d = decodeValues(bodyBytes(full));
    const idsRes = await all.get('/api/values/ids?level=group&at=2017-12-31');
    expect(idsRes.statusCode).toBe(200);
    expect(idsRes.headers['content-type']).toBe(BIN);
    expect(idsRes.headers.etag).toBe(`"${d.header.idsVersion}"`);
    const ids = new Int32Array(new Uint8Array(idsRes.rawPayload).slice().buffer);
    expect(Array.from(ids)).toEqual(Array.from(d.ids));
    expect(
      (await all.get('/api/values/ids?level=group&at=2017-12-31', { 'if-none-match': idsRes.headers.etag as string }))
        .statusCode,
    ).toBe(304);

    const lean = await all.get(`/api/values?${q}&format=bin&ids_version=${d.header.idsVersion}`);
    expect(lean.rawPayload.byteLength).toBeLessThan(full.rawPayload.byteLength);
    const dl = decodeValues(bodyBytes(lean), ids);
    expect(dl.header.idsIncluded).toBe(false);
    expect(toJsonShape(dl)).toEqual(toJsonShape(d));
    // values + header only: at most 4 bytes per value plus the header
    const cells = d.header.n * d.header.periods.length;
    expect(lean.rawPayload.byteLength).toBeLessThanOrEqual(cells * 4 + 1024);
    expect(() => decodeValues(bodyBytes(lean))).toThrow(/ids list/);
    // a stale version gets the ids back
    expect(
      decodeValues(bodyBytes(await all.get(`/api/values?${q}&format=bin&ids_version=stale`))).header.idsIncluded,
    ).toBe(true);
  });

  it('answers If-None-Match with 304, per representation, with private caching', async () => {
    const q = QUERIES[0]!;
    for (const extra of ['', '&format=bin']) {
      const first = await all.get(`/api/values?${q}${extra}`);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers['cache-control']).toContain('private');
      expect(first.headers.vary).toContain('Cookie');
      const again = await all.get(`/api/values?${q}${extra}`, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await all.get(`/api/values?${q}${extra}`, { 'if-none-match': '"other"' })).statusCode).toBe(200);
    }
    const json = await all.get(`/api/values?${q}`);
    const bin = await all.get(`/api/values?${q}&format=bin`);
    expect(json.headers.etag).not.toBe(bin.headers.etag);
  });

  it('respects the caller’s scope in the binary body, the ids list and the ETag', async () => {
    const q = QUERIES[1]!;
    const allRes = await all.get(`/api/values?${q}&format=bin`);
    const mine = await scoped.get(`/api/values?${q}&format=bin`);
    const dAll = decodeValues(bodyBytes(allRes));
    const dMine = decodeValues(bodyBytes(mine));
    const json = (await scoped.get(`/api/values?${q}`)).json();
    expect(dMine.header.n).toBeGreaterThan(0);
    expect(dMine.header.n).toBeLessThan(dAll.header.n);
    expect(Array.from(dMine.ids)).toEqual(json.ids);
    expect(toJsonShape(dMine).values).toEqual(json.values);
    expect(mine.headers.etag).not.toBe(allRes.headers.etag);
    // the whole-area ETag does not revalidate the scoped user's copy
    expect(
      (await scoped.get(`/api/values?${q}&format=bin`, { 'if-none-match': allRes.headers.etag as string })).statusCode,
    ).toBe(200);
    const ids = await scoped.get('/api/values/ids?level=group&at=2017-12-31');
    expect(Array.from(new Int32Array(new Uint8Array(ids.rawPayload).slice().buffer))).toEqual(json.ids);
    // no session, no values
    expect((await app.inject({ url: `/api/values?${q}&format=bin` })).statusCode).toBe(401);
  });

  it('rejects a bad format', async () => {
    const res = await all.get(`/api/values?${QUERIES[0]}&format=xml`);
    expect(res.statusCode).toBe(400);
  });
});
