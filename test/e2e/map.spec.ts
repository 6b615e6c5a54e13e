/**
 * The first map page: the 14 wards of Ninh Bình city (2017) as a choropleth of one indicator, drawn
 * by MapLibre in a real Chromium against the real server — with no request leaving the machine.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch, type PageWatch } from './pageWatch.ts';

const WARDS_2017 = 14;
/** Signs in without the form (the page shares the request context's cookies). */
async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(
    response.status(),
    'sign-in as the e2e admin failed: if .tmp/e2e-data was created with another ADMIN_PASSWORD, delete it',
  ).toBe(200);
}

function apiCalls(seen: PageWatch, path: string): URL[] {
  return seen.requests.map((url) => new URL(url)).filter((url) => url.pathname === path);
}

/** Geometry requests: the drawn level's once, plus the groups once (hotspot outlines, drill-down). */
function expectGeometryOnce(seen: PageWatch): void {
  const units = apiCalls(seen, '/api/units').map((url) => url.search);
  expect(units.filter((search) => search.includes('level=ward'))).toHaveLength(1);
  expect(new Set(units).size, 'each level and boundary date fetched once').toBe(units.length);
}

test('signs in, then shows the 14 wards of 2017 as a choropleth, offline', async ({ page }) => {
  const seen = watch(page);
  // The wrong password below is answered 401 on purpose.
  seen.allowed.push({ path: '/api/auth/login', status: 401 });
  await page.goto('/?test=1&period=2017-12');

  // No session: the page asks to sign in, and already says the data is synthetic (public health).
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveText('Dữ liệu minh họa (demo)');
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
  await screenshot(page, 'login');
  await page.getByLabel('Tên đăng nhập').fill(E2E_USERNAME);
  await page.getByLabel('Mật khẩu').fill('not-the-password');
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(form.getByRole('alert')).toHaveText('Sai tên đăng nhập hoặc mật khẩu.');
  await page.getByLabel('Mật khẩu').fill(E2E_PASSWORD);
  await page.getByLabel('Mật khẩu').press('Enter');
  await expect(form).toBeHidden();
  await waitForMap(page);

  // No BASEMAP_PATH: no basemap and no switch, only a line for the administrator on how to add one.
  await expect(page.getByTestId('basemap-hint')).toContainText('BASEMAP_PATH');
  await expect(page.getByTestId('basemap-switch')).toHaveCount(0);
  expect(await page.evaluate(() => !!window.__map!.getSource('basemap'))).toBe(false);

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
  // …and MapLibre drew the labels with the bundled Noto Sans files it declares (fetched by script,
  // unlike the page's own fonts, which CSS loads).
  expect(seen.fetched.some((url) => /\/noto-sans-vietnamese-600-normal[^/]*\.woff2$/.test(url))).toBe(true);

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
  await expect(page.getByTestId('period-slider')).toHaveValue(String(2017 * 12 + 11));
  await expect(page.getByTestId('period-label')).toHaveText('tháng 12/2017');

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
  await waitForMap(page);
  await screenshot(page, 'map-wards-details');

  expectGeometryOnce(seen);
  expectCleanRun(seen);
});

test('changing indicator or period fetches values only, never geometry again', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);
  expectGeometryOnce(seen);
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

  // Other months, by keyboard on the slider and with the buttons: recoloured, geometry untouched.
  const slider = page.getByTestId('period-slider');
  await slider.focus();
  for (let i = 0; i < 6; i++) await slider.press('ArrowLeft');
  await page.waitForFunction(() => window.__atlas?.period === '2017-06');
  await expect(page.getByTestId('period-label')).toHaveText('tháng 6/2017');
  await expect(page.getByTestId('legend')).toContainText('tháng 6/2017');
  await page.getByRole('button', { name: 'Tháng sau' }).click();
  await page.waitForFunction(() => window.__atlas?.period === '2017-07');
  await waitForMap(page);
  await expect(slider).toHaveAttribute('aria-valuetext', 'tháng 7/2017');

  expectGeometryOnce(seen);
  expectCleanRun(seen);
});
