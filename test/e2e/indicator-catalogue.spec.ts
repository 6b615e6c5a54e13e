/**
 * Issue #14, "the catalogue belongs to the deployment", in one browser session as the administrator:
 * add an indicator the seed catalogue lacks (thefts, entered per ward) on the catalogue page,
 * download its import template on the data page, fill it (the test writes a value per ward) and
 * import it, then pick the new indicator on the map and find each ward coloured with the value the
 * sheet gave it (feature-state of the rendered features); then retire it (it has values: no delete)
 * and find it gone from the data page's template list. Real clicks throughout; the file inputs
 * are given the filled sheet as a person's file chooser would.
 *
 * The server's data folder is shared with the other browser tests and kept between runs: the key
 * and names carry a suffix of their own, and the month (2017-12, the map's default) is one whose
 * ward values no other test writes for this key.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

const SUFFIX = Date.now().toString(36);
const KEY = `trom_cap_${SUFFIX}`;
const NAME_VI = `Vụ trộm cắp tài sản ${SUFFIX}`;
const PERIOD = '2017-12';

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin failed').toBe(200);
}

test('an administrator adds an indicator, downloads its template, imports it and sees it on the map', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&view=indicators');
  await expect(page.getByTestId('indicators-page')).toBeVisible();
  await expect(page.getByTestId('indicator-row').first()).toBeVisible();

  await test.step('add the indicator on the catalogue page', async () => {
    await page.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    const form = page.getByTestId('indicator-form');
    await expect(form.getByLabel('Mã chỉ tiêu')).toBeFocused();
    // A key with diacritics is refused by the form, next to the field, before anything is sent.
    await form.getByLabel('Mã chỉ tiêu').fill('trộm_cắp');
    await form.getByLabel('Tên (tiếng Việt)').fill(NAME_VI);
    await form.getByLabel('Tên (tiếng Anh)').fill(`Property thefts ${SUFFIX}`);
    await form.getByLabel('Đơn vị tính (tiếng Việt)').fill('vụ');
    await form.getByLabel('Đơn vị tính (tiếng Anh)').fill('cases');
    await form.getByLabel('Nguồn số liệu').fill('Công an phường (báo cáo tháng)');
    // Entered per ward: the level below is unticked, the entry level set.
    await form.getByLabel('Cấp nhập số liệu').selectOption('ward');
    await form.getByRole('checkbox', { name: 'Tổ dân phố, thôn' }).click();
    await form.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await expect(form.locator('#if-key-error')).toContainText('chữ thường không dấu');
    await expect(form.getByLabel('Mã chỉ tiêu')).toBeFocused();

    await form.getByLabel('Mã chỉ tiêu').fill(KEY);
    await form.getByRole('button', { name: 'Thêm chỉ tiêu' }).click();
    await expect(page.getByTestId('indicators-message')).toContainText(NAME_VI);
    const row = page.locator(`[data-testid="indicator-row"][data-key="${KEY}"]`);
    await expect(row).toContainText(NAME_VI);
    await expect(row).toContainText('chưa có');
    await screenshot(page, 'indicator-catalogue-added', { fullPage: true });
  });

  let filled = '';
  const valueOf = new Map<string, number>();
  await test.step("download the new indicator's template and fill it", async () => {
    await page.getByTestId('nav-data').click();
    await page.getByTestId('data-tab-indicators').click();
    const card = page.getByTestId('indicator-import');
    await card.getByRole('checkbox', { name: new RegExp(KEY) }).click();
    await card.getByLabel('Điền sẵn các đơn vị cho kỳ').fill(PERIOD);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByTestId('template-download').click(),
    ]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
    expect(header).toBe(`Mã đơn vị,Tên đơn vị,Kỳ (YYYY-MM),${NAME_VI} [${KEY}]`);
    // One row per ward of December 2017 (the 14 wards of the demo city), nothing per group.
    expect(rows).toHaveLength(14);
    const lines = rows.map((r, i) => {
      const code = r.split(',')[0]!;
      valueOf.set(code, 3 + 4 * i);
      return `${r.replace(/,$/, '')},${3 + 4 * i}`;
    });
    filled = '\uFEFF' + [header, ...lines].join('\r\n') + '\r\n';
  });

  await test.step('import the filled sheet: dry run, then commit', async () => {
    const card = page.getByTestId('indicator-import');
    await card.getByTestId('indicator-file').setInputFiles({
      name: `trom-cap-${PERIOD}.csv`,
      mimeType: 'text/csv',
      buffer: Buffer.from(filled),
    });
    await card.getByTestId('indicator-dry-run').click();
    await expect(card.getByTestId('indicator-report')).toBeVisible();
    await expect(card.getByTestId('indicator-matched')).toHaveText('14');
    await card.getByTestId('indicator-commit').click();
    const summary = card.getByTestId('indicator-summary');
    await expect(summary).toBeVisible();
    await expect(summary.getByTestId('indicator-inserted')).toHaveText('14');
  });

  await test.step('pick it on the map: every ward coloured by the value the sheet gave it', async () => {
    await page.getByTestId('nav-map').click();
    await waitForMap(page);
    const applied = (await atlasState(page))!.valuesApplied;
    const picker = page.getByTestId('indicator-picker');
    await expect(picker.locator(`option[value="${KEY}"]`)).toHaveCount(1);
    await picker.selectOption(KEY);
    await waitForMap(page, applied + 1);
    const atlas = (await atlasState(page))!;
    expect(atlas.indicator).toBe(KEY);
    expect(atlas.period).toBe(PERIOD);

    const wards = (
      (await (await page.request.get(`/api/units?level=ward&at=${PERIOD}-31`)).json()) as {
        features: { properties: { id: number; code: string } }[];
      }
    ).features.map((f) => f.properties);
    const map = await page.evaluate(() => {
      const m = window.__map!;
      const rendered = m.queryRenderedFeatures({ layers: ['units-fill'] }).map((f) => Number(f.id));
      const states = Object.fromEntries(
        window.__atlas!.unitIds.map((id) => [id, m.getFeatureState({ source: 'units', id })]),
      );
      return { rendered: [...new Set(rendered)], states };
    });
    expect(map.rendered).toHaveLength(14);
    for (const w of wards) {
      expect(map.rendered).toContain(w.id);
      const state = map.states[w.id] as { value?: number; color?: string };
      expect(state.value, w.code).toBe(valueOf.get(w.code));
      expect(state.color).toMatch(/^#[0-9a-f]{6}$/);
    }
    // The legend names the new indicator and its unit.
    const legend = page.getByTestId('legend');
    await expect(legend).toContainText(NAME_VI);
    await expect(legend.getByTestId('legend-unit')).toHaveText('vụ');
    await screenshot(page, 'indicator-catalogue-map');
  });

  await test.step('retire it: it has values, so it cannot be deleted; the data page no longer offers it', async () => {
    await page.getByTestId('nav-indicators').click();
    const row = page.locator(`[data-testid="indicator-row"][data-key="${KEY}"]`);
    await expect(row).toContainText(PERIOD);
    await expect(row.getByRole('button', { name: /^Xóa/ })).toHaveCount(0);
    await row.getByRole('button', { name: `Ngừng sử dụng chỉ tiêu ${NAME_VI}` }).click();
    await expect(page.getByTestId('indicators-message')).toContainText('Đã ngừng sử dụng');
    await expect(row).toContainText('Ngừng từ');
    await page.getByTestId('nav-data').click();
    await page.getByTestId('data-tab-indicators').click();
    const card = page.getByTestId('indicator-import');
    await expect(card.getByRole('checkbox', { name: /drug_cases/ })).toBeVisible();
    await expect(card.getByRole('checkbox', { name: new RegExp(KEY) })).toHaveCount(0);
  });

  expectCleanRun(seen);
});
