/**
 * Time as analysts use it, honest colours, ranks and hotspots (issue 16), in Chromium against the
 * real server: the map opens on the latest month with data; a year to date and its change against
 * the same period last year equal sums computed here from the values API; while ▶ plays the class
 * breaks stay the same and a colour keeps its value; a hotspot picked in the list flies to its
 * group, outlines it strongly and shows its own problem; a level switch that replaces the indicator
 * says so.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

test.describe.configure({ timeout: 150_000 });

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status()).toBe(200);
}

interface Values {
  ids: number[];
  periods: string[];
  values: (number | null)[][];
}

/** The JSON values matrix of an indicator at the ward level on a boundary date. */
async function valuesOf(page: Page, indicator: string, at: string, from: string, to: string): Promise<Values> {
  const q = new URLSearchParams({ indicator, level: 'ward', at, from, to });
  const response = await page.request.get(`/api/values?${q}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Values;
}

/** Σ of a unit's months from…to (inclusive), as a flow is added up. */
function sum(v: Values, id: number, from: string, to: string): number | null {
  const row = v.values[v.ids.indexOf(id)]!;
  let total: number | null = null;
  v.periods.forEach((p, j) => {
    const x = row[j];
    if (p >= from && p <= to && x !== null && x !== undefined) total = (total ?? 0) + x;
  });
  return total;
}

function featureValues(page: Page) {
  return page.evaluate(() =>
    Object.fromEntries(
      window.__atlas!.unitIds.map((id) => {
        const s = window.__map!.getFeatureState({ source: 'units', id });
        return [id, { value: s.value as number | null, color: s.color as string | null }];
      }),
    ),
  );
}

test('opens on the latest month; year to date and its change against last year are the sums of the months', async ({
  page,
}) => {
  const seen = watch(page);
  await signIn(page);
  const catalogue = (await (await page.request.get('/api/indicators')).json()) as {
    indicators: { key: string; last_period: string | null }[];
  };
  const latest = catalogue.indicators.find((i) => i.key === 'coverage_households_safe')!.last_period!;
  const lastCases = catalogue.indicators.find((i) => i.key === 'cases_total')!.last_period!;
  expect(latest).toMatch(/^\d{4}-\d{2}$/);

  // No period in the address: the latest month with data, not the first year of the demo.
  await page.goto('/?test=1');
  await waitForMap(page);
  expect((await atlasState(page))?.period).toBe(latest);
  const [year, month] = latest.split('-');
  await expect(page.getByTestId('period-label')).toHaveText(`tháng ${Number(month)}/${year}`);
  await expect(page).toHaveURL(new RegExp(`period=${latest}`));
  // Coverage of the merged wards differs by less than 2 points of 100: one class, said in words.
  const opening = Object.values(await featureValues(page))
    .map((s) => s.value)
    .filter((x): x is number => typeof x === 'number');
  const spread = Math.max(...opening) - Math.min(...opening);
  if (spread < 2) {
    await expect(page.getByTestId('legend-narrow')).toContainText('Tất cả phường, xã trong khoảng');
    await expect(page.getByTestId('legend-class')).toHaveCount(1);
  } else await expect(page.getByTestId('legend-narrow')).toHaveCount(0);
  await screenshot(page, 'time-latest-month');

  // Criminal cases, year to date.
  let n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('indicator-picker').selectOption('cases_total');
  await waitForMap(page, n + 1);
  await page.getByTestId('resolution-picker').selectOption('ytd');
  const ytd = `${lastCases}-ytd`;
  await page.waitForFunction((p) => window.__atlas?.period === p && window.__atlas.indicator === 'cases_total', ytd);
  await waitForMap(page);
  const [cy, cm] = lastCases.split('-').map(Number) as [number, number];
  await expect(page.getByTestId('period-label')).toHaveText(cm === 1 ? `tháng 1/${cy}` : `tháng 1–${cm}/${cy}`);
  const at = (await atlasState(page))!.at!;
  const lastYear = `${cy - 1}-${String(cm).padStart(2, '0')}`;
  const v = await valuesOf(page, 'cases_total', at, `${cy - 1}-01`, lastCases);
  const shown = await featureValues(page);
  const ids = Object.keys(shown).map(Number);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(shown[id]!.value ?? null).toBe(sum(v, id, `${cy}-01`, lastCases));
  await screenshot(page, 'time-ytd');

  // Against the same period last year: Σ this year − Σ last year, then in % of last year.
  n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('change-mode').selectOption('yoy');
  await page.waitForFunction((f) => window.__atlas?.compareFrom === f, `${lastYear}-ytd`);
  await waitForMap(page, n + 1);
  await expect(page.getByTestId('legend')).toContainText('Thay đổi');
  await expect(page.getByTestId('legend')).toContainText('RdBu');
  const change = await featureValues(page);
  for (const id of ids) {
    const now = sum(v, id, `${cy}-01`, lastCases);
    const before = sum(v, id, `${cy - 1}-01`, lastYear);
    expect(change[id]!.value ?? null).toBe(now === null || before === null ? null : now - before);
  }
  expect((await atlasState(page))?.fixedBreaks, 'a comparison keeps one scale over every period').toBe(true);
  await expect(page.getByTestId('legend-fixed')).toBeVisible();
  n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('change-mode').selectOption('yoy_pct');
  await waitForMap(page, n + 1);
  await expect(page.getByTestId('legend-unit')).toHaveText('%');
  const pct = await featureValues(page);
  for (const id of ids) {
    const now = sum(v, id, `${cy}-01`, lastCases)!;
    const before = sum(v, id, `${cy - 1}-01`, lastYear)!;
    if (before) expect(pct[id]!.value).toBeCloseTo(((now - before) / before) * 100, 6);
    else expect(pct[id]!.value ?? null).toBeNull();
  }
  await expect(page).toHaveURL(/change=yoy_pct/);
  await screenshot(page, 'time-ytd-change-pct');

  // The details say the change too, and which way the rank reads; rank 1 has the most cases.
  n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('change-mode').selectOption('');
  await waitForMap(page, n + 1);
  const byCases = ids
    .map((id) => ({ id, value: sum(v, id, `${cy}-01`, lastCases) ?? -1 }))
    .sort((a, b) => b.value - a.value);
  await page.getByTestId('panel-tab-table').click();
  await expect(page.getByTestId('table-rank-note')).toHaveText('Xếp hạng: 1 = cần quan tâm nhất');
  const firstRow = page.getByTestId('unit-table').locator('tr[data-id]').first();
  await expect(firstRow).toHaveAttribute('data-id', String(byCases[0]!.id));
  await firstRow.locator('button').click();
  // A pick in the table keeps the table open; the details are one tab away.
  await page.getByTestId('panel-tab-details').click();
  await expect(page.getByTestId('details-rank')).toContainText(`1/`);
  await expect(page.getByTestId('details-rank')).toContainText('1 = cần quan tâm nhất');
  await expect(page.getByTestId('details-yoy')).toBeVisible();
  expectCleanRun(seen);
});

test('while ▶ plays the class breaks stay the same, and a colour keeps its value', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&indicator=cases_total&period=2016&level=ward');
  await waitForMap(page);
  expect((await atlasState(page))?.fixedBreaks).toBe(false);
  await page.getByTestId('play-speed').selectOption('500');
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('play-button')).toHaveAttribute('aria-pressed', 'true');
  // Record what each applied period shows: breaks, and the colour of every value.
  const seenPeriods = new Map<string, { breaks: string; colors: [number, string][] }>();
  const deadline = Date.now() + 60_000;
  while (seenPeriods.size < 4 && Date.now() < deadline) {
    const snap = await page.evaluate(() => {
      const a = window.__atlas!;
      const states = a.unitIds.map((id) => window.__map!.getFeatureState({ source: 'units', id }));
      return {
        period: a.period,
        fixed: a.fixedBreaks,
        breaks: JSON.stringify(a.breaks),
        colors: states.filter((s) => typeof s.value === 'number').map((s) => [s.value, s.color] as [number, string]),
      };
    });
    if (snap.period && snap.fixed && !seenPeriods.has(snap.period)) seenPeriods.set(snap.period, snap);
    await page.waitForTimeout(150);
  }
  await expect(page.getByTestId('legend-fixed')).toBeVisible();
  await screenshot(page, 'time-playing-fixed-scale');
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('play-button')).toHaveAttribute('aria-pressed', 'false');
  expect(seenPeriods.size).toBeGreaterThanOrEqual(4);
  const snaps = [...seenPeriods.values()];
  expect(new Set(snaps.map((s) => s.breaks)).size, 'one set of breaks over every period').toBe(1);
  const colourOf = new Map<number, string>();
  for (const [value, color] of snaps.flatMap((s) => s.colors)) {
    expect(colourOf.get(value) ?? color, `value ${value} keeps its colour`).toBe(color);
    colourOf.set(value, color);
  }
  // Paused, the period's own classes again (unless one scale is asked for while comparing).
  await page.waitForFunction(() => window.__atlas?.fixedBreaks === false);
  await expect(page.getByTestId('legend-fixed')).toHaveCount(0);
  expectCleanRun(seen);
});

test('a hotspot picked in the list flies to its group, outlined, on its own problem; a level switch says so', async ({
  page,
}) => {
  const seen = watch(page);
  await signIn(page);
  // A ward-only indicator, then the group level: the indicator must change, and the page says so.
  await page.goto('/?test=1&indicator=cases_total&period=2017-12');
  await waitForMap(page);
  let n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('level-switch').getByLabel('Tổ dân phố, thôn').check();
  await waitForMap(page, n + 1);
  const notice = page.getByTestId('indicator-notice');
  await expect(notice).toContainText('Vụ án hình sự xảy ra');
  await expect(notice).toContainText((await atlasState(page))!.indicator === 'coverage_households_safe' ? 'Tỷ lệ' : '');
  expect((await atlasState(page))?.level).toBe('group');
  await screenshot(page, 'level-switch-notice');
  await notice.getByRole('button').click();
  await expect(notice).toHaveCount(0);

  // Back to the wards, then a hotspot from the list.
  n = (await atlasState(page))!.valuesApplied;
  await page.getByTestId('level-switch').getByLabel('Phường, xã').check();
  await waitForMap(page, n + 1);
  const zoomBefore = await page.evaluate(() => window.__map!.getZoom());
  await page.getByTestId('panel-tab-hotspots').click();
  const item = page.getByTestId('hotspot-item').first();
  const unitId = Number(await item.getAttribute('data-unit'));
  const hotspots = (await (await page.request.get('/api/hotspots?at=2017-12-31')).json()) as {
    hotspots: { unit_id: number; categories: string[] }[];
  };
  const own = {
    drugs: 'drug_cases',
    gambling: 'gambling_cases',
    urban_order: 'public_order_incidents',
    sanitation: 'sanitation_complaints',
  };
  const problem = own[hotspots.hotspots.find((h) => h.unit_id === unitId)!.categories[0] as keyof typeof own];
  await item.click();
  await page.waitForFunction(
    ([id, key]) =>
      window.__atlas?.hotspotFocus === id && window.__atlas.indicator === key && window.__atlas.level === 'group',
    [unitId, problem] as const,
    { timeout: 60_000 },
  );
  await waitForMap(page);
  await page.waitForFunction(() => !window.__map!.isMoving());
  const map = await page.evaluate(() => {
    const m = window.__map!;
    return {
      zoom: m.getZoom(),
      filter: m.getFilter('hotspot-focus'),
      halo: m.getFilter('hotspot-focus-halo'),
      width: m.getPaintProperty('hotspot-focus', 'line-width'),
      rendered: m.queryRenderedFeatures({ layers: ['hotspot-focus'] }).map((f) => f.properties.unit_id),
    };
  });
  expect(map.zoom).toBeGreaterThan(zoomBefore + 1);
  expect(map.filter).toEqual(['==', ['get', 'unit_id'], unitId]);
  expect(map.halo).toEqual(['==', ['get', 'unit_id'], unitId]);
  expect(Number(map.width)).toBeGreaterThanOrEqual(4);
  expect(map.rendered).toContain(unitId);
  await expect(page.getByTestId('indicator-picker')).toHaveValue(problem);
  await expect(page.getByTestId('indicator-notice')).toBeVisible();
  // Its chart shows its status periods as bands.
  await expect(page.getByTestId('details-chart')).toHaveAttribute('data-ready', 'true');
  expect(Number(await page.getByTestId('details-chart').getAttribute('data-bands'))).toBeGreaterThan(0);
  await expect(page.getByTestId('chart-bands-note')).toBeVisible();
  await screenshot(page, 'hotspot-focus');
  expectCleanRun(seen);
});
