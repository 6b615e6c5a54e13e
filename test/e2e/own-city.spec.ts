/**
 * Issue #14 in the browser: a deployment's own boundaries reach every map. On a portal of its own
 * (own process, own fresh data folder — the import below would change what every other spec sees),
 * the 129 real 2025 wards of Ninh Bình province (../shared/data/boundaries, read in place) are
 * imported through the API as the ward version valid from 2026-01-01. Then, as a person would:
 * the map stepped from 2025-12 to 2026-01 by keyboard names what changed at the boundary; opened at
 * 2026-02 it draws those 129 wards, fitted to their extent, the header names the province; the scope
 * picker offers the new version's 129 wards; a PNG export of that map names the place in its
 * title text. A screenshot of the map is kept.
 */
import { createServer } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import * as turf from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { readPngText } from '../../web/src/features/export/pngText.ts';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.ts';
import { boundaryFile } from '../helpers/shared-data.ts';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

const WARDS_FILE = 'vn_ninh_binh_wards_2025.geojson';
const wards = JSON.parse(boundaryFile(WARDS_FILE).toString('utf8')) as FeatureCollection;
const [west, south, east, north] = turf.bbox(wards);

/** A free loopback port, so this portal never meets another's. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

let server: ServerProcess;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-own-city-'));
  server = await startServerProcess(
    {
      DATA_DIR: dataDir,
      WEB_DIST: './dist/web',
      DATABASE_URL: '',
      BASEMAP_PATH: '',
      DEMO_DATA: 'true',
      ADMIN_PASSWORD: E2E_PASSWORD,
      LOGIN_RATE_LIMIT: '1000',
    },
    await freePort(),
  );
});

test.afterAll(async () => {
  await server?.kill();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<string> {
  const res = await page.request.post(`${server.url}/api/auth/login`, {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(res.status(), 'sign-in as the admin').toBe(200);
  return ((await res.json()) as { csrf_token: string }).csrf_token;
}

test('the 129 real wards imported from 2026-01-01 reach the map, the scope picker and the PNG export', async ({
  page,
}) => {
  test.setTimeout(300_000);
  const seen = watch(page);
  const csrf = await signIn(page);

  await test.step('setup: import the wards through the API as the version from 2026-01-01', async () => {
    const res = await page.request.post(`${server.url}/api/imports/boundaries?valid_from=2026-01-01&dry_run=false`, {
      headers: { 'x-csrf-token': csrf, 'content-type': 'application/octet-stream' },
      data: boundaryFile(WARDS_FILE),
      timeout: 120_000,
    });
    expect(res.status(), (await res.text()).slice(0, 300)).toBe(200);
    expect(await res.json()).toMatchObject({ committed: true, opened: 129 });
  });

  await test.step('stepping into 2026 by keyboard: the note names what changed', async () => {
    await page.goto(`${server.url}/?test=1&indicator=coverage_households_safe&period=2025-12`);
    await waitForMap(page);
    expect((await atlasState(page))?.unitIds).toHaveLength(3);
    await expect(page.getByTestId('place-name')).toHaveText('Tỉnh Ninh Bình');
    await page.getByTestId('period-slider').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => window.__atlas?.at === '2026-01-01' && window.__atlas.unitIds.length === 129);
    const note = page.getByTestId('boundary-note');
    await expect(note).toContainText('Từ 01/01/2026 địa giới thay đổi');
    await expect(note).toContainText('đơn vị mới');
    await expect(note).toContainText('129 đơn vị');
  });

  await test.step('the map opened at 2026-02: 129 wards drawn, fitted to them', async () => {
    // Stepping keeps the user's view; a map opened at the period fits the version's wards.
    await page.goto(`${server.url}/?test=1&indicator=coverage_households_safe&period=2026-02`);
    await waitForMap(page);
    const state = await atlasState(page);
    expect(state).toMatchObject({ period: '2026-02', at: '2026-01-01', level: 'ward' });
    expect(state!.unitIds).toHaveLength(129);
    expect(new URL(page.url()).searchParams.get('period')).toBe('2026-02');
    const drawn = await page.evaluate(() => {
      const map = window.__map!;
      const ids = new Set(map.queryRenderedFeatures({ layers: ['units-fill'] }).map((f) => f.id));
      const b = map.getBounds();
      return { ids: ids.size, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
    });
    expect(drawn.ids, 'wards rendered in the view').toBe(129);
    // Fitted: the view holds the wards' extent, and they fill most of it one way or the other.
    const [w, s, e, n] = drawn.bounds as [number, number, number, number];
    expect(w).toBeLessThanOrEqual(west);
    expect(s).toBeLessThanOrEqual(south);
    expect(e).toBeGreaterThanOrEqual(east);
    expect(n).toBeGreaterThanOrEqual(north);
    expect(Math.max((east - west) / (e - w), (north - south) / (n - s))).toBeGreaterThan(0.6);
    await expect(page.getByTestId('place-name')).toHaveText('Tỉnh Ninh Bình');
    await screenshot(page, 'own-city-129-wards-2026');
  });

  await test.step('a PNG export of that map names the place', async () => {
    await page.getByTestId('map-export').click();
    await page.getByTestId('export-size').selectOption('hd');
    const wait = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-png').click();
    const download = await wait;
    const path = test.info().outputPath('own-city-2026-02.png');
    await download.saveAs(path);
    const text = readPngText(new Uint8Array(readFileSync(path)));
    expect(text.Title).toBeTruthy();
    expect(text.Description).toContain('tháng 2/2026');
    expect(text.Description).toContain('Tỉnh Ninh Bình');
    expect(text.Description).not.toContain('Thành phố Ninh Bình');
  });

  await test.step('the scope picker offers the new version’s 129 wards', async () => {
    await page.getByTestId('nav-admin').click();
    const admin = page.getByTestId('admin-users');
    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.getByTestId('user-form');
    await form.getByRole('radio', { name: 'Chỉ một số phường, xã' }).check();
    await expect(form.getByTestId('scope-version')).toHaveText([
      'Địa giới từ 01/01/2015 (14)',
      'Địa giới từ 01/07/2025 (3)',
      'Địa giới từ 01/01/2026 (129)',
    ]);
    await form.getByRole('button', { name: 'Địa giới từ 01/01/2026 (129)' }).click();
    await expect(form.getByLabel('Danh sách theo địa giới ngày')).toHaveValue('01/01/2026');
    await expect(form.getByRole('checkbox')).toHaveCount(129);
    await form.getByLabel('Tìm phường, xã').fill('hoa lu');
    await expect(form.getByRole('checkbox', { name: 'Phường Hoa Lư' })).toBeVisible();
  });

  expectCleanRun(seen);
});
