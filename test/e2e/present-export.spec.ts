/**
 * Briefings in the browser, against the real server: three saved views and a briefing made through
 * the API, stepped through in presentation mode by keyboard (title, legend and the map's applied
 * state follow each slide; the time animation plays inside a slide); then the exports — a PNG at
 * 1920×1080 and one at A3 300 dpi (4961×3508) checked for their pixel size and for not being blank,
 * the same PNG rendered in forced tiles matching the one-piece render, and the briefing PDF and the
 * ward atlas PDF checked with poppler's `pdfinfo`/`pdftotext` for their page counts and their real
 * text (titles, legend labels, ward names with their Vietnamese letters). One PDF page is rendered
 * to PNG with `pdftoppm` (the README's picture). No page error, nothing leaving the machine.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, SCREENSHOTS, screenshot, waitForMap, watch } from './pageWatch.ts';

const RUN = `${Date.now().toString(36)}`;
const VIEWS = [
  {
    title: 'Hộ đăng ký an toàn về ANTT, tháng 12/2017',
    note: 'Tỷ lệ theo phường, xã',
    state: { indicator: 'coverage_households_safe', period: '2017-12', level: 'ward' },
  },
  {
    title: 'Vụ việc liên quan ma túy theo tổ dân phố, năm 2017',
    note: '',
    state: { indicator: 'drug_cases', period: '2017', level: 'group', method: 'quantile', classes: 4 },
  },
  {
    // "→" is not in Noto Sans: the PDF draws it from its fallback font (fontRuns.ts).
    title: 'Vụ án hình sự: quý 1 → quý 4/2017',
    note: 'Thay đổi giữa hai kỳ',
    state: { indicator: 'cases_total', period: '2017-Q4', from: '2017-Q1', level: 'ward' },
  },
];
const BRIEFING = `Giao ban Công an thành phố (${RUN})`;
const CLASSIFICATION = 'MẬT';

async function signIn(page: Page): Promise<string> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin').toBe(200);
  return ((await response.json()) as { csrf_token: string }).csrf_token;
}

/** Pixel size from a PNG's IHDR. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Pixels per metre from a PNG's pHYs chunk (null without one). */
function pngPhys(bytes: Buffer): { x: number; y: number; unit: number } | null {
  const at = bytes.indexOf('pHYs', 8, 'latin1');
  if (at < 0 || at > bytes.indexOf('IDAT', 8, 'latin1')) return null;
  return { x: bytes.readUInt32BE(at + 4), y: bytes.readUInt32BE(at + 8), unit: bytes[at + 12]! };
}

/** Decodes a PNG in the browser and samples it: luminance variance, distinct colours, and a small thumbnail. */
async function samplePng(page: Page, bytes: Buffer) {
  return page.evaluate(async (base64) => {
    const binary = atob(base64);
    const data = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
    const bitmap = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const w = 480;
    const h = Math.round((bitmap.height / bitmap.width) * w);
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0, w, h);
    const px = ctx.getImageData(0, 0, w, h).data;
    let sum = 0;
    let sq = 0;
    const colours = new Set<number>();
    const lum: number[] = [];
    for (let i = 0; i < px.length; i += 4) {
      const l = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
      sum += l;
      sq += l * l;
      lum.push(l);
      colours.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
    }
    const n = px.length / 4;
    return {
      variance: sq / n - (sum / n) ** 2,
      colours: colours.size,
      lum,
      width: bitmap.width,
      height: bitmap.height,
    };
  }, bytes.toString('base64'));
}

async function saved(download: Download, name: string): Promise<string> {
  const dir = test.info().outputPath('exports');
  mkdirSync(dir, { recursive: true });
  const path = `${dir}/${name}`;
  await download.saveAs(path);
  return path;
}

function pdfPages(path: string): number {
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).normalize('NFC');
}

/** Text without layout spacing, for phrases a PDF line may have spread out or wrapped. */
const squeeze = (s: string) => s.replace(/\s+/g, ' ');

test('a briefing is presented by keyboard and exported as PNG, PDF and ward atlas', async ({ page }) => {
  // Presentation, three PNGs (one A3 at 300 dpi) and two PDFs, in software WebGL on 2 cores.
  test.setTimeout(360_000);
  const seen = watch(page);
  const csrf = await signIn(page);
  const headers = { 'x-csrf-token': csrf };

  const settings = await page.request.put('/api/settings/export', {
    headers,
    data: {
      classification: CLASSIFICATION,
      source: 'Công an thành phố Ninh Bình',
      attribution: 'Địa giới: dữ liệu minh họa',
    },
  });
  expect(settings.status()).toBe(200);
  const ids: number[] = [];
  for (const view of VIEWS) {
    const response = await page.request.post('/api/views', { headers, data: view });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(((await response.json()) as { id: number }).id);
  }
  const created = await page.request.post('/api/briefings', { headers, data: { title: BRIEFING, viewIds: ids } });
  expect(created.status()).toBe(201);
  const briefingId = ((await created.json()) as { id: number }).id;
  const wards = (
    (await (await page.request.get('/api/units?level=ward&at=2017-12-31')).json()) as {
      features: { properties: { name: string } }[];
    }
  ).features.map((f) => f.properties.name.normalize('NFC'));
  expect(wards).toHaveLength(14);

  /** Legend lines of each slide as presented, to find again in the PDF. */
  const legends: string[][] = [];

  await test.step('presentation mode, stepped by keyboard', async () => {
    await page.goto(`/?test=1&view=present&briefing=${briefingId}`);
    const present = page.getByTestId('present');
    await expect(present).toBeVisible();
    const title = page.getByTestId('slide-title');
    const legendTitle = page.getByTestId('present-legend-title');
    const counter = page.getByTestId('slide-counter');

    const expectSlide = async (n: number, applied: number) => {
      const view = VIEWS[n - 1]!;
      await expect(title).toHaveText(view.title);
      await expect(counter).toHaveText(`Trang ${n} / 3`);
      await expect(present).toHaveAttribute('data-slide', String(n));
      await waitForMap(page, applied);
      const atlas = await atlasState(page);
      expect(atlas?.indicator).toBe(view.state.indicator);
      expect(atlas?.period).toBe(view.state.period);
      expect(atlas?.level).toBe(view.state.level);
      // The map draws the legend's colours: every unit's fill is one of the legend's classes.
      const legendColours = await page
        .getByTestId('present-legend-class')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
      const fills = await page.evaluate(() =>
        window.__atlas!.unitIds.map(
          (id) => window.__map!.getFeatureState({ source: 'units', id }).color as string | null,
        ),
      );
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) if (fill) expect(legendColours).toContain(fill);
      expect(fills.filter(Boolean).length, 'units with a value').toBeGreaterThan(fills.length / 2);
      return page.getByTestId('present-legend-class').locator('.range').allTextContents();
    };

    legends[0] = await expectSlide(1, 1);
    await expect(legendTitle).toHaveText('Tỷ lệ hộ đăng ký "an toàn về ANTT"');
    await expect(page.getByTestId('present-classification')).toHaveText(CLASSIFICATION);
    await expect(page.getByTestId('present-demo')).toHaveText('Dữ liệu minh họa / demo data');
    // Hotspot groups are outlined as on the map page.
    await expect
      .poll(() => page.evaluate(() => window.__map!.querySourceFeatures('hotspots').length))
      .toBeGreaterThan(0);
    await screenshot(page, 'present-slide-1');

    // Keys change slides even when the map has the focus (they do not pan it).
    await page.getByTestId('present').locator('canvas').click();
    await page.keyboard.press('ArrowRight');
    legends[1] = await expectSlide(2, 2);
    await expect(legendTitle).toHaveText('Vụ việc liên quan ma túy');
    expect(legends[1]).not.toEqual(legends[0]);
    expect((await atlasState(page))?.unitIds.length, 'residential groups').toBeGreaterThan(14);
    await expect(page).toHaveURL(/slide=2/);

    await page.keyboard.press('PageDown');
    legends[2] = await expectSlide(3, 3);
    await expect(legendTitle).toHaveText('Thay đổi: Vụ án hình sự xảy ra');
    await expect(page.getByTestId('slide-subtitle')).toContainText('quý 1/2017 → quý 4/2017');
    await screenshot(page, 'present-slide-3');

    // The last slide stays the last; back by clicker, Home and End.
    await page.keyboard.press('Space');
    await expect(counter).toHaveText('Trang 3 / 3');
    await page.keyboard.press('PageUp');
    await expectSlide(2, 4);
    await page.keyboard.press('Home');
    await expectSlide(1, 5);
    await page.keyboard.press('End');
    await expectSlide(3, 6);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expectSlide(1, 8);

    // The time animation inside a slide: the period steps, the legend follows, pause stops it.
    const period = page.getByTestId('present-period');
    await expect(period).toHaveText('tháng 12/2017');
    await page.getByTestId('slide-play').click();
    await expect(page.getByTestId('slide-play')).toHaveAttribute('aria-pressed', 'true');
    await expect(period).not.toHaveText('tháng 12/2017');
    await expect.poll(async () => (await atlasState(page))?.period).not.toBe('2017-12');
    await page.getByTestId('slide-play').click();
    await expect(page.getByTestId('slide-play')).toHaveAttribute('aria-pressed', 'false');
    // The title names the period the map shows, not the one the view was saved at.
    const shown = (await period.textContent())!;
    expect(shown).not.toBe('tháng 12/2017');
    await expect(title).toHaveText(VIEWS[0]!.title.replace('tháng 12/2017', shown));

    // Esc leaves to the briefing page.
    await page.locator('body').press('Escape');
    await expect(page).toHaveURL(/view=briefings/);
    expect(new URL(page.url()).searchParams.get('briefing')).toBeNull();
  });

  await test.step('PNG exports of the map: 1920×1080, A3 300 dpi, and tiles', async () => {
    await page.goto('/?test=1&indicator=coverage_households_safe&period=2017-12');
    await waitForMap(page);
    await page.getByTestId('map-export').click();
    const size = page.getByTestId('export-size');
    await size.selectOption('hd');
    let wait = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const hd = readFileSync(await saved(await wait, 'map-1920.png'));
    expect(pngSize(hd)).toEqual({ width: 1920, height: 1080 });
    const hdSample = await samplePng(page, hd);
    expect(hdSample.variance, 'not blank').toBeGreaterThan(200);
    expect(hdSample.colours, 'map colours, text and background').toBeGreaterThan(50);
    await expect(page.getByTestId('export-status')).toContainText('1920×1080');

    await size.selectOption('a3-300');
    // Long tasks from here on: the encoding of 17 MP runs in a worker, the page keeps answering.
    await page.evaluate(() => {
      const w = window as unknown as { __long: [number, number][] };
      w.__long = [];
      new PerformanceObserver((l) =>
        w.__long.push(...l.getEntries().map((e) => [e.startTime, e.duration] as [number, number])),
      ).observe({
        type: 'longtask',
      });
    });
    wait = page.waitForEvent('download', { timeout: 120_000 });
    await page.getByTestId('export-png').click();
    const a3 = readFileSync(await saved(await wait, 'map-a3-300.png'));
    expect(pngSize(a3)).toEqual({ width: 4961, height: 3508 });
    const a3Sample = await samplePng(page, a3);
    expect(a3Sample.variance).toBeGreaterThan(200);
    const records = await page.evaluate(() => window.__exports ?? []);
    const a3Record = records.find((r) => r.width === 4961)!;
    // 300 dpi in the file, so Word and PowerPoint place it at A3 (11,811 px per metre = 300 dpi).
    expect(pngPhys(a3)).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(pngPhys(hd), 'a screen size at 96 dpi').toEqual({ x: 3780, y: 3780, unit: 1 });
    const long = await page.evaluate(() => (window as unknown as { __long: [number, number][] }).__long);
    const during = long.filter(([start, d]) => start + d > a3Record.encodeFrom! && start < a3Record.encodeTo!);
    console.log(`A3 encoding ${a3Record.encodeMs} ms; long tasks meanwhile: ${JSON.stringify(during)}`);
    expect(Math.max(0, ...during.map(([, d]) => d)), 'no long task over 200 ms while the PNG encodes').toBeLessThan(
      200,
    );
    console.log(
      `A3 300 dpi PNG: map render ${a3Record.renderMs} ms in ${a3Record.tiles} tile(s) (WebGL limit ${a3Record.glLimit} px), whole export ${a3Record.totalMs} ms, ${a3Record.bytes} bytes`,
    );
    console.log(`PNG exports: ${JSON.stringify(records)}`);
    copyFileSync(test.info().outputPath('exports/map-1920.png'), `${mkdir(SCREENSHOTS)}/export-1920.png`);

    // Forced into 512 px tiles, the same sheet comes out the same (seams invisible at thumbnail scale).
    await page.goto('/?test=1&exportTile=512&indicator=coverage_households_safe&period=2017-12');
    await waitForMap(page);
    await page.getByTestId('map-export').click();
    await page.getByTestId('export-size').selectOption('hd');
    wait = page.waitForEvent('download');
    await page.getByTestId('export-png').click();
    const tiled = readFileSync(await saved(await wait, 'map-1920-tiled.png'));
    expect(pngSize(tiled)).toEqual({ width: 1920, height: 1080 });
    const tiledRecord = (await page.evaluate(() => window.__exports ?? []))[0]!;
    expect(tiledRecord.tiles, 'rendered in several tiles').toBeGreaterThan(4);
    const tiledSample = await samplePng(page, tiled);
    let diff = 0;
    tiledSample.lum.forEach((l, i) => (diff += Math.abs(l - hdSample.lum[i]!)));
    expect(diff / tiledSample.lum.length, 'mean luminance difference, tiled vs one piece').toBeLessThan(6);
  });

  await test.step('the briefing PDF and the ward atlas PDF have real text', async () => {
    await page.goto('/?test=1&view=briefings');
    // A saved view presents on its own, from its row on the briefing page.
    const single = page.getByTestId('view-actions').locator(`[href*="views=${ids[1]}"]`);
    await single.click();
    await expect(page.getByTestId('slide-title')).toHaveText(VIEWS[1]!.title);
    await expect(page.getByTestId('slide-counter')).toHaveText('Trang 1 / 1');
    await expect(page.getByTestId('present-legend-title')).toHaveText('Vụ việc liên quan ma túy');
    await page.getByTestId('present-leave').click();
    await expect(page).toHaveURL(/view=briefings/);

    const actions = page.getByTestId('briefing-actions').filter({
      has: page.locator(`[href*="briefing=${briefingId}"]`),
    });
    await expect(actions).toHaveCount(1);
    await actions.getByTestId('export-paper').selectOption('a4');
    let wait = page.waitForEvent('download', { timeout: 120_000 });
    await actions.getByTestId('export-pdf').click();
    const briefingPath = await saved(await wait, 'briefing.pdf');
    // One page per view, then the annual summary table (one page).
    expect(pdfPages(briefingPath)).toBe(VIEWS.length + 1);
    const text = squeeze(pdfText(briefingPath));
    for (const view of VIEWS) expect(text).toContain(squeeze(view.title));
    // pdftotext may close up the spaces around a dash ("0–1"): legend lines are compared without spaces.
    const compact = text.replace(/\s+/g, '');
    for (const label of legends.flat()) expect(compact).toContain(label.replace(/\s+/g, ''));
    for (const phrase of [
      CLASSIFICATION,
      'Dữ liệu minh họa / demo data',
      'Không có dữ liệu',
      'Tổng hợp số liệu năm 2017',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Năm 2016',
      'Tỷ lệ hộ đăng ký "an toàn về ANTT"',
      // The hotspot groups' outlines have their key.
      'Địa bàn phức tạp',
    ]) {
      expect(text).toContain(phrase);
    }
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '110',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      briefingPath,
      `${mkdir(SCREENSHOTS)}/briefing-pdf`,
    ]);

    wait = page.waitForEvent('download', { timeout: 150_000 });
    await actions.getByTestId('export-atlas').click();
    const atlasPath = await saved(await wait, 'atlas.pdf');
    expect(pdfPages(atlasPath), 'one page per ward').toBe(wards.length);
    const atlas = squeeze(pdfText(atlasPath));
    for (const ward of wards) expect(atlas).toContain(ward);
    expect(atlas).toContain('Chỉ tiêu chính');
    expect(atlas).toContain('Tổ dân phố, thôn trực thuộc');
    expect(atlas).toContain('Số hộ gia đình');
    // Ranks say which way they read (issue 16): 1 = the ward most in need of attention.
    expect(atlas).toContain('Hạng: 1 = cần quan tâm nhất');
    console.log(`PDF exports: ${JSON.stringify(await page.evaluate(() => window.__exports ?? []))}`);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '2',
      '-l',
      '2',
      '-singlefile',
      atlasPath,
      `${mkdir(SCREENSHOTS)}/atlas-pdf`,
    ]);
  });

  expectCleanRun(seen);
});

function mkdir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
