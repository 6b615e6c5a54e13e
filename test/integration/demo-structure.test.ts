import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.ts';
import { signIn, type Client } from '../helpers/auth.ts';
import { BACKENDS, openDemoDatabase, type TestDatabase } from '../helpers/database.ts';

type Matrix = { ids: number[]; periods: string[]; values: (number | null)[][] };
type Hotspot = { unit_id: number; history: { status: string; changed_on: string }[] };

/** Structure the demo data must have for the map to tell a true story (checked through the API). */
describe.each(BACKENDS)('demo data structure on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let client: Client;
  const get = async <T>(url: string): Promise<T> => (await client.get(url)).json() as T;

  beforeAll(async () => {
    t = await openDemoDatabase(backend);
    app = await testApp(t.database);
    client = await signIn(app, 'viewer');
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it('city household coverage rises every year and stays below 100%', async () => {
    let previous = 0;
    for (let year = 2016; year <= 2026; year++) {
      const s = await get<{ indicators: Record<string, number> }>(`/api/summary?year=${year}`);
      const coverage = s.indicators.coverage_households_safe!;
      expect(coverage, String(year)).toBeGreaterThan(previous);
      expect(coverage, String(year)).toBeLessThan(1);
      expect(s.indicators.households).toBeGreaterThanOrEqual(36_000);
      expect(s.indicators.households).toBeLessThanOrEqual(40_000);
      previous = coverage;
    }
  });

  it('hotspots average at least twice the drug and gambling cases of other groups while identified, and fall once transformed', async () => {
    const q = 'level=group&from=2016-01&to=2026-10&at=2017-12-31';
    const drugs = await get<Matrix>(`/api/values?indicator=drug_cases&${q}`);
    const gambling = await get<Matrix>(`/api/values?indicator=gambling_cases&${q}`);
    const { hotspots } = await get<{ hotspots: Hotspot[] }>('/api/hotspots?at=2026-10-31');
    expect(hotspots).toHaveLength(23);
    const statusAt = (h: Hotspot, month: string) => {
      let s = 'none';
      for (const e of h.history) if (e.changed_on.slice(0, 7) <= month) s = e.status;
      return s;
    };
    const byUnit = new Map(hotspots.map((h) => [h.unit_id, h]));
    const sum = (i: number, j: number) => (drugs.values[i]![j] ?? 0) + (gambling.values[i]![j] ?? 0);
    let identified = 0;
    let identifiedN = 0;
    let transformed = 0;
    let transformedN = 0;
    let others = 0;
    let othersN = 0;
    const identifiedMonths = new Set<number>();
    drugs.ids.forEach((id, i) => {
      const h = byUnit.get(id);
      if (!h) return;
      drugs.periods.forEach((p, j) => {
        const s = statusAt(h, p);
        if (s === 'identified') {
          identified += sum(i, j);
          identifiedN++;
          identifiedMonths.add(j);
        } else if (s === 'transformed') {
          transformed += sum(i, j);
          transformedN++;
        }
      });
    });
    drugs.ids.forEach((id, i) => {
      if (byUnit.has(id)) return;
      for (const j of identifiedMonths) {
        others += sum(i, j);
        othersN++;
      }
    });
    expect(identifiedN).toBeGreaterThan(0);
    expect(transformedN).toBeGreaterThan(0);
    const identifiedAvg = identified / identifiedN;
    expect(identifiedAvg).toBeGreaterThanOrEqual(2 * (others / othersN));
    expect(transformed / transformedN).toBeLessThan(identifiedAvg / 2);
  });
});
