/**
 * Presentation mode on a 1080p projector read from 6 m: projector mode is on by itself at
 * 1920×1080; ward labels are drawn at 20 px or more (read from the map's style), the map fills most
 * of the slide, the legend is large and explains every hotspot icon drawn, and while the slide plays
 * through time its title names the period the map shows. Turning the mode off gives the usual sizes.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

test.use({ viewport: { width: 1920, height: 1080 } });

async function signIn(page: Page): Promise<string> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin').toBe(200);
  return ((await response.json()) as { csrf_token: string }).csrf_token;
}

/** The label size MapLibre uses at the map's zoom, from the layer's own `text-size` expression. */
function labelSize(page: Page): Promise<{ zoom: number; size: number }> {
  return page.evaluate(() => {
    const m = window.__map!;
    const zoom = m.getZoom();
    // The interpolation's stops: ['interpolate', ['linear'], ['zoom'], z0, s0, z1, s1, …].
    const stops = (m.getLayoutProperty('unit-labels', 'text-size') as unknown[]).slice(3) as number[];
    let size = stops[1]!;
    for (let i = 0; i + 2 < stops.length; i += 2) {
      const [z0, s0, z1, s1] = [stops[i]!, stops[i + 1]!, stops[i + 2]!, stops[i + 3]!];
      if (zoom >= z1) size = s1;
      else if (zoom > z0) size = s0 + ((zoom - z0) / (z1 - z0)) * (s1 - s0);
      else if (zoom <= z0 && i === 0) size = s0;
    }
    return { zoom, size };
  });
}

test('projector mode: large labels and legend, the map fills the slide, the title follows the period', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  const headers = { 'x-csrf-token': await signIn(page) };
  const view = await page.request.post('/api/views', {
    headers,
    data: {
      title: 'Ma túy năm 2017',
      note: '',
      state: { indicator: 'drug_cases', period: '2017', level: 'ward' },
    },
  });
  expect(view.status(), await view.text()).toBe(201);
  const id = ((await view.json()) as { id: number }).id;

  await page.goto(`/?test=1&view=present&views=${id}`);
  await waitForMap(page);
  await expect(page.getByTestId('present-projector')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('slide-title')).toHaveText('Ma túy năm 2017');

  // Ward labels of 20 px and more at the zoom shown, and drawn.
  const big = await labelSize(page);
  expect(big.size, `label size at zoom ${big.zoom.toFixed(2)}`).toBeGreaterThanOrEqual(20);
  const drawn = await page.evaluate(() => window.__map!.queryRenderedFeatures({ layers: ['unit-labels'] }).length);
  expect(drawn).toBeGreaterThanOrEqual(8);

  // The map fills most of the slide (it had a third of it beside a legend column).
  const share = await page.evaluate(() => {
    const r = window.__map!.getCanvas().getBoundingClientRect();
    return (r.width * r.height) / (innerWidth * innerHeight);
  });
  expect(share, 'the map area as a share of the slide').toBeGreaterThanOrEqual(0.75);

  // A large legend, and an entry for every hotspot icon on the map.
  const legendRow = page.getByTestId('present-legend-class').first();
  const rowFont = await legendRow.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(rowFont).toBeGreaterThanOrEqual(24);
  await expect.poll(async () => (await atlasState(page))?.hotspotsShown ?? 0).toBeGreaterThan(0);
  const onMap = await page.evaluate(() => [
    ...new Set(
      window
        .__map!.querySourceFeatures('hotspot-points')
        .map((f) => String(f.properties.icon).replace(/^hotspot-/, '')),
    ),
  ]);
  const entries = page.getByTestId('present-hotspot-icon');
  await expect(entries).toHaveCount(onMap.length);
  const explained = await entries.evaluateAll((els) => els.map((el) => el.getAttribute('data-icon')));
  expect(explained.sort()).toEqual(onMap.sort());
  await expect(entries.first()).toContainText(/Ma túy|Cờ bạc|Trật tự đô thị|Vệ sinh môi trường/);
  const iconLoaded = await entries
    .first()
    .locator('img')
    .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
  expect(iconLoaded).toBe(true);
  await screenshot(page, 'present-projector-1920x1080');

  // Play until the map shows another year, pause: the title names the year shown.
  await page.getByTestId('slide-play').click();
  await expect.poll(async () => (await atlasState(page))?.period, { timeout: 30_000 }).not.toBe('2017');
  await page.getByTestId('slide-play').click();
  await expect(page.getByTestId('slide-play')).toHaveAttribute('aria-pressed', 'false');
  await waitForMap(page);
  const period = (await atlasState(page))!.period!;
  expect(period).toMatch(/^20\d\d$/);
  expect(period).not.toBe('2017');
  await expect(page.getByTestId('slide-title')).toHaveText(`Ma túy năm ${period}`);
  await expect(page.getByTestId('present-period')).toHaveText(`năm ${period}`);
  await screenshot(page, 'present-projector-playing');

  // Off: the usual sizes, and the legend back in its column.
  await page.getByTestId('present-projector').click();
  await expect(page.getByTestId('present-projector')).toHaveAttribute('aria-pressed', 'false');
  expect((await labelSize(page)).size).toBeLessThan(20);

  expectCleanRun(seen);
});
