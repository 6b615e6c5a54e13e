/**
 * Exploring the map (issue 4): indicators, classification and legend, time (slider, play, quarters,
 * the 2025 boundary change), levels, drill-down with a chart, search without diacritics, hotspot
 * filters, the table, permalinks, the language switch and an axe-core scan — in Chromium against
 * the real server, with no page error and no request leaving the machine.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch, type PageWatch } from './pageWatch.ts';

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status()).toBe(200);
}

const calls = (seen: PageWatch, path: string) =>
  seen.requests.map((url) => new URL(url)).filter((url) => url.pathname === path);

function featureStates(page: Page) {
  return page.evaluate(() =>
    window.__atlas!.unitIds.map((id) => window.__map!.getFeatureState({ source: 'units', id })),
  );
}

async function applied(page: Page): Promise<number> {
  return (await atlasState(page))?.valuesApplied ?? 0;
}

/** Clicks the label point of the first unit whose name matches, and returns its name. */
async function clickUnit(page: Page, pattern?: RegExp): Promise<string> {
  const target = await page.evaluate((source) => {
    const m = window.__map!;
    const re = source ? new RegExp(source) : null;
    // The display name (a group with its ward, and its former ward where names repeat), as the page shows it.
    const names = new Map(
      m.querySourceFeatures('units').map((f) => [f.id, String(f.properties.display_name ?? f.properties.name)]),
    );
    const feature = m.querySourceFeatures('unit-labels').find((f) => !re || re.test(names.get(f.id) ?? ''))!;
    const [lng, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
    const point = m.project([lng, lat]);
    return { x: point.x, y: point.y, name: names.get(feature.id)! };
  }, pattern?.source);
  await page.locator('.maplibregl-canvas').click({ position: { x: target.x, y: target.y } });
  return target.name.normalize('NFC');
}

test.describe.configure({ timeout: 120_000 });

test('indicator, classification, palette and period recolour by feature-state, geometry loaded once', async ({
  page,
}) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);
  const legend = page.getByTestId('legend');
  await expect(legend).toContainText('Tỷ lệ hộ đăng ký');
  const before = await featureStates(page);

  // A ratio offers its numerator as a count: households registered, in households.
  const rate = await applied(page);
  await page.getByTestId('measure-switch').getByLabel('Số lượng (tử số)').check();
  await waitForMap(page, rate + 1);
  await expect(legend.getByTestId('legend-unit')).toHaveText('hộ');
  expect((await featureStates(page)).some((s) => typeof s.value === 'number' && s.value > 100)).toBe(true);
  await page.getByTestId('measure-switch').getByLabel('Tỷ lệ (%)').check();
  await expect(legend.getByTestId('legend-unit')).toHaveText('%');

  // Classification: quantiles in 4 classes, then another palette.
  let n = await applied(page);
  await page.getByTestId('classification-picker').selectOption('quantile');
  await page.getByTestId('class-count').selectOption('4');
  await waitForMap(page, n + 1);
  await expect(legend.getByTestId('legend-class')).toHaveCount(4);
  await expect(legend).toContainText('Phân vị');
  const counts = await legend.locator('tbody .count').allTextContents();
  expect(counts.reduce((sum, text) => sum + Number(text), 0)).toBe(14);
  await page.getByTestId('palette-picker').selectOption('Purples');
  await expect(legend).toContainText('Purples');
  // Higher is better: the darkest purple marks the lowest class.
  const swatch = await legend
    .locator('[data-testid="legend-class"] .swatch')
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(swatch).toBe('rgb(106, 81, 163)');
  await page.getByTestId('palette-picker').selectOption('');

  // Another indicator: new legend, new feature-state.
  n = await applied(page);
  await page.getByTestId('indicator-picker').selectOption('cases_total');
  await waitForMap(page, n + 1);
  await expect(legend).toContainText('Vụ án hình sự xảy ra');
  await expect(legend.getByTestId('legend-unit')).toHaveText('vụ');
  const after = await featureStates(page);
  expect(after.map((s) => s.value)).not.toEqual(before.map((s) => s.value));
  expect(after.every((s) => s.value === null || Number.isInteger(s.value))).toBe(true);

  // Per 1,000 households: a rate, with its unit.
  n = await applied(page);
  await page.getByTestId('measure-switch').getByLabel('Trên 1.000 hộ').check();
  await waitForMap(page, n + 1);
  await expect(legend.getByTestId('legend-unit')).toHaveText('vụ trên 1.000 hộ');
  await screenshot(page, 'explore-cases-per-1000');

  // Moving the period: values change, no geometry and no values request (all periods came at once).
  const units = calls(seen, '/api/units').length;
  const values = calls(seen, '/api/values').length;
  const statesBefore = await featureStates(page);
  const slider = page.getByTestId('period-slider');
  await slider.focus();
  n = await applied(page);
  for (let i = 0; i < 3; i++) await slider.press('ArrowLeft');
  await page.waitForFunction(() => window.__atlas?.period === '2017-09');
  await waitForMap(page, n + 1);
  await expect(page.getByTestId('period-label')).toHaveText('tháng 9/2017');
  expect((await featureStates(page)).map((s) => s.value)).not.toEqual(statesBefore.map((s) => s.value));
  expect(calls(seen, '/api/units')).toHaveLength(units);
  expect(calls(seen, '/api/values')).toHaveLength(values);

  // Quarters (flows summed) and a change between two periods with a diverging palette.
  await page.getByTestId('resolution-picker').selectOption('quarter');
  await page.waitForFunction(() => window.__atlas?.period === '2017-Q3');
  await expect(page.getByTestId('period-label')).toHaveText('quý 3/2017');
  await page.getByTestId('compare-toggle').check();
  await page.waitForFunction(() => window.__atlas?.from === '2016-Q3');
  await expect(legend).toContainText('Thay đổi');
  await expect(legend).toContainText('RdBu');
  await screenshot(page, 'explore-change-quarters');
  expect(calls(seen, '/api/units')).toHaveLength(units);
  expectCleanRun(seen);
});

test('play advances the periods; the 2025 boundary change redraws 3 wards with a note', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2025-04');
  await waitForMap(page);
  expect((await atlasState(page))?.unitIds).toHaveLength(14);
  await page.getByTestId('play-speed').selectOption('250');
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('play-button')).toHaveAttribute('aria-pressed', 'true');
  await page.waitForFunction(() => (window.__atlas?.period ?? '') >= '2025-07', undefined, { timeout: 30_000 });
  await page.getByTestId('play-button').click();
  await expect(page.getByTestId('play-button')).toHaveAttribute('aria-pressed', 'false');
  await page.waitForFunction(() => window.__atlas?.at === '2025-07-01' && window.__atlas.unitIds.length === 3);
  await expect(page.getByTestId('boundary-note')).toContainText('01/07/2025');
  await waitForMap(page);
  await screenshot(page, 'explore-2025-wards');

  // The year 2025 on the new boundaries: cases (entered per ward) of January–June are re-expressed
  // from the old wards through the crosswalk, and marked as such.
  await page.getByTestId('indicator-picker').selectOption('cases_total');
  await page.getByTestId('resolution-picker').selectOption('year');
  await page.waitForFunction(() => /^\d{4}$/.test(window.__atlas?.period ?? ''));
  // Play stepped every 250 ms: on a busy machine the stop lands a few months late, possibly in 2026
  // (still on the 2025-07-01 boundaries). Then the user steps back a year with the keyboard.
  if ((await atlasState(page))?.period === '2026') {
    await page.getByTestId('period-slider').focus();
    await page.keyboard.press('ArrowLeft');
  }
  await page.waitForFunction(() => window.__atlas?.period === '2025');
  await expect(page.getByTestId('unit-table')).toContainText('quy đổi');
  expect(calls(seen, '/api/units').filter((u) => u.searchParams.get('at') === '2025-07-01').length).toBeGreaterThan(0);

  // Groups at the new boundaries, re-parented: one request for their geometry, 183 groups.
  await page.getByTestId('indicator-picker').selectOption('coverage_households_safe');
  await page.getByTestId('level-switch').getByLabel('Tổ dân phố, thôn').check();
  await page.waitForFunction(() => window.__atlas?.level === 'group' && window.__atlas.unitIds.length === 183);
  await waitForMap(page);
  const groupRequests = calls(seen, '/api/units').filter((u) => u.searchParams.get('level') === 'group');
  expect(new Set(groupRequests.map((u) => u.search)).size).toBe(groupRequests.length);
  expectCleanRun(seen);
});

test('click a ward: details with rank, chart and groups; search, table and hotspots stay in sync', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);

  const name = await clickUnit(page);
  const details = page.getByTestId('details-panel');
  await expect(details.getByTestId('details-name')).toHaveText(name);
  await expect(details.getByTestId('details-rank')).toContainText('/14');
  await expect(details.getByTestId('details-chart')).toHaveAttribute('data-ready', 'true');
  await expect(details.locator('canvas')).toHaveCount(1);
  await expect(details).toContainText('Tổ dân phố, thôn trực thuộc');
  await expect(page.getByTestId('unit-table').locator('tr.selected')).toContainText(name);
  await waitForMap(page);
  await screenshot(page, 'explore-ward-details');

  // Search without diacritics, in capitals or with them: Phường Bích Đào, chosen by keyboard.
  const search = page.getByTestId('search-input');
  for (const q of ['bich dao', 'BICH DAO', 'Bích Đào']) {
    await search.fill(q);
    await expect(page.getByRole('option', { name: /Phường Bích Đào/ }).first()).toBeVisible();
  }
  await search.fill('bich dao');
  await expect(page.getByRole('option', { name: /Phường Bích Đào/ }).first()).toBeVisible();
  await search.press('Enter');
  await expect(details.getByTestId('details-name')).toHaveText('Phường Bích Đào');

  // Hotspot filters: fewer icons with one category or status off; a click in the list opens it.
  await page.waitForFunction(() => (window.__atlas?.hotspotsShown ?? 0) > 0);
  const all = (await atlasState(page))!.hotspotsShown!;
  await page.getByTestId('panel-tab-hotspots').click();
  const list = page.getByTestId('hotspot-list');
  const items = await list.getByTestId('hotspot-item').count();
  await list.getByTestId('hotspot-cat-drugs').uncheck();
  await page.waitForFunction((n) => (window.__atlas?.hotspotsShown ?? 0) < n, all);
  await list.getByTestId('hotspot-status-transforming').uncheck();
  await expect.poll(() => list.getByTestId('hotspot-item').count()).toBeLessThan(items);
  await list.getByTestId('hotspot-cat-drugs').check();
  await list.getByTestId('hotspot-status-transforming').check();
  await list.getByTestId('hotspot-item').first().click();
  await page.waitForFunction(() => window.__atlas?.level === 'group');
  await expect(details.getByTestId('hotspot-timeline')).toBeVisible();
  await waitForMap(page);
  await screenshot(page, 'explore-hotspot');
  expectCleanRun(seen);
});

test('a reloaded permalink restores the map; the language switch keeps it', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&indicator=cases_total&period=2018-03&method=equal&k=4');
  await waitForMap(page);
  const name = await clickUnit(page);
  await expect(page.getByTestId('details-name')).toHaveText(name);
  await page.waitForFunction(() => new URL(window.location.href).searchParams.has('sel'));
  await page.waitForFunction(() => !window.__map!.isMoving());
  await waitForMap(page);
  const url = page.url();
  const viewBefore = new URL(url).searchParams.get('map')!.split(',').map(Number);
  const selected = (await atlasState(page))?.selected;

  await page.goto(url);
  await waitForMap(page);
  await expect(page.getByTestId('indicator-picker')).toHaveValue('cases_total');
  await expect(page.getByTestId('period-label')).toHaveText('tháng 3/2018');
  await expect(page.getByTestId('classification-picker')).toHaveValue('equal');
  await expect(page.getByTestId('details-name')).toHaveText(name);
  expect((await atlasState(page))?.selected).toBe(selected);
  const viewAfter = await page.evaluate(() => {
    const m = window.__map!;
    return [m.getCenter().lng, m.getCenter().lat, m.getZoom()];
  });
  viewAfter.forEach((v, i) => expect(v).toBeCloseTo(viewBefore[i]!, 2));

  // English: labels, numbers and dates change; the state stays.
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByTestId('period-label')).toHaveText('Mar 2018');
  await expect(page.getByTestId('legend')).toContainText('Criminal cases');
  await expect(page.getByText('Classification', { exact: true })).toBeVisible();
  await expect(page.getByTestId('nav-map')).toHaveText('Map');
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await expect(page.getByTestId('details-name')).toHaveText(name);
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  await waitForMap(page);
  await screenshot(page, 'explore-english');
  await page.reload();
  await waitForMap(page);
  await expect(page.getByTestId('period-label')).toHaveText('Mar 2018');
  expectCleanRun(seen);
});

test('a level drawn from vector tiles (promoteId id) gets the same feature-state values', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&tiles=1&period=2017-12');
  await waitForMap(page);
  const drawn = await page.evaluate(() => {
    const m = window.__map!;
    const ids = [...new Set(m.querySourceFeatures('units', { sourceLayer: 'ward' }).map((f) => f.id))];
    const states = window.__atlas!.unitIds.map((id) => m.getFeatureState({ source: 'units', sourceLayer: 'ward', id }));
    return { type: m.getSource('units')!.type, ids, states };
  });
  expect(drawn.type).toBe('vector');
  expect(drawn.ids.sort()).toEqual([...(await atlasState(page))!.unitIds].sort());
  expect(drawn.states.every((s) => typeof s.value === 'number' && /^#/.test(String(s.color)))).toBe(true);
  expect(seen.requests.some((url) => new URL(url).pathname.startsWith('/tiles/ward/'))).toBe(true);
  // Names and boxes only (geometry=false): the table, tooltips and details work, no polygon is sent.
  const wardUnits = calls(seen, '/api/units').filter((u) => u.searchParams.get('level') === 'ward');
  expect(wardUnits.map((u) => u.searchParams.get('geometry'))).toEqual(['false']);
  await expect(page.getByTestId('unit-table').locator('tr[data-id]')).toHaveCount(drawn.ids.length);
  await page.getByTestId('panel-tab-table').click();
  const first = page.getByTestId('unit-table').locator('tr[data-id] button').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByTestId('details-name')).toHaveText(name);
  await screenshot(page, 'explore-vector-tiles');
  expectCleanRun(seen);
});

test('every control is reachable by keyboard and axe finds no serious or critical violation', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);
  await clickUnit(page);
  await expect(page.getByTestId('details-chart')).toHaveAttribute('data-ready', 'true');

  // Tab reaches the main controls, each with a visible focus outline.
  const reached = new Set<string>(['language-switch']);
  await page.getByTestId('language-switch').focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const testid = el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const outline = el ? getComputedStyle(el).outlineStyle : 'none';
      return { testid, outline };
    });
    if (info.testid) {
      reached.add(info.testid);
      expect(info.outline, `focus outline on ${info.testid}`).not.toBe('none');
    }
  }
  for (const id of [
    'language-switch',
    'indicator-picker',
    'level-switch',
    'period-slider',
    'play-button',
    'classification-picker',
    'palette-picker',
    'search-input',
  ]) {
    expect(reached, id).toContain(id);
  }

  const results = await new AxeBuilder({ page }).exclude('.maplibregl-canvas').analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    'serious or critical accessibility violations',
  ).toEqual([]);
  expectCleanRun(seen);
});
