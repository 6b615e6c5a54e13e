/**
 * The first map page: the 14 wards of Ninh Bình city (2017) as a choropleth of one indicator, drawn
 * by MapLibre in a real Chromium against the real server — with no request leaving the machine.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type Request } from '@playwright/test';
import type { AtlasTestState } from '../../web/src/testHooks.ts';

const WARDS_2017 = 14;
const SCREENSHOTS = 'test-results/screenshots';

/** What a page did that a test may object to, collected from the moment it opens. */
interface PageWatch {
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to anything but this machine (or data:/blob: URLs). */
  outside: string[];
  requests: string[];
}

function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

function watch(page: Page): PageWatch {
  const seen: PageWatch = { pageErrors: [], consoleErrors: [], outside: [], requests: [] };
  page.on('pageerror', (error) => seen.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(message.text());
  });
  page.on('request', (request: Request) => {
    seen.requests.push(request.url());
    if (!isLocal(request.url())) seen.outside.push(request.url());
  });
  return seen;
}

function apiCalls(seen: PageWatch, path: string): URL[] {
  return seen.requests.map((url) => new URL(url)).filter((url) => url.pathname === path);
}

function atlasState(page: Page): Promise<AtlasTestState | undefined> {
  return page.evaluate(() => window.__atlas);
}

/** Waits until values have been applied `count` times and the map has drawn everything (idle). */
async function waitForMap(page: Page, count = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const atlas = window.__atlas;
      if (atlas?.error) throw new Error(`The page shows an error: ${atlas.error}`);
      return (atlas?.valuesApplied ?? 0) >= n && window.__map?.loaded() === true;
    },
    count,
    { timeout: 60_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
  await test.info().attach(name, { path: `${SCREENSHOTS}/${name}.png`, contentType: 'image/png' });
}

function expectCleanRun(seen: PageWatch): void {
  expect(seen.outside, 'requests that left the machine').toEqual([]);
  expect(seen.pageErrors, 'uncaught page errors').toEqual([]);
  expect(seen.consoleErrors, 'console errors').toEqual([]);
}

test('shows the 14 wards of 2017 as a choropleth, offline', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/?test=1');
  await waitForMap(page);

  const atlas = await atlasState(page);
  expect(atlas?.indicator).toBe('coverage_households_safe');
  expect(atlas?.period).toBe('2017-12');
  expect(atlas?.unitIds).toHaveLength(WARDS_2017);

  // Every ward is in the source once, and all of them are drawn in the current view.
  const map = await page.evaluate(() => {
    const m = window.__map!;
    const sourceIds = new Set(m.querySourceFeatures('units').map((f) => f.id));
    const renderedIds = new Set(m.queryRenderedFeatures({ layers: ['units-fill'] }).map((f) => f.id));
    const states = window.__atlas!.unitIds.map((id) => m.getFeatureState({ source: 'units', id }));
    const labels = m.queryRenderedFeatures({ layers: ['unit-labels'] }).map((f) => String(f.properties.label));
    const style = m.getStyle();
    return { sourceIds: [...sourceIds], renderedIds: [...renderedIds], states, labels, style };
  });
  expect(map.sourceIds).toHaveLength(WARDS_2017);
  expect(map.renderedIds).toHaveLength(WARDS_2017);

  // Values arrived as feature-state: a share in percent and a colour for each ward.
  for (const state of map.states) {
    expect(typeof state.value, JSON.stringify(state)).toBe('number');
    expect(state.value).toBeGreaterThanOrEqual(0);
    expect(state.value).toBeLessThanOrEqual(100);
    expect(state.cls).toBeGreaterThanOrEqual(0);
    expect(state.color).toMatch(/^#[0-9a-f]{6}$/);
  }

  // Ward names are drawn, in composed Unicode, with their Vietnamese letters.
  expect(map.labels.length).toBeGreaterThanOrEqual(10);
  for (const label of map.labels) expect(label).toBe(label.normalize('NFC'));
  expect(map.labels.join(' ')).toMatch(/[ăâđêôơưÀ-ỹ]/i);

  // The style points nowhere outside: no glyph server, no sprite, sources inline.
  expect(map.style.glyphs).toBeUndefined();
  expect(map.style.sprite).toBeUndefined();
  expect(map.style['font-faces']).toBeDefined();

  // The legend: classes with colours, counts adding up to the 14 wards, a no-data class, the unit.
  const legend = page.getByTestId('legend');
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('Tỷ lệ hộ đăng ký');
  await expect(legend.getByTestId('legend-unit')).toHaveText('%');
  await expect(legend.getByTestId('legend-nodata')).toContainText('Không có dữ liệu');
  const classRows = legend.getByTestId('legend-class');
  expect(await classRows.count()).toBeGreaterThanOrEqual(2);
  const counts = await legend.locator('tbody .count').allTextContents();
  expect(counts.reduce((sum, text) => sum + Number(text), 0)).toBe(WARDS_2017);
  const legendColors = await legend
    .locator('[data-testid="legend-class"] .swatch')
    .evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
  expect(new Set(legendColors).size).toBe(legendColors.length);

  // The API says the data is synthetic, and the page says so.
  await expect(page.getByTestId('demo-badge')).toHaveText('Dữ liệu minh họa (demo)');
  await expect(page.getByTestId('indicator-picker')).toHaveValue('coverage_households_safe');
  await expect(page.getByTestId('period-slider')).toHaveValue('2017-12');

  // The canvas can be exported (preserveDrawingBuffer): it holds the choropleth, not a blank image.
  const colours = await page.evaluate(() => {
    const source = window.__map!.getCanvas();
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d')!;
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const distinct = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) distinct.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return distinct.size;
  });
  expect(colours).toBeGreaterThan(5);

  await screenshot(page, 'map-wards');

  // Clicking a ward shows its details.
  const target = await page.evaluate(() => {
    const m = window.__map!;
    const feature = m.querySourceFeatures('unit-labels')[0]!;
    const [lng, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
    const point = m.project([lng, lat]);
    const name = m.querySourceFeatures('units').find((f) => f.id === feature.id)?.properties.name as string;
    return { x: point.x, y: point.y, name };
  });
  await page.locator('.maplibregl-canvas').click({ position: { x: target.x, y: target.y } });
  await expect(page.getByTestId('details-panel')).toContainText(target.name.normalize('NFC'));
  await expect(page.getByTestId('details-value')).toContainText('%');

  expect(apiCalls(seen, '/api/units')).toHaveLength(1);
  expectCleanRun(seen);
});

test('changing indicator or period fetches values only, never geometry again', async ({ page }) => {
  const seen = watch(page);
  await page.goto('/?test=1');
  await waitForMap(page);
  expect(apiCalls(seen, '/api/units')).toHaveLength(1);
  const valuesBefore = apiCalls(seen, '/api/values').length;
  const applied = (await atlasState(page))!.valuesApplied;

  // A count where higher is worse: dark red marks the wards with the most cases.
  await page.getByTestId('indicator-picker').selectOption('cases_total');
  await waitForMap(page, applied + 1);
  expect((await atlasState(page))?.indicator).toBe('cases_total');
  const values = apiCalls(seen, '/api/values').slice(valuesBefore);
  expect(values.length).toBeGreaterThanOrEqual(1);
  expect(values.at(-1)?.searchParams.get('indicator')).toBe('cases_total');
  expect(values.at(-1)?.searchParams.get('level')).toBe('ward');
  await expect(page.getByTestId('legend')).toContainText('Vụ án hình sự xảy ra');
  const states = await page.evaluate(() =>
    window.__atlas!.unitIds.map((id) => window.__map!.getFeatureState({ source: 'units', id })),
  );
  expect(states.filter((s) => typeof s.value === 'number').length).toBeGreaterThan(0);
  await screenshot(page, 'map-wards-cases');

  // Another month: the values are recoloured, the geometry stays.
  await page.getByTestId('period-slider').fill('2017-06');
  await waitForMap(page, applied + 2);
  expect((await atlasState(page))?.period).toBe('2017-06');
  await expect(page.getByTestId('legend')).toContainText('tháng 6/2017');

  expect(apiCalls(seen, '/api/units')).toHaveLength(1);
  expectCleanRun(seen);
});
