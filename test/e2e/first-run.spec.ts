/**
 * A first run without the demo (issue #14), in the browser: a portal of its own started with an
 * empty data folder and DEMO=false (the shared e2e server holds the demo, so this one runs beside it
 * on E2E_PORT + 2, only while this file runs). The first admin signs in on the map page and lands
 * on the first-run guide: signing in done, boundaries not; the boundaries step links to the import.
 * The province's 129 real 2025 wards are then imported (read in place from ../shared/data) and the
 * guide marks the step done and the map draws them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { boundaryFile } from '../helpers/shared-data.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { expectCleanRun, screenshot, watch } from './pageWatch.ts';

const PORT = Number(process.env.E2E_PORT ?? 39217) + 2;

test.describe.configure({ timeout: 300_000 });

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-first-run-'));
  server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      BASEMAP_PATH: '',
      DEMO: 'false',
      DEMO_DATA: '',
      WEB_DIST: process.env.E2E_WEB_DIST ?? './dist/web',
      ADMIN_PASSWORD: E2E_PASSWORD,
      LOGIN_RATE_LIMIT: '1000',
    },
    PORT,
  );
});

test.afterAll(async () => {
  await server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the first admin of a portal without the demo is guided: sign in, import boundaries, see the map', async ({
  page,
}) => {
  const seen = watch(page);
  await page.goto(`${server.url}/?test=1`);
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(E2E_USERNAME);
  await page.getByLabel('Mật khẩu').fill(E2E_PASSWORD);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();

  // Signing in to a portal with no boundaries opens the guide, and says so in the address.
  const guide = page.getByTestId('setup-guide');
  await expect(guide).toBeVisible();
  await expect(page).toHaveURL(/view=setup/);
  await expect(page.getByRole('heading', { name: 'Bắt đầu với dữ liệu của địa phương', level: 2 })).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  await expect(guide.getByTestId('setup-demo-note')).toHaveCount(0);
  await expect(guide.getByTestId('setup-step-signIn')).toHaveAttribute('data-done', 'true');
  for (const step of ['boundaries', 'sheet', 'map']) {
    await expect(guide.getByTestId(`setup-step-${step}`)).toHaveAttribute('data-done', 'false');
  }
  await expect(guide.getByTestId('setup-step-boundaries')).toContainText('0 phường/xã');
  await screenshot(page, 'first-run-guide');

  // The step's link opens the boundary import.
  await guide.getByTestId('setup-step-boundaries').getByRole('link', { name: 'Nhập ranh giới →' }).click();
  await expect(page).toHaveURL(/view=data/);
  await expect(page).toHaveURL(/section=boundaries/);
  await expect(page.getByTestId('boundary-import')).toBeVisible();

  // The province and its 129 wards of 2025, as an admin would import them (through the same API).
  const login = await page.request.post(`${server.url}/api/auth/login`, {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  for (const file of ['vn_ninh_binh_province_2025.geojson', 'vn_ninh_binh_wards_2025.geojson']) {
    const res = await page.request.post(`${server.url}/api/imports/boundaries?valid_from=2025-07-01&dry_run=false`, {
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
      data: boundaryFile(file),
      timeout: 120_000,
    });
    expect(res.status(), (await res.text()).slice(0, 300)).toBe(200);
  }

  // Back on the guide (Back, as a person would): the step is done, counted from the data.
  await page.goBack();
  await page.reload();
  await expect(guide.getByTestId('setup-step-boundaries')).toHaveAttribute('data-done', 'true');
  await expect(guide.getByTestId('setup-step-boundaries')).toContainText('129 phường/xã');
  await expect(guide.getByTestId('setup-step-sheet')).toHaveAttribute('data-done', 'false');

  // The last step opens the map; the guide no longer opens by itself once boundaries exist.
  await guide.getByTestId('setup-step-map').getByRole('link', { name: 'Mở bản đồ →' }).click();
  await expect(page).not.toHaveURL(/view=/);
  await expect(page.getByTestId('setup-guide')).toHaveCount(0);
  // A month after the 2025 reorganisation: the map draws the imported wards and lists all 129.
  await page.goto(`${server.url}/?period=2025-08&test=1`);
  await expect
    .poll(() => page.evaluate(() => window.__map?.querySourceFeatures('units').length ?? 0), { timeout: 60_000 })
    .toBeGreaterThan(0);
  // No figures yet: the legend counts the 129 wards under "no data".
  await expect(page.getByTestId('legend')).toContainText('129');
  await expect(page.getByTestId('nav-setup')).toBeVisible();
  await screenshot(page, 'first-run-map');
  expectCleanRun(seen);
});
