/**
 * Office files in the browser, as the administrator, dry runs only (nothing is written):
 *
 * (a) a Shapefile whose DBF is TCVN3 with no .cpg: the report says TCVN3 was detected and shows
 *     the names as read, exactly; choosing VNI instead asks for a new dry run, whose names are then
 *     garbled, and going back to "detect" reads them right again;
 * (b) a GeoPackage with two layers: the dry run asks for a layer and offers both; with the ward
 *     layer chosen the report counts its features and the mapping offers the columns the server read;
 * (c) an indicator sheet in VNI, units named without codes: detected, names shown exactly.
 */
import { expect, test, type Page } from '@playwright/test';
import { vniEncode } from '../helpers/legacy-text.ts';
import { geopackage, shapefileZip } from '../helpers/office-files.ts';
import { boundaryFile } from '../helpers/shared-data.ts';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { expectCleanRun, screenshot, watch } from './pageWatch.ts';

const SOURCE = 'vn_ninh_binh_city_successor_wards_2025.geojson';
const NAMES = (
  JSON.parse(boundaryFile(SOURCE).toString('utf8')) as { features: { properties: { name: string } }[] }
).features.map((f) => f.properties.name);

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin failed').toBe(200);
}

test('reads legacy encodings and GeoPackage layers, and lets the user choose', async ({ page }) => {
  test.setTimeout(180_000);
  const seen = watch(page);
  await signIn(page);
  await page.goto('/?test=1&view=data');
  const card = page.getByTestId('boundary-import');
  await expect(card).toBeVisible();
  await card.getByTestId('boundary-valid-from').fill('2099-01-01');

  await test.step('(a) a TCVN3 Shapefile without .cpg: detected, names exact, override and back', async () => {
    await card.getByTestId('boundary-file').setInputFiles({
      name: 'phuong-tcvn3.zip',
      mimeType: 'application/zip',
      buffer: shapefileZip(SOURCE, { srs: 'EPSG:3405', encoding: 'TCVN5712-1', dropCpg: true }),
    });
    // The browser reads the DBF's columns: parent_code as GDAL stored it.
    await expect(card.getByTestId('boundary-map-parent_code')).toHaveValue('parent_cod');
    await card.getByTestId('boundary-dry-run').click();
    await expect(card.getByTestId('boundary-report')).toBeVisible({ timeout: 60_000 });
    await expect(card.getByTestId('bi-encoding-name')).toHaveText('TCVN3 (ABC)');
    await expect(card.getByTestId('bi-encoding-samples')).toHaveText(NAMES.join('; '));
    await expect(card.getByTestId('boundary-commit')).toBeEnabled();
    await screenshot(page, 'import-encoding-tcvn3');

    await card.getByTestId('bi-encoding-choice').selectOption('vni');
    await expect(card.getByTestId('boundary-commit')).toBeDisabled();
    await card.getByTestId('boundary-dry-run').click();
    await expect(card.getByTestId('bi-encoding-name')).toHaveText('VNI Windows');
    await expect(card.getByTestId('bi-encoding-samples')).not.toHaveText(NAMES.join('; '));

    await card.getByTestId('bi-encoding-choice').selectOption('auto');
    await card.getByTestId('boundary-dry-run').click();
    await expect(card.getByTestId('bi-encoding-name')).toHaveText('TCVN3 (ABC)');
    await expect(card.getByTestId('bi-encoding-samples')).toHaveText(NAMES.join('; '));
  });

  await test.step('(b) a GeoPackage with two layers: choose the layer, then the dry run', async () => {
    await card.getByTestId('boundary-file').setInputFiles({
      name: 'ranh-gioi.gpkg',
      mimeType: 'application/geopackage+sqlite3',
      buffer: geopackage([
        { source: 'vn_ninh_binh_province_2025.geojson', name: 'tinh' },
        { source: SOURCE, name: 'phuong_xa', srs: 'EPSG:3405' },
      ]),
    });
    await card.getByTestId('boundary-dry-run').click();
    await expect(card.getByTestId('boundary-rejected')).toContainText('choose one');
    const choice = card.getByTestId('bi-layer-choice');
    await expect(choice.locator('option')).toHaveText([
      '(chọn một lớp)',
      /^phuong_xa — 3 đối tượng/,
      /^tinh — 1 đối tượng/,
    ]);
    await choice.selectOption('phuong_xa');
    await card.getByTestId('boundary-dry-run').click();
    const report = card.getByTestId('boundary-report');
    await expect(report).toBeVisible({ timeout: 60_000 });
    await expect(report.getByTestId('boundary-features')).toHaveText('3');
    // Columns the browser could not read come from the server's report.
    await expect(card.getByTestId('boundary-map-parent_code')).toHaveValue('parent_code');
    await expect(card.getByTestId('boundary-commit')).toBeEnabled();
    await screenshot(page, 'import-geopackage-layer');
  });

  await test.step('(c) an indicator sheet in VNI: detected, names exact', async () => {
    const tpl = await page.request.get('/api/imports/indicators/template?indicators=cases_total&period=2024-03');
    const lines = (await tpl.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .map((l) => l.split(','));
    const text = lines.map((r, i) => [r[1], r[2], i === 0 ? r[3] : String(i)].join(',')).join('\r\n');
    await page.getByTestId('data-tab-indicators').click();
    const card2 = page.getByTestId('indicator-import');
    await card2
      .getByTestId('indicator-file')
      .setInputFiles({ name: 'so-lieu-vni.csv', mimeType: 'text/csv', buffer: vniEncode(text) });
    await card2.getByTestId('indicator-dry-run').click();
    await expect(card2.getByTestId('ii-encoding-name')).toHaveText('VNI Windows', { timeout: 30_000 });
    await expect(card2.getByTestId('ii-encoding-samples')).toContainText(lines[1]![1]!);
    await expect(card2.getByTestId('indicator-commit')).toBeEnabled();
  });

  expectCleanRun(seen);
});
