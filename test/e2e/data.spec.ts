/**
 * Data management in the browser, as the administrator, against the real server and the demo:
 *
 * (a) a boundary import of three residential groups (re-drawn from three demo groups, new codes)
 *     as a version valid from a far-future date: the dry run shows the report and its preview layer
 *     holds the three features on the map; the commit's progress bar reaches 100 % and the summary
 *     says what opened and closed; a crosswalk share is corrected;
 * (b) an indicator CSV with one bad row is rejected naming that row, then the corrected file is
 *     dry-run and committed;
 * (c) one value is corrected, and the audit page filtered on that unit shows the entry;
 * (d) a group is designated a hotspot and its status changed;
 * (e) no page error, no unexpected console error, no request leaving the machine.
 *
 * Tests share the server's data folder and the other files use the demo from 2017 to today: the
 * boundary version here starts in the next century (a new date each run, later than the last), the
 * values go to January 2026, and demo removal is not run.
 */
import { expect, test, type Page } from '@playwright/test';
import { zipSync } from 'fflate';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { expectCleanRun, screenshot, watch } from './pageWatch.ts';

const SUFFIX = `${Date.now().toString(36)}`;
const TODAY = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
/** A day per minute after 2100-01-01: each run's version starts after the previous run's. */
const VALID_FROM = new Date(Date.UTC(2100, 0, 1) + (Math.floor(Date.now() / 60_000) - 29_928_000) * 86_400_000)
  .toISOString()
  .slice(0, 10);
/** A recent month no other browser test looks at. */
const PERIOD = '2026-01';

interface UnitFeature {
  id: number;
  properties: { id: number; code: string; name: string; parent_code: string | null };
  geometry: unknown;
}

/** The header of a dBASE file with these character fields (what a Shapefile's .dbf starts with). */
function dbfHeader(fields: string[]): Uint8Array {
  const length = 32 + 32 * fields.length + 1;
  const out = new Uint8Array(length);
  out[0] = 3;
  new DataView(out.buffer).setUint16(8, length, true);
  fields.forEach((f, i) => {
    out.set(new TextEncoder().encode(f), 32 + 32 * i);
    out[32 + 32 * i + 11] = 'C'.charCodeAt(0);
  });
  out[length - 1] = 0x0d;
  return out;
}

async function signIn(page: Page): Promise<void> {
  const response = await page.request.post('/api/auth/login', {
    data: { username: E2E_USERNAME, password: E2E_PASSWORD },
  });
  expect(response.status(), 'sign-in as the e2e admin failed').toBe(200);
}

/** Picks a unit with the search box inside the element `scope` (a test id) by typing its code. */
async function pickUnit(page: Page, scope: string, code: string): Promise<void> {
  const box = page.getByTestId(scope);
  await box.getByTestId('search-input').fill(code);
  const results = box.getByTestId('search-results');
  await expect(results).toBeVisible();
  // Codes are unique among the units valid on the search date: one answer.
  await expect(results.getByRole('option')).toHaveCount(1);
  await results.getByRole('option').first().click();
}

test('imports boundaries and values, corrects a value seen in the audit log, designates a hotspot', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  // Answers the test provokes on purpose.
  seen.allowed.push({ path: '/api/imports/indicators', status: 400 });
  await signIn(page);

  // Three demo groups of one ward (today's boundaries), and a group that is not a hotspot yet.
  const groups = (
    (await (await page.request.get(`/api/units?level=group&at=${TODAY}`)).json()) as {
      features: UnitFeature[];
    }
  ).features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const ward = groups[0]!.properties.parent_code!;
  const chosen = groups.filter((g) => g.properties.parent_code === ward).slice(0, 3);
  expect(chosen).toHaveLength(3);
  const hotspotUnits = new Set(
    (
      (await (await page.request.get(`/api/hotspots?at=${TODAY}`)).json()) as { hotspots: { unit_id: number }[] }
    ).hotspots.map((h) => h.unit_id),
  );
  const free = groups.filter((g) => !hotspotUnits.has(g.properties.id));
  const hotspotGroup = free[Math.floor(Math.random() * free.length)]!;
  const edited = groups.find((g) => g.properties.parent_code === ward)!;

  await page.goto('/?test=1&view=data');
  await expect(page.getByTestId('data-page')).toBeVisible();

  await test.step('(a) boundary import: dry run with preview, commit with progress, crosswalk', async () => {
    const file = {
      type: 'FeatureCollection',
      features: chosen.map((g, i) => ({
        type: 'Feature',
        properties: {
          code: `${ward}-E${SUFFIX}-${i + 1}`,
          name: `Tổ dân phố E2E ${SUFFIX} ${i + 1}`,
          kind: 'to_dan_pho',
          parent_code: ward,
        },
        geometry: g.geometry,
      })),
    };
    const card = page.getByTestId('boundary-import');
    // A land-office Shapefile: its .dbf columns are read in the browser and mapped by their names.
    await card.getByTestId('boundary-file').setInputFiles({
      name: 'xa.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(
        zipSync({ 'xa.shp': new Uint8Array(1000), 'xa.dbf': dbfHeader(['MA_XA', 'TEN_XA', 'MA_HUYEN']) }),
      ),
    });
    await expect(card.getByTestId('boundary-map-code')).toHaveValue('MA_XA');
    await expect(card.getByTestId('boundary-map-name')).toHaveValue('TEN_XA');
    await expect(card.getByTestId('boundary-map-parent_code')).toHaveValue('MA_HUYEN');
    await expect(card.getByTestId('boundary-map-kind')).toHaveValue('');

    await card.getByTestId('boundary-file').setInputFiles({
      name: `to-dan-pho-${SUFFIX}.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    // The mapping offers the file's own columns, with the defaults picked.
    await expect(card.getByTestId('boundary-map-code')).toHaveValue('code');
    await expect(card.getByTestId('boundary-map-parent_code')).toHaveValue('parent_code');
    await expect(card.getByTestId('boundary-map-parent_code').locator('option')).toHaveText([
      '(không có)',
      'code',
      'name',
      'kind',
      'parent_code',
    ]);
    await card.getByTestId('boundary-valid-from').fill(VALID_FROM);

    // A file with a point among the polygons: refused, naming the feature and the field.
    const bad = {
      ...file,
      features: [
        ...file.features,
        {
          type: 'Feature',
          properties: { ...file.features[0]!.properties, code: `${ward}-E${SUFFIX}-9` },
          geometry: { type: 'Point', coordinates: [106, 20] },
        },
      ],
    };
    await card.getByTestId('boundary-file').setInputFiles({
      name: 'sai.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await card.getByTestId('boundary-dry-run').click();
    await expect(card.getByTestId('boundary-rejected')).toContainText('đối tượng 4');
    await expect(card.getByTestId('boundary-rejected')).toContainText('geometry');
    await expect(card.locator('[data-testid="boundary-issue"][data-severity="error"][data-row="4"]')).toContainText(
      'Polygon',
    );
    await expect(card.getByTestId('boundary-commit')).toBeDisabled();

    await card.getByTestId('boundary-file').setInputFiles({
      name: `to-dan-pho-${SUFFIX}.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await card.getByTestId('boundary-level').selectOption('group');
    await expect(card.getByTestId('boundary-commit')).toBeDisabled();
    await card.getByTestId('boundary-dry-run').click();

    const report = card.getByTestId('boundary-report');
    await expect(report).toBeVisible({ timeout: 60_000 });
    await expect(report.getByTestId('boundary-features')).toHaveText('3');
    await expect(report.getByTestId('boundary-errors')).toHaveText('0');
    await expect(card.getByTestId('boundary-commit')).toBeEnabled();

    // The preview layer on the map holds the three features.
    await page.waitForFunction(() => {
      const map = (window as unknown as { __dataPreviewMap?: import('maplibre-gl').Map }).__dataPreviewMap;
      return map?.loaded() === true && map.getLayer('preview-fill') !== undefined;
    });
    await expect
      .poll(
        () =>
          page.evaluate(() => {
            const map = (window as unknown as { __dataPreviewMap: import('maplibre-gl').Map }).__dataPreviewMap;
            const codes = map.queryRenderedFeatures({ layers: ['preview-fill'] }).map((f) => f.properties.code);
            return [...new Set(codes)].sort();
          }),
        { timeout: 30_000 },
      )
      .toEqual(file.features.map((f) => f.properties.code).sort());
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as { __dataPreviewMap: import('maplibre-gl').Map }).__dataPreviewMap;
          map.once('idle', () => resolve());
          map.triggerRepaint();
        }),
    );
    // The sticky header stays at the top of a full-page screenshot only when the page is not scrolled.
    await page.evaluate(() => window.scrollTo(0, 0));
    // The README's docs/screenshots/data-import.png is a copy of this artifact, refreshed by hand.
    await screenshot(page, 'data-import', { fullPage: true });

    await card.getByTestId('boundary-commit').click();
    const summary = card.getByTestId('boundary-summary');
    await expect(summary).toBeVisible({ timeout: 60_000 });
    await expect(card.getByTestId('boundary-progress')).toHaveAttribute('data-percent', '100');
    await expect(summary.getByTestId('boundary-opened')).toHaveText('3');
    await expect(summary.getByTestId('boundary-closed')).toHaveText('3');

    // The crosswalk of this change: correct one share.
    await summary.getByTestId('boundary-open-crosswalk').click();
    const xw = page.getByTestId('crosswalk-review');
    await expect(xw.getByTestId('crosswalk-at')).toHaveAttribute('data-value', VALID_FROM);
    const row = xw.getByTestId('crosswalk-forward').getByTestId('crosswalk-row').first();
    await expect(row).toBeVisible();
    const computed = await row.getByTestId('crosswalk-area').inputValue();
    await row.getByTestId('crosswalk-area').fill('0.95');
    await row.getByTestId('crosswalk-save').click();
    await expect(row.getByTestId('crosswalk-saved')).toBeVisible();
    await expect(row.getByTestId('crosswalk-area')).toHaveValue('0.95');
    // Undo puts the computed share back (saved, and audited, like any correction).
    await row.getByTestId('crosswalk-undo').click();
    await expect(row.getByTestId('crosswalk-undo')).toBeHidden();
    await expect(row.getByTestId('crosswalk-area')).toHaveValue(computed);
  });

  await test.step('(b) indicator import: a bad row is rejected by number, the corrected file goes in', async () => {
    await page.getByTestId('data-tab-indicators').click();
    const card = page.getByTestId('indicator-import');
    const [a, b] = [chosen[0]!.properties, chosen[1]!.properties];
    const v = 100 + Math.floor(Math.random() * 900);
    const csv = (second: string) =>
      `\uFEFFMã đơn vị,Tên đơn vị,Kỳ (YYYY-MM),Số vụ ma túy [drug_cases]\r\n` +
      `${a.code},${a.name},${PERIOD},${v}\r\n${b.code},${b.name},${PERIOD},${second}\r\n`;
    await card.getByTestId('indicator-file').setInputFiles({
      name: 'so-lieu-sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv('-4')),
    });
    await card.getByTestId('indicator-dry-run').click();
    const rejected = card.getByTestId('indicator-rejected');
    await expect(rejected).toContainText('Dòng/row 3');
    await expect(card.getByTestId('indicator-rejected-rows')).toHaveText('Dòng bị từ chối: 3');
    await expect(card.getByTestId('indicator-problems-value').getByTestId('indicator-problem')).toHaveAttribute(
      'data-row',
      '3',
    );
    await expect(card.getByTestId('indicator-commit')).toBeDisabled();

    await card.getByTestId('indicator-file').setInputFiles({
      name: 'so-lieu.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv(String(v + 1))),
    });
    await card.getByTestId('indicator-dry-run').click();
    await expect(card.getByTestId('indicator-report')).toBeVisible();
    await expect(card.getByTestId('indicator-matched')).toHaveText('2');
    await card.getByTestId('indicator-commit').click();
    const summary = card.getByTestId('indicator-summary');
    await expect(summary).toBeVisible();
    const n = async (id: string) => Number(await summary.getByTestId(id).textContent());
    expect((await n('indicator-inserted')) + (await n('indicator-updated')) + (await n('indicator-unchanged'))).toBe(2);
  });

  await test.step('(c) one value corrected, then found in the audit log filtered by its unit', async () => {
    await page.getByTestId('data-tab-edits').click();
    const card = page.getByTestId('single-edits');
    await pickUnit(page, 'edit-unit-search', edited.properties.code);
    await expect(card.getByTestId('edit-unit')).toHaveAttribute('data-unit-id', String(edited.properties.id));
    const form = card.getByTestId('value-form');
    await form.getByTestId('value-indicator').selectOption('drug_cases');
    await form.getByTestId('value-period').fill(PERIOD);
    await expect(form.getByTestId('value-current')).not.toHaveText('…');
    const value = 500 + Math.floor(Math.random() * 400);
    await form.getByTestId('value-new').fill(String(value));
    await form.getByTestId('value-save').click();
    const record = form.getByTestId('audit-record');
    await expect(record.locator('[data-key="value"] [data-testid="audit-after"]')).toHaveText(String(value));
    await expect(record).toContainText('observation.set');

    // Undo writes the previous value back (audited too), when there was one.
    const undo = form.getByTestId('value-undo');
    const hadValue = await undo.isEnabled();
    if (hadValue) {
      await undo.click();
      await expect(form.getByTestId('value-note')).toHaveText('Đã đặt lại giá trị trước.');
      await expect(record.locator('[data-key="value"] [data-testid="audit-before"]')).toHaveText(String(value));
    }

    await record.getByTestId('audit-link').click();
    const audit = page.getByTestId('admin-audit');
    await expect(audit).toBeVisible();
    await expect(audit.getByTestId('audit-unit')).toHaveValue(String(edited.properties.id));
    const entity = `drug_cases:${edited.properties.id}:${PERIOD}`;
    const rows = audit.getByTestId('audit-row');
    await expect(rows.first()).toHaveAttribute('data-entity-id', entity);
    await expect(rows.first()).toContainText(String(value));
    if (hadValue) await expect(rows.nth(1)).toHaveAttribute('data-entity-id', entity);
    // Every entry shown is about that unit: itself, a value of it, its crosswalk rows, or a boundary
    // import that closed it (this run's or an earlier one's; entity: the version's date).
    const sid = String(edited.properties.id);
    const about = (e: string) =>
      e === sid || e.split(':')[1] === sid || e.split('>').includes(sid) || /^\d{4}-\d{2}-\d{2}$/.test(e);
    for (const id of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-entity-id') ?? ''))) {
      expect(about(id), id).toBe(true);
    }
  });

  await test.step('(d) a group designated a hotspot, then its status changed', async () => {
    await page.goto('/?test=1&view=data&tab=hotspots');
    const card = page.getByTestId('hotspot-editor');
    await pickUnit(page, 'hotspot-group-search', hotspotGroup.properties.code);
    await expect(card.getByTestId('hotspot-group')).toContainText(hotspotGroup.properties.code);
    await card.getByTestId('hotspot-category-drugs').check();
    await card.getByTestId('hotspot-category-gambling').check();
    await card.getByTestId('hotspot-date').fill(TODAY);
    await card.getByTestId('hotspot-note').fill(`e2e ${SUFFIX}`);
    await card.getByTestId('hotspot-designate').click();
    await expect(card.getByTestId('hotspot-notice')).toBeVisible();
    const row = card.getByTestId('hotspot-row').filter({ hasText: hotspotGroup.properties.code });
    await expect(row).toHaveAttribute('data-status', 'identified');
    await expect(row.getByTestId('hotspot-history').locator('li')).toHaveCount(1);

    await row.getByTestId('hotspot-change').click();
    const form = card.getByTestId('hotspot-status-form');
    await form.getByTestId('hotspot-new-status').selectOption('transforming');
    await form.getByTestId('hotspot-changed-on').fill(TODAY);
    await form.getByTestId('hotspot-status-note').fill('Bắt đầu chuyển hóa');
    await form.getByTestId('hotspot-status-save').click();
    await expect(card.getByTestId('hotspot-status-notice')).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'transforming');
    await expect(row.getByTestId('hotspot-history').locator('li')).toHaveCount(2);
    await expect(row.getByTestId('hotspot-history')).toContainText('Bắt đầu chuyển hóa');
  });

  expectCleanRun(seen);
});

test('an editor limited to one ward: no demo removal, corrections shown from the answer, only their units found', async ({
  page,
  playwright,
}) => {
  const seen = watch(page);
  const base = test.info().project.use.baseURL!;
  // The administrator creates the editor through the API (the users page is access.spec's subject).
  const admin = await playwright.request.newContext({ baseURL: base });
  const login = await admin.post('/api/auth/login', { data: { username: E2E_USERNAME, password: E2E_PASSWORD } });
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  const wards = ((await (await admin.get(`/api/units?level=ward&at=${TODAY}`)).json()) as { features: UnitFeature[] })
    .features;
  const groups = (
    (await (await admin.get(`/api/units?level=group&at=${TODAY}`)).json()) as {
      features: UnitFeature[];
    }
  ).features;
  const [mine, other] = [wards[0]!.properties, wards[1]!.properties];
  const ownGroup = groups.find((g) => g.properties.parent_code === mine.code)!.properties;
  const otherGroup = groups.find((g) => g.properties.parent_code === other.code)!.properties;
  const username = `e2e.editor.${SUFFIX}`;
  const password = `Bien-Tap-${SUFFIX}-2026`;
  const created = await admin.post('/api/admin/users', {
    headers: { 'x-csrf-token': csrf },
    data: { username, display_name: `Biên tập ${mine.name}`, role: 'editor', password, scope_unit_ids: [mine.id] },
  });
  expect(created.status(), await created.text()).toBe(201);
  await admin.dispose();

  const signedIn = await page.request.post('/api/auth/login', { data: { username, password } });
  expect(signedIn.status()).toBe(200);
  await page.goto('/?test=1&view=data&tab=edits');
  await expect(page.getByTestId('data-page')).toBeVisible();
  await expect(page.getByTestId('data-tab-hotspots')).toBeVisible();
  await expect(page.getByTestId('data-tab-demo')).toHaveCount(0);

  // A group of another ward is not found; one of their own is.
  const box = page.getByTestId('edit-unit-search');
  await box.getByTestId('search-input').fill(otherGroup.code);
  await expect(box.getByTestId('search-results')).toContainText('Không tìm thấy');
  await pickUnit(page, 'edit-unit-search', ownGroup.code);
  const form = page.getByTestId('value-form');
  await form.getByTestId('value-indicator').selectOption('drug_cases');
  await form.getByTestId('value-period').fill(PERIOD);
  await expect(form.getByTestId('value-current')).not.toHaveText('…');
  const value = 1000 + Math.floor(Math.random() * 900);
  await form.getByTestId('value-new').fill(String(value));
  await form.getByTestId('value-save').click();
  // Not an administrator: what changed comes from the answer, with no link to the audit log.
  const record = form.getByTestId('audit-record');
  await expect(record.locator('[data-key="value"] [data-testid="audit-after"]')).toHaveText(String(value));
  await expect(record.getByTestId('audit-link')).toHaveCount(0);

  expectCleanRun(seen);
});
