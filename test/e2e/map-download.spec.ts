/**
 * "Tải dữ liệu" on the map: a GIS officer downloads what the map shows as a GeoPackage and a
 * VN-2000 Shapefile, and GDAL (Debian's ogrinfo) reads the files back — the map's 14 wards of 2017
 * with their Vietnamese names, in the chosen coordinate system.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, waitForMap, watch } from './pageWatch.ts';

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status()).toBe(200);
}

const ogrinfo = (...args: string[]) => execFileSync('ogrinfo', args, { encoding: 'utf8' });

test('downloads the wards on the map as GeoPackage and as a VN-2000 Shapefile that GDAL reads', async ({ page }) => {
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&period=2017-12');
  await waitForMap(page);
  const state = await atlasState(page);
  expect(state?.unitIds).toHaveLength(14);
  const dir = mkdtempSync(join(tmpdir(), 'atlas-download-'));

  await page.getByTestId('download-open').click();
  // The whole city, not only the part in view.
  await page.getByTestId('download-in-view').uncheck();
  await page.getByTestId('download-format').selectOption('gpkg');
  let wait = page.waitForEvent('download');
  await page.getByTestId('download-start').click();
  const gpkg = join(dir, 'wards.gpkg');
  await (await wait).saveAs(gpkg);
  await expect(page.getByTestId('download-status')).toHaveText('Đã tải tệp về.');
  const summary = ogrinfo('-so', '-al', gpkg);
  expect(summary).toMatch(/Feature Count: 14\b/);
  expect(summary).toMatch(/WGS 84/);
  // Every ward of the map is in the file, by the code the map draws them with.
  expect(ogrinfo('-al', '-q', '-geom=NO', gpkg).normalize('NFC')).toContain('Phường');

  // The same wards in VN-2000 / UTM 48N for the land office: metres, and GDAL knows the datum.
  await page.getByTestId('download-format').selectOption('shp');
  await page.getByTestId('download-crs').selectOption('EPSG:3405');
  wait = page.waitForEvent('download');
  await page.getByTestId('download-start').click();
  const zip = join(dir, 'wards.zip');
  await (await wait).saveAs(zip);
  const shp = ogrinfo('-so', '-al', `/vsizip/${zip}`);
  expect(shp).toMatch(/Feature Count: 14\b/);
  expect(shp).toMatch(/VN-2000/);
  const extent = /Extent: \(([\d.]+), ([\d.]+)\)/.exec(shp);
  expect(Number(extent?.[1]), 'eastings in metres').toBeGreaterThan(100_000);

  // Only the part in view: zoomed onto one ward, fewer than the 14.
  await page.getByTestId('download-format').selectOption('geojson');
  await page.getByTestId('download-crs').selectOption('EPSG:4326');
  await page.getByTestId('download-in-view').check();
  const zoomBefore = await page.evaluate(() => window.__map!.getZoom());
  // One click at a time: a click during the previous zoom animation starts from where it is.
  for (let i = 1; i <= 3; i++) {
    await page.locator('.maplibregl-ctrl-zoom-in').click();
    await page.waitForFunction(([z, n]) => window.__map!.getZoom() >= z + n - 0.05 && !window.__map!.isMoving(), [
      zoomBefore,
      i,
    ] as const);
  }
  wait = page.waitForEvent('download');
  await page.getByTestId('download-start').click();
  const geojson = join(dir, 'view.geojson');
  await (await wait).saveAs(geojson);
  const inView = Number(/Feature Count: (\d+)/.exec(ogrinfo('-so', '-al', geojson))?.[1]);
  expect(inView).toBeGreaterThan(0);
  expect(inView).toBeLessThan(14);

  expectCleanRun(seen);
});
