/**
 * The web app as pages: English on every page (no Vietnamese interface text left, data names
 * aside), each page's own address keys (the planning window does not open the map in compare mode),
 * old permalinks opening the same view as before, and exports drawing what the map already loaded
 * (the shared source cache: nothing fetched again).
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch, type PageWatch } from './pageWatch.ts';

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status()).toBe(200);
}

/**
 * Visible text with a letter only Vietnamese uses, outside data (names of units, people, plans and
 * views are marked `translate="no"`; the language switch names Vietnamese in Vietnamese,
 * `lang="vi"`). Options of a visible select count as visible. Also the document title.
 */
async function vietnameseText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
    const found: string[] = [];
    if (VIETNAMESE.test(document.title)) found.push(`title: ${document.title}`);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim() ?? '';
      const el = node.parentElement;
      if (!text || !el || !VIETNAMESE.test(text)) continue;
      if (el.closest('[translate="no"], [lang="vi"], script, style, noscript')) continue;
      const box = el.tagName === 'OPTION' || el.tagName === 'OPTGROUP' ? el.closest('select') : el;
      if (!box?.checkVisibility({ visibilityProperty: true })) continue;
      const where = el.closest('[data-testid]')?.getAttribute('data-testid') ?? el.tagName.toLowerCase();
      found.push(`${where}: ${text.slice(0, 80)}`);
    }
    return found;
  });
}

async function expectEnglish(page: Page, name: string): Promise<void> {
  expect.soft(await vietnameseText(page), `Vietnamese interface text on the ${name} page`).toEqual([]);
}

/** Opens a page from the header and waits for its heading. */
async function openPage(page: Page, view: string, ready: string): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await expect(page.getByTestId(ready)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Loading…$/ })).toHaveCount(0);
}

function fetchedPaths(seen: PageWatch, paths: readonly string[]): string[] {
  return seen.fetched
    .map((url) => new URL(url))
    .filter((u) => paths.includes(u.pathname))
    .map((u) => u.pathname + u.search);
}

test('in English, every page speaks English: map, planning, briefings, presentation, data, account, users, audit, sign-in', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  await signIn(page);
  // A saved view to present (a title is data: the user's own words).
  const created = await page.request.post('/api/views', {
    data: { title: 'Án hình sự năm 2017', note: 'Ghi chú', state: { indicator: 'cases_total', period: '2017' } },
    headers: { 'x-csrf-token': (await (await page.request.get('/api/auth/me')).json()).csrf_token },
  });
  expect(created.status()).toBe(201);
  const viewId = (await created.json()).id as number;

  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.getByTestId('nav-map')).toHaveText('Map');
  // A selected ward shows its details, chart, groups and hotspots.
  await page.getByTestId('panel-tab-table').click();
  await page.getByTestId('unit-table').locator('tbody button').first().click();
  // A pick in the table keeps the table in view; its details are one tab away.
  await page.getByTestId('panel-tab-details').click();
  await expect(page.getByTestId('details-name')).toBeVisible();
  await expect(page).toHaveTitle('ANTT Atlas — Security and order indicator map');
  await expectEnglish(page, 'map');
  await screenshot(page, 'english-map');

  await openPage(page, 'plans', 'plans-page');
  await expect(page.getByTestId('plans-page')).not.toHaveAttribute('data-ranked', '0');
  await expectEnglish(page, 'planning (ranking)');
  for (const tab of ['plan', 'progress', 'compare']) {
    await page.getByTestId(`plans-tab-${tab}`).click();
    await expectEnglish(page, `planning (${tab})`);
  }

  await openPage(page, 'briefings', 'briefings-page');
  await expect(page.getByTestId('view-item').first()).toBeVisible();
  await expectEnglish(page, 'briefings');
  await expect(page).toHaveTitle('Briefings and exports — ANTT Atlas');

  await openPage(page, 'data', 'data-page');
  for (const section of ['boundaries', 'crosswalk', 'indicators', 'edits', 'hotspots', 'demo']) {
    await page.getByTestId(`data-tab-${section}`).click();
    await expect(page.getByRole('status').filter({ hasText: /^Loading…$/ })).toHaveCount(0);
    await expectEnglish(page, `data (${section})`);
  }

  await openPage(page, 'account', 'account');
  await expectEnglish(page, 'account');
  await openPage(page, 'admin', 'admin-users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await expectEnglish(page, 'users');
  await page.getByRole('button', { name: 'Add a user' }).click();
  await page.getByRole('button', { name: 'Create user' }).click();
  await expect(page.locator('#uf-username-error')).toBeVisible();
  await expectEnglish(page, 'users (form errors)');
  await openPage(page, 'audit', 'admin-audit');
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
  await expectEnglish(page, 'audit');

  await page.goto(`/?test=1&lang=en&view=present&views=${viewId}`);
  await waitForMap(page);
  await expect(page.getByTestId('present-legend-title')).toHaveText('Criminal cases');
  await expectEnglish(page, 'presentation');
  await expect(page).toHaveTitle(/— Presentation — ANTT Atlas$/);

  // Signed out: the sign-in form, and its refusal, in English.
  seen.allowed.push({ path: '/api/auth/login', status: 401 });
  await page.goto('/?test=1&lang=en&period=2017-12');
  await waitForMap(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await page.getByLabel('Username').fill(E2E_USERNAME);
  await page.getByLabel('Password').fill('not-the-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Wrong username or password.');
  await expectEnglish(page, 'sign-in');
  await screenshot(page, 'english-sign-in');

  await page.request.post('/api/auth/login', { data: { username: E2E_USERNAME, password: E2E_PASSWORD } });
  const csrf = (await (await page.request.get('/api/auth/me')).json()).csrf_token;
  await page.request.delete(`/api/views/${viewId}`, { headers: { 'x-csrf-token': csrf } });
  expectCleanRun(seen);
});

test('a planning window set first does not open the map in compare mode; each page keeps its own keys', async ({
  page,
}) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&view=plans');
  await expect(page.getByTestId('rank-controls')).toBeVisible();
  // Months typed as Vietnamese write them (mm/yyyy).
  await page.getByTestId('rank-from').fill('01/2017');
  await page.getByTestId('rank-to').fill('12/2017');
  await expect(page).toHaveURL(/from=2017-01/);
  await expect(page).toHaveURL(/to=2017-12/);

  // The map, opened for the first time: one period, not the change from the planning window's start.
  await page.getByTestId('nav-map').click();
  await waitForMap(page);
  const atlas = await atlasState(page);
  expect(atlas?.from).toBeNull();
  await expect(page.getByTestId('compare-toggle')).not.toBeChecked();
  const url = new URL(page.url());
  expect(url.searchParams.get('from')).toBeNull();
  expect(url.searchParams.get('to')).toBeNull();
  expect(url.searchParams.get('view')).toBeNull();

  // Back to planning: its window comes back with it, and Back in the browser returns to the map.
  await page.getByTestId('nav-plans').click();
  await expect(page.getByTestId('rank-from')).toHaveValue('01/2017');
  await expect(page).toHaveURL(/from=2017-01/);
  expect(new URL(page.url()).searchParams.get('indicator')).toBeNull();
  await page.goBack();
  await expect(page.getByTestId('nav-map')).toHaveAttribute('aria-current', 'page');
  expectCleanRun(seen);
});

test('old permalinks open the same view as before', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);

  // The map of a comparison, by groups, equal intervals, in English.
  await page.goto('/?test=1&indicator=drug_cases&period=2018-03&from=2017-03&method=equal&k=4&level=group&lang=en');
  await waitForMap(page);
  const map = await atlasState(page);
  expect(map).toMatchObject({ indicator: 'drug_cases', period: '2018-03', from: '2017-03', level: 'group' });
  await expect(page.getByTestId('compare-toggle')).toBeChecked();
  await expect(page.getByTestId('classification-picker')).toHaveValue('equal');
  await expect(page.getByTestId('period-label')).toHaveText('Mar 2018');

  // Planning: its tab, window and normalisation.
  await page.goto('/?test=1&view=plans&tab=compare&from=2017-01&to=2017-06&norm=rank');
  await expect(page.getByTestId('plans-tab-compare')).toHaveAttribute('aria-selected', 'true');
  await page.getByTestId('plans-tab-rank').click();
  await expect(page.getByTestId('rank-from')).toHaveValue('01/2017');
  await expect(page.getByTestId('rank-to')).toHaveValue('06/2017');
  await expect(page.getByTestId('method-rank')).toBeChecked();

  // Data management by its old `tab` (now `section`).
  await page.goto('/?test=1&view=data&tab=hotspots');
  await expect(page.getByTestId('data-tab-hotspots')).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/section=hotspots/);

  // The briefing page opened with the map's keys: the current map is that one.
  await page.goto('/?test=1&view=briefings&indicator=drug_cases&period=2017');
  await expect(page.getByTestId('current-map')).toContainText('năm 2017');
  await expect(page.getByTestId('current-map')).toContainText('ma túy');
  expectCleanRun(seen);
});

test('exporting the map on screen fetches nothing it already has', async ({ page }) => {
  test.setTimeout(120_000);
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&indicator=coverage_households_safe&period=2017-12');
  await waitForMap(page);
  // The map has its catalogue, values, geometry (wards, groups) and hotspots.
  await expect.poll(() => fetchedPaths(seen, ['/api/hotspots']).length).toBe(1);
  const MAP_DATA = ['/api/indicators', '/api/values', '/api/values/ids', '/api/units', '/api/hotspots'];
  const before = fetchedPaths(seen, MAP_DATA);
  expect(before.filter((p) => p.startsWith('/api/values?')).length).toBeGreaterThan(0);
  expect(before.filter((p) => p.startsWith('/api/units?')).length).toBeGreaterThan(0);

  await page.getByTestId('map-export').click();
  await page.getByTestId('export-size').selectOption('hd');
  const download = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  await download;
  await expect(page.getByTestId('export-status')).toContainText('1920×1080');
  // Only what an export asks fresh on purpose (settings, demo flag), nothing of the map's data.
  expect(fetchedPaths(seen, MAP_DATA)).toEqual(before);
  expectCleanRun(seen);
});
