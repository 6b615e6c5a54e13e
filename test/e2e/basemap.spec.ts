/**
 * The offline basemap in the browser, against the second e2e server whose BASEMAP_PATH is a folder
 * of archives built by real tools (tilemaker + osmium → MBTiles; the same tiles written as PMTiles):
 * with each archive the map draws road and water features from the basemap source under the
 * choropleth and names over it, a Vietnamese street name is placed, the switch (none / grey) changes
 * the layers and the address, a PNG export carries the basemap, and no request leaves the machine.
 * Synthetic test data (test/helpers/basemap-archives.ts), not OpenStreetMap.
 */
import { expect, test, type Download, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { E2E_BASEMAP_URL } from './basemapServer.ts';
import { expectCleanRun, SCREENSHOTS, screenshot, waitForMap, watch } from './pageWatch.ts';
import { STREETS } from '../helpers/basemap-archives.ts';

test.use({ baseURL: E2E_BASEMAP_URL });

interface Archive {
  id: string;
  format: 'pmtiles' | 'mbtiles';
  name: string;
  attribution: string;
}

async function signIn(page: Page): Promise<Archive[]> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin').toBe(200);
  const list = await page.request.get('/tiles/basemap');
  return ((await list.json()) as { archives: Archive[] }).archives;
}

/** Waits until the basemap source is on the map and its tiles are in, then the map idles. */
async function waitForBasemap(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const map = window.__map;
    return !!map?.getSource('basemap') && map.isSourceLoaded('basemap') && map.loaded();
  });
}

/** What the map shows of the basemap: rendered features by source layer, names placed, layer order. */
function basemapView(page: Page) {
  return page.evaluate(() => {
    const map = window.__map!;
    const features = map.queryRenderedFeatures().filter((f) => f.source === 'basemap');
    const bySourceLayer: Record<string, number> = {};
    for (const f of features) bySourceLayer[f.sourceLayer ?? ''] = (bySourceLayer[f.sourceLayer ?? ''] ?? 0) + 1;
    const names = features
      .filter((f) => f.layer.type === 'symbol')
      // Whatever name key the schema uses (name:vi, name, name:latin…): the names a placed label carries.
      .flatMap((f) => Object.values(f.properties).filter((x): x is string => typeof x === 'string'));
    const order = map.getLayersOrder();
    const basemapLayers = order.filter((id) => id.startsWith('basemap-'));
    const layerOf = (id: string) => map.getLayer(id)!;
    const waterLayer = basemapLayers.find((id) => layerOf(id).sourceLayer === 'water' && layerOf(id).type === 'fill');
    return {
      bySourceLayer,
      names,
      order,
      basemapLayers,
      attribution: document.querySelector('.maplibregl-ctrl-attrib')?.textContent ?? '',
      waterColor: waterLayer ? String(map.getPaintProperty(waterLayer, 'fill-color')) : null,
      roadLayers: basemapLayers.filter((id) => layerOf(id).sourceLayer === 'transportation'),
    };
  });
}

async function exportFile(page: Page, name: string, button: 'export-png' | 'export-pdf', size = 'hd'): Promise<Buffer> {
  if (!(await page.getByTestId('export-size').isVisible())) await page.getByTestId('map-export').click();
  await page.getByTestId('export-size').selectOption(size);
  const wait = page.waitForEvent('download', { timeout: 150_000 });
  await page.getByTestId(button).click();
  const download: Download = await wait;
  const dir = test.info().outputPath('exports');
  mkdirSync(dir, { recursive: true });
  await download.saveAs(`${dir}/${name}`);
  return readFileSync(`${dir}/${name}`);
}

/** Share of pixels whose colour differs by more than a few levels between two PNGs of one size. */
function differingShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([x, y]) => {
      const decode = async (base64: string) => {
        const bin = atob(base64);
        const data = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) data[i] = bin.charCodeAt(i);
        const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [p, q] = [await decode(x), await decode(y)];
      let differ = 0;
      for (let i = 0; i < p.length; i += 4) {
        if (Math.abs(p[i]! - q[i]!) + Math.abs(p[i + 1]! - q[i + 1]!) + Math.abs(p[i + 2]! - q[i + 2]!) > 12) differ++;
      }
      return differ / (p.length / 4);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

test('the offline basemap: both archives under the choropleth, the switch, the address and an export', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  const archives = await signIn(page);
  const pm = archives.find((a) => a.format === 'pmtiles');
  const mb = archives.find((a) => a.format === 'mbtiles');
  expect(pm, 'the PMTiles archive is served').toBeDefined();
  expect(mb, 'the MBTiles archive is served').toBeDefined();
  const streetNames = STREETS.map((s) => s.name.normalize('NFC'));

  for (const archive of [pm!, mb!]) {
    await test.step(`${archive.format}: roads and water under the choropleth, a Vietnamese street name`, async () => {
      // Zoomed into the city centre, where the test streets and the lake are.
      await page.goto(
        `/?test=1&indicator=coverage_households_safe&period=2017-12&bmap=${archive.id}&map=105.97500,20.25000,14.50`,
      );
      await waitForMap(page);
      await waitForBasemap(page);
      await waitForMap(page);
      const v = await basemapView(page);
      expect(v.bySourceLayer.transportation ?? 0, 'road features drawn from the basemap').toBeGreaterThan(0);
      expect((v.bySourceLayer.water ?? 0) + (v.bySourceLayer.waterway ?? 0), 'water drawn').toBeGreaterThan(0);
      // Land and water under the unit fill; roads between the unit outlines and the drill-down;
      // names under the hotspot icons and the unit labels.
      const at = (id: string) => v.order.indexOf(id);
      const waterAt = v.order.findIndex((id) => id.startsWith('basemap-') && id.includes('water'));
      expect(waterAt).toBeGreaterThan(-1);
      expect(waterAt).toBeLessThan(at('units-fill'));
      for (const road of v.roadLayers) {
        expect(at(road)).toBeGreaterThan(at('units-outline'));
        expect(at(road)).toBeLessThan(at('drill-outline'));
      }
      expect(at('vn-territory-labels'), 'the territory overlay is on top').toBe(v.order.length - 1);
      expect(
        v.names.some((n) => streetNames.includes(n.normalize('NFC'))),
        `a Vietnamese street name is placed (placed: ${v.names.join(', ')})`,
      ).toBe(true);
      // The archive's own credit (the PMTiles says it is synthetic; tilemaker's MBTiles has none,
      // so the server gives © OpenStreetMap contributors), on screen.
      expect(v.attribution).toContain(archive.attribution);
      if (archive.format === 'pmtiles') expect(v.attribution).toContain('synthetic test data');
      else expect(v.attribution).toContain('© OpenStreetMap contributors');
      await expect(page).toHaveURL(new RegExp(`bmap=${archive.id}`));
      await screenshot(page, `basemap-${archive.format}`);
    });
  }

  await test.step('the switch: grey repaints, none removes, both kept in the address', async () => {
    const light = await basemapView(page);
    await page.getByTestId('basemap-switch').getByLabel('Xám').check();
    await expect(page).toHaveURL(/basemap=grey/);
    await waitForBasemap(page);
    const grey = await basemapView(page);
    expect(grey.waterColor).not.toBe(light.waterColor);
    expect(grey.basemapLayers.length).toBeGreaterThan(0);

    // Opacity: the slider repaints the basemap's layers in place (no new source) and is kept as bmo.
    const roadOpacity = () =>
      page.evaluate((id) => JSON.stringify(window.__map!.getPaintProperty(id, 'line-opacity')), grey.roadLayers[0]!);
    const full = await roadOpacity();
    await page.getByTestId('basemap-switch').getByLabel('Độ đậm bản đồ nền').fill('40');
    await expect(page).toHaveURL(/bmo=40/);
    await expect.poll(roadOpacity).not.toBe(full);
    expect((await basemapView(page)).basemapLayers).toEqual(grey.basemapLayers);
    await page.getByTestId('basemap-switch').getByLabel('Độ đậm bản đồ nền').fill('100');
    await expect(page).not.toHaveURL(/bmo=/);
    await expect.poll(roadOpacity).toBe(full);

    await page.getByTestId('basemap-switch').getByLabel('Không').check();
    await expect(page).toHaveURL(/basemap=none/);
    const none = await basemapView(page);
    expect(none.basemapLayers).toEqual([]);
    expect(await page.evaluate(() => !!window.__map!.getSource('basemap'))).toBe(false);
    // The choropleth is still there.
    expect(none.order).toContain('units-fill');

    await page.reload();
    await waitForMap(page);
    await expect(page.getByTestId('basemap-switch').getByLabel('Không')).toBeChecked();
    expect(await page.evaluate(() => !!window.__map!.getSource('basemap'))).toBe(false);
  });

  await test.step('PNG and PDF exports carry the basemap and print its credit; 300 dpi waits for its tiles', async () => {
    const without = await exportFile(page, 'map-no-basemap.png', 'export-png');
    await page.getByTestId('basemap-switch').getByLabel('Sáng').check();
    await waitForBasemap(page);
    const withBasemap = await exportFile(page, 'map-basemap.png', 'export-png');
    const share = await differingShare(page, withBasemap, without);
    console.log(`PNG 1920×1080 with vs without basemap: ${(share * 100).toFixed(1)}% of pixels differ`);
    expect(share, 'the basemap changes the exported picture').toBeGreaterThan(0.02);
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(test.info().outputPath('exports/map-basemap.png'), `${SCREENSHOTS}/basemap-export.png`);

    // The PDF prints the archive's credit under the map (tilemaker's MBTiles names none: OSM's).
    const pdf = test.info().outputPath('exports/map-basemap.pdf');
    await exportFile(page, 'map-basemap.pdf', 'export-pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text.replace(/\s+/g, ' ')).toContain('Bản đồ nền: © OpenStreetMap contributors');

    // A4 at 300 dpi: a map of 3,508 px asks for basemap tiles the screen never showed; the export
    // waits for them, so the print differs from the same print without a basemap.
    const before = seen.requests.filter((u) => u.includes('/tiles/basemap/') && u.includes('.mvt')).length;
    const print = await exportFile(page, 'map-basemap-a4-300.png', 'export-png', 'a4-300');
    const asked = seen.requests.filter((u) => u.includes('/tiles/basemap/') && u.includes('.mvt')).length - before;
    await page.getByTestId('basemap-switch').getByLabel('Không').check();
    const bare = await exportFile(page, 'map-no-basemap-a4-300.png', 'export-png', 'a4-300');
    const printShare = await differingShare(page, print, bare);
    console.log(`A4 300 dpi: ${asked} basemap tile requests, ${(printShare * 100).toFixed(1)}% of pixels differ`);
    expect(printShare, 'the basemap is in the 300 dpi print').toBeGreaterThan(0.02);
  });

  await test.step('the planning map shows the same basemap, in the same flavour', async () => {
    await page.getByTestId('basemap-switch').getByLabel('Xám').check();
    await expect(page).toHaveURL(/basemap=grey/);
    const onMap = await basemapView(page);
    await page.getByRole('link', { name: 'Kế hoạch chuyển hóa' }).click();
    await expect(page).toHaveURL(/view=plans/);
    // The planning page does not own the map's keys: they leave its address.
    expect(new URL(page.url()).searchParams.get('basemap')).toBeNull();
    await waitForBasemap(page);
    const plans = await basemapView(page);
    // The planning map shows the whole province, where the city's test archive is a speck: the
    // same layers in the same flavour, under its choropleth, are what is asserted here.
    expect(plans.basemapLayers).toEqual(onMap.basemapLayers);
    expect(plans.waterColor).toBe(onMap.waterColor);
    const waterAt = plans.order.findIndex((id) => id.startsWith('basemap-') && id.includes('water'));
    expect(waterAt).toBeLessThan(plans.order.indexOf('units-fill'));
    await screenshot(page, 'basemap-plans');
  });

  expect(seen.requests.some((u) => u.includes('/tiles/basemap/') && u.includes('.mvt'))).toBe(true);
  expectCleanRun(seen);
});
