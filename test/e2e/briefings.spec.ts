/**
 * Saved views, briefings and the annual summary (issue 8), in Chromium against the real server:
 * three map states chosen on the map (address and controls), saved from the briefing page, one
 * renamed, reordered, a briefing built from them in a chosen order that survives a reload; the
 * annual summary shows 2017 and its XLSX downloads and reads back — no page error, nothing leaves
 * the machine.
 */
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

test.describe.configure({ timeout: 180_000 });

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status()).toBe(200);
}

/** Starts from nothing saved: the views and briefings earlier runs left on this data dir go. */
async function clearSaved(page: Page): Promise<void> {
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrf_token as string };
  for (const b of (await (await page.request.get('/api/briefings')).json()).briefings) {
    expect((await page.request.delete(`/api/briefings/${b.id}`, { headers })).status()).toBe(204);
  }
  for (const v of (await (await page.request.get('/api/views')).json()).views) {
    expect((await page.request.delete(`/api/views/${v.id}`, { headers })).status()).toBe(204);
  }
}

/** From the map, the briefing page through the top navigation (the map's state stays in the address). */
async function toBriefings(page: Page): Promise<void> {
  await page.getByTestId('nav-briefings').click();
  await expect(page.getByTestId('briefings-page')).toBeVisible();
}

async function saveCurrent(page: Page, title: string, note = ''): Promise<void> {
  const form = page.getByTestId('save-view');
  await form.getByTestId('save-view-title').fill(title);
  if (note) await form.getByTestId('save-view-note').fill(note);
  await form.getByTestId('save-view-submit').click();
  await expect(form.getByTestId('save-view-message')).toContainText(title);
  await expect(page.getByTestId('view-title').filter({ hasText: title })).toHaveCount(1);
}

const viewTitles = (page: Page) => page.getByTestId('view-title').allTextContents();
const chosenTitles = (page: Page) =>
  page
    .getByTestId('briefing-chosen-item')
    .evaluateAll((items) => items.map((li) => li.querySelector('span')?.textContent?.trim()));

test('save three map states, rename, reorder, build a briefing; annual summary with XLSX', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await clearSaved(page);

  // 1. By the address: drug incidents over the year 2017, wards.
  await page.goto('/?indicator=drug_cases&period=2017&test=1');
  await waitForMap(page);
  await toBriefings(page);
  await expect(page.getByTestId('current-map')).toContainText('Vụ việc liên quan ma túy');
  await expect(page.getByTestId('current-map')).toContainText('năm 2017');
  await saveCurrent(page, 'Ma túy năm 2017', 'Số vụ cả năm theo phường');

  // 2. With the map's controls: the same indicator by groups.
  await page.getByTestId('nav-map').click();
  await waitForMap(page);
  const before = await page.evaluate(() => window.__atlas?.valuesApplied ?? 0);
  await page.getByTestId('level-switch').getByLabel('Tổ dân phố, thôn').check();
  await waitForMap(page, before + 1);
  await expect(page).toHaveURL(/level=group/);
  await toBriefings(page);
  await expect(page.getByTestId('current-map')).toContainText('tổ dân phố, thôn');
  await saveCurrent(page, 'Ma túy theo tổ');

  // 3. By the address again: criminal cases in the last quarter of 2016.
  await page.goto('/?indicator=cases_total&period=2016-Q4&test=1');
  await waitForMap(page);
  await toBriefings(page);
  await expect(page.getByTestId('current-map')).toContainText('quý 4/2016');
  await saveCurrent(page, 'Án hình sự quý 4');

  expect(await viewTitles(page)).toEqual(['Ma túy năm 2017', 'Ma túy theo tổ', 'Án hình sự quý 4']);
  const saved = (await (await page.request.get('/api/views')).json()).views as {
    title: string;
    state: Record<string, unknown>;
  }[];
  expect(saved.map((v) => [v.title, v.state.indicator, v.state.period, v.state.level])).toEqual([
    ['Ma túy năm 2017', 'drug_cases', '2017', 'ward'],
    ['Ma túy theo tổ', 'drug_cases', '2017', 'group'],
    ['Án hình sự quý 4', 'cases_total', '2016-Q4', 'ward'],
  ]);

  // Rename the second one, with a note.
  const second = page.getByTestId('view-item').nth(1);
  await second.getByTestId('view-rename').click();
  await second.getByTestId('view-edit-title').fill('Ma túy theo tổ dân phố, thôn');
  await second.getByTestId('view-edit-note').fill('Để so sánh các tổ');
  await second.getByTestId('view-edit-save').click();
  await expect(page.getByTestId('view-title').nth(1)).toHaveText('Ma túy theo tổ dân phố, thôn');
  await expect(page.getByTestId('view-item').nth(1).getByTestId('view-note')).toHaveText('Để so sánh các tổ');

  // Reorder: the third one up twice, so it comes first.
  await page.getByTestId('view-item').nth(2).getByTestId('view-up').click();
  await expect(page.getByTestId('view-title').nth(1)).toHaveText('Án hình sự quý 4');
  await page.getByTestId('view-item').nth(1).getByTestId('view-up').click();
  await expect(page.getByTestId('view-title').first()).toHaveText('Án hình sự quý 4');
  expect(await viewTitles(page)).toEqual(['Án hình sự quý 4', 'Ma túy năm 2017', 'Ma túy theo tổ dân phố, thôn']);

  // A briefing in a chosen order: groups first, then the year, then the quarter.
  await page.getByTestId('briefing-new').click();
  const editor = page.getByTestId('briefing-editor');
  await editor.getByTestId('briefing-title').fill('Giao ban tháng 12');
  const add = (title: string) =>
    editor
      .getByTestId('briefing-available')
      .getByRole('button', { name: `Thêm: ${title}`, exact: true })
      .click();
  await add('Án hình sự quý 4');
  await add('Ma túy theo tổ dân phố, thôn');
  await add('Ma túy năm 2017');
  // Move the groups map from second to first.
  await editor.getByTestId('briefing-chosen-item').nth(1).getByTestId('briefing-chosen-up').click();
  await expect(editor.getByTestId('briefing-chosen-item').first()).toContainText('Ma túy theo tổ dân phố, thôn');
  // Then the quarter to the end.
  await editor.getByTestId('briefing-chosen-item').nth(1).getByTestId('briefing-chosen-down').click();
  await expect
    .poll(() => chosenTitles(page))
    .toEqual(['Ma túy theo tổ dân phố, thôn', 'Ma túy năm 2017', 'Án hình sự quý 4']);
  await editor.getByTestId('briefing-save').click();
  await expect(page.getByTestId('briefing-message')).toContainText('Giao ban tháng 12');

  // After a reload the briefing is there, with its views in that order.
  await page.reload();
  const item = page.getByTestId('briefing-item').filter({ hasText: 'Giao ban tháng 12' });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('3 bản đồ');
  await expect(item.getByTestId('present-briefing')).toBeVisible();
  const id = Number(await item.getAttribute('data-briefing-id'));
  const detail = await (await page.request.get(`/api/briefings/${id}`)).json();
  expect(detail.views.map((v: { title: string }) => v.title)).toEqual([
    'Ma túy theo tổ dân phố, thôn',
    'Ma túy năm 2017',
    'Án hình sự quý 4',
  ]);
  await item.getByTestId('briefing-edit').click();
  await expect
    .poll(() => chosenTitles(page))
    .toEqual(['Ma túy theo tổ dân phố, thôn', 'Ma túy năm 2017', 'Án hình sự quý 4']);
  await page.getByTestId('briefing-editor').getByRole('button', { name: 'Hủy' }).click();
  await screenshot(page, 'briefings-page', { fullPage: true });

  // The annual summary: 2017 beside 2016, as the API computes it.
  const annual = page.getByTestId('annual-summary');
  await annual.getByTestId('annual-year').selectOption('2017');
  await expect(annual.getByTestId('annual-table')).toHaveAttribute('data-year', '2017');
  await expect(annual.getByRole('columnheader', { name: 'Năm 2017' })).toBeVisible();
  await expect(annual.getByRole('columnheader', { name: 'Năm 2016' })).toBeVisible();
  const api = await (await page.request.get('/api/summary/annual?year=2017')).json();
  const drugs = api.rows.find((r: { key: string }) => r.key === 'drug_cases');
  const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
  const row = annual.locator('[data-testid="annual-row"][data-key="drug_cases"]');
  await expect(row.getByTestId('annual-value')).toHaveText(vi.format(drugs.value));
  await expect(row).toContainText('Vụ việc liên quan ma túy');

  // Its XLSX: Vietnamese headers and the same figure.
  const [download] = await Promise.all([page.waitForEvent('download'), annual.getByTestId('annual-xlsx').click()]);
  expect(download.suggestedFilename()).toBe('tong-hop-nam-2017.xlsx');
  const path = test.info().outputPath('tong-hop-nam-2017.xlsx');
  await download.saveAs(path);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(3).values as unknown[]).slice(1)).toEqual([
    'STT',
    'Chỉ tiêu',
    'Đơn vị tính',
    'Năm 2017',
    'Năm 2016',
    'Tăng/giảm',
  ]);
  let xlsxDrugs: unknown = null;
  sheet.eachRow((r) => {
    if (r.getCell(2).value === 'Vụ việc liên quan ma túy') xlsxDrugs = r.getCell(4).value;
  });
  expect(xlsxDrugs).toBe(drugs.value);

  // Administrators set the classification line printed on exports.
  const settings = page.getByTestId('export-settings');
  await settings.getByTestId('export-classification').fill('MẬT');
  await settings.getByTestId('export-settings-save').click();
  await expect(settings.getByTestId('export-settings-message')).toBeVisible();
  expect((await (await page.request.get('/api/settings/export')).json()).classification).toBe('MẬT');

  // "Open on the map" opens the saved state.
  await page.getByTestId('view-item').filter({ hasText: 'Án hình sự quý 4' }).getByTestId('view-open').click();
  await expect(page).toHaveURL(/indicator=cases_total/);
  await expect(page).toHaveURL(/period=2016-Q4/);
  await expect(page.getByTestId('legend')).toContainText('Vụ án hình sự');

  expectCleanRun(seen);
});

test('"Lưu vào trình chiếu" on the map saves the view without leaving the map; undo deletes it', async ({ page }) => {
  const seen = watch(page);
  const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
  await signIn(page);
  await page.goto('/?test=1&indicator=drug_cases&period=2017-12&level=ward');
  await waitForMap(page);
  const titles = async () =>
    ((await (await page.request.get('/api/views')).json()).views as { title: string; state: { period: string } }[]).map(
      (v) => [v.title, v.state.period],
    );

  // One click opens a small popover whose title is already the indicator and the period.
  await page.getByTestId('save-to-briefing').click();
  const title = page.getByTestId('save-to-briefing-title');
  await expect(title).toHaveValue('Vụ việc liên quan ma túy · tháng 12/2017');
  await expect(title).toBeFocused();
  const kept = `Vụ việc liên quan ma túy · tháng 12/2017 (e2e ${run})`;
  await title.fill(kept);
  await title.press('Enter');
  const message = page.getByTestId('save-to-briefing-message');
  await expect(message).toContainText(`Đã lưu “${kept}” vào trình chiếu.`);
  // Still on the map, and the view is saved with the map's state.
  await expect(page.getByTestId('nav-map')).toHaveAttribute('aria-current', 'page');
  expect(await titles()).toContainEqual([kept, '2017-12']);
  await screenshot(page, 'map-save-to-briefing');

  // A second one, undone: deleted on the server, said so on the page.
  await message.getByRole('button', { name: 'Đóng' }).click();
  await page.getByTestId('save-to-briefing').click();
  const undone = `Bản đồ hoàn tác (e2e ${run})`;
  await title.fill(undone);
  await page.getByTestId('save-to-briefing-confirm').click();
  await expect(message).toContainText(`Đã lưu “${undone}” vào trình chiếu.`);
  expect((await titles()).map(([t]) => t)).toContain(undone);
  await message.getByTestId('save-to-briefing-undo').click();
  await expect(message).toHaveText(
    new RegExp(`Đã hoàn tác: “${undone.replace(/[()]/g, '\\$&')}” không còn trong trình chiếu.`),
  );
  expect((await titles()).map(([t]) => t)).not.toContain(undone);

  // The briefings page lists the saved view, and not the undone one.
  await toBriefings(page);
  await expect(page.getByTestId('view-title').filter({ hasText: kept })).toHaveCount(1);
  await expect(page.getByTestId('view-title').filter({ hasText: undone })).toHaveCount(0);
  expectCleanRun(seen);
});
