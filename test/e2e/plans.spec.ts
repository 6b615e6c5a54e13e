/**
 * Planning in the browser, against the real server (issue #7):
 *
 * (a) a planner ranks the candidate groups (the weights change the query and the order), ticks the
 *     top 5 rows, and adds two more groups by drawing on the map — a polygon round one and a
 *     Shift+drag box round another — checking the running summary and the map's feature-state;
 * (b) saves the plan, reloads the page, finds it in the list and opens it (the map shows its seven
 *     groups), submits it; the approve route refuses the planner (403, said by the server);
 * (c) a commander signs in, opens the plan and approves it; the progress tab charts it;
 * (d) the XLSX download is read back with exceljs: Vietnamese headers, seven rows, the groups' and
 *     wards' names with their diacritics intact;
 * (e) the planner drops a group from the approved plan: saved as revision 2, a draft, the approved
 *     revision kept;
 * throughout, no page error, no unexpected console error, no request leaving the machine.
 *
 * The planner and the commander are created through the admin API, with names unique per run
 * (tests share the server's data folder).
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { expectCleanRun, screenshot, watch } from './pageWatch.ts';

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const PLANNER = { username: `e2e.kehoach.${RUN}`, display_name: `Cán bộ kế hoạch (e2e ${RUN})`, role: 'planner' };
const COMMANDER = {
  username: `e2e.chihuy.${RUN}`,
  display_name: `Chỉ huy Công an thành phố (e2e ${RUN})`,
  role: 'commander',
};
const PASSWORD = `Chuyen-Hoa-2027-${RUN}`;
const PLAN_NAME = `Kế hoạch chuyển hóa địa bàn phức tạp năm 2027 (e2e ${RUN})`;
const PLAN_DESCRIPTION = 'Ưu tiên các tổ có nhiều vụ việc ma túy, cờ bạc; phối hợp Mặt trận Tổ quốc phường.';

interface Group {
  id: number;
  name: string;
  ward: string;
  households: number;
}

async function createUsers(request: APIRequestContext): Promise<void> {
  const login = await request.post('/api/auth/login', { data: { username: E2E_USERNAME, password: E2E_PASSWORD } });
  expect(login.status(), 'sign-in as the e2e admin').toBe(200);
  const csrf = ((await login.json()) as { csrf_token: string }).csrf_token;
  for (const user of [PLANNER, COMMANDER]) {
    const created = await request.post('/api/admin/users', {
      headers: { 'x-csrf-token': csrf },
      data: { ...user, password: PASSWORD, scope_unit_ids: [] },
    });
    expect(created.status(), `create ${user.username}`).toBe(201);
  }
}

async function signInWithForm(page: Page, username: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(form).toBeHidden();
}

/** Waits for the ranking to settle and the map to have drawn the groups and applied the latest state. */
async function waitForPlansPage(page: Page): Promise<void> {
  await expect(page.getByTestId('plans-page')).toHaveAttribute('data-rank-busy', 'false', { timeout: 60_000 });
  await expect(page.getByTestId('plans-map')).toHaveAttribute('data-ready', 'true', { timeout: 60_000 });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

async function rowGroup(row: Locator): Promise<Group> {
  return {
    id: Number(await row.getAttribute('data-id')),
    name: (await row.locator('.name').textContent())!.trim(),
    ward: (await row.locator('.sub').first().textContent())!.split('·')[0]!.trim(),
    households: Number((await row.locator('td.num').nth(2).textContent())!.replace(/\D/g, '')),
  };
}

/** Unit ids whose `selected` feature-state is true on the plans map. */
async function selectedOnMap(page: Page, ids: number[]): Promise<number[]> {
  return page.evaluate(
    (list) => list.filter((id) => window.__map!.getFeatureState({ source: 'units', id }).selected === true),
    ids,
  );
}

/**
 * Groups among `ids` whose label point is well inside the map and at least `room` pixels from
 * every other group's label point: a small shape drawn round one takes that group alone.
 */
async function isolatedGroups(page: Page, ids: number[], room: number) {
  return page.evaluate(
    ({ list, room }) => {
      const map = window.__map!;
      const canvas = map.getCanvas().getBoundingClientRect();
      const seen = new Map<number, { x: number; y: number }>();
      for (const f of map.querySourceFeatures('unit-labels')) {
        const id = Number(f.id);
        if (seen.has(id) || f.geometry.type !== 'Point') continue;
        const p = map.project(f.geometry.coordinates as [number, number]);
        seen.set(id, { x: p.x, y: p.y });
      }
      const points = [...seen.entries()];
      return list
        .map((id) => ({ id, at: seen.get(id) }))
        .filter(
          (c): c is { id: number; at: { x: number; y: number } } =>
            !!c.at &&
            c.at.x > room &&
            c.at.y > room &&
            c.at.x < canvas.width - room &&
            c.at.y < canvas.height - room &&
            points.every(([other, q]) => other === c.id || Math.hypot(q.x - c.at!.x, q.y - c.at!.y) >= room) &&
            // Not under the legend or another control drawn over the map.
            document.elementFromPoint(c.at.x + canvas.left, c.at.y + canvas.top) === map.getCanvas(),
        )
        .map((c) => ({ id: c.id, x: c.at.x + canvas.left, y: c.at.y + canvas.top }));
    },
    { list: ids, room },
  );
}

test('a planner ranks, selects by table and by drawing, saves and submits; a commander approves; the XLSX reads back', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const seen = watch(page);
  // Through a request context of its own: the page itself stays signed out.
  await createUsers(request);

  const picked: Group[] = [];
  let planId = 0;

  await test.step('(a) the planner ranks the candidates', async () => {
    await page.goto('/?view=plans&test=1');
    await signInWithForm(page, PLANNER.username);
    await expect(page.getByRole('heading', { name: 'Kế hoạch chuyển hóa', level: 2 })).toBeVisible();
    await waitForPlansPage(page);
    const rows = page.getByTestId('candidate-row');
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId('method-note')).toContainText('So với trung bình');
    // The default window: the last 12 complete months with data (the demo runs to 10/2026), in mm/yyyy.
    await expect(page.getByTestId('rank-from')).toHaveValue('11/2025');
    await expect(page.getByTestId('rank-to')).toHaveValue('10/2026');
    // Groups already transformed are left out by default; the toggle brings them back, flagged.
    const transformedRows = rows.filter({
      has: page.getByTestId('candidate-status').filter({ hasText: 'Đã chuyển hóa' }),
    });
    await expect(page.getByTestId('filter-exclude-transformed')).toBeChecked();
    await expect(transformedRows).toHaveCount(0);
    const withTransformed = page.waitForResponse(
      (r) =>
        new URL(r.url()).pathname === '/api/plans/candidates' &&
        !new URL(r.url()).searchParams.has('excludeTransformed'),
    );
    await page.getByTestId('filter-exclude-transformed').uncheck();
    expect((await withTransformed).status()).toBe(200);
    await waitForPlansPage(page);
    expect(await transformedRows.count()).toBeGreaterThan(0);
    await expect(transformedRows.first().getByTestId('candidate-status')).toHaveText('✓ Đã chuyển hóa');
    const withoutTransformed = page.waitForResponse(
      (r) => new URL(r.url()).searchParams.get('excludeTransformed') === 'true',
    );
    await page.getByTestId('filter-exclude-transformed').check();
    await withoutTransformed;
    await waitForPlansPage(page);
    await expect(transformedRows).toHaveCount(0);
    // The legend speaks in levels of attention, not z-scores.
    const legend = page.getByTestId('score-legend');
    await expect(legend).toContainText('80–100');
    await expect(legend).toContainText('80–100 (20 % cao nhất)');
    await expect(legend).not.toContainText('-0');
    // Unique names (issue #14): the window ends after the 2025 merger, when Phường Hoa Lư holds a
    // "Tổ dân phố 4" from each of several former wards; the list tells them apart by that ward.
    const fours = rows.locator('.name').filter({ hasText: /^Tổ dân phố 4 \(/ });
    await expect(fours.filter({ hasText: 'Tổ dân phố 4 (Tân Thành cũ) · Phường Hoa Lư' })).toHaveCount(1);
    await expect(fours.filter({ hasText: 'Tổ dân phố 4 (Đông Thành cũ) · Phường Hoa Lư' })).toHaveCount(1);

    // Sanitation off, drugs up: the next query says so, and the table is re-ranked.
    const ranked = page.waitForResponse((r) => {
      const url = new URL(r.url());
      return (
        url.pathname === '/api/plans/candidates' && (url.searchParams.get('weights') ?? '').includes('drug_cases:5')
      );
    });
    await page.getByTestId('weight-sanitation_complaints').fill('0');
    await page.getByTestId('weight-sanitation_complaints').dispatchEvent('change');
    await page.getByTestId('weight-drug_cases').fill('5');
    await page.getByTestId('weight-drug_cases').dispatchEvent('change');
    const response = await ranked;
    expect(response.status()).toBe(200);
    const query = new URL(response.url()).searchParams;
    expect(query.get('weights')).not.toContain('sanitation_complaints');
    expect(query.get('method')).toBe('z');
    const body = (await response.json()) as {
      candidates: { unitId: number; score: number; rank: number; level: number }[];
      scored: number;
    };
    expect(body.candidates.length).toBeGreaterThan(20);
    await waitForPlansPage(page);

    // The table shows the answer in rank order, scores not increasing.
    await expect(rows).toHaveCount(body.candidates.length);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.id), Number(tr.dataset.rank)]));
    expect(shown).toEqual(body.candidates.map((c) => [c.unitId, c.rank]));
    expect(shown.map(([, rank]) => rank)).toEqual(shown.map((_, i) => i + 1));
    const scores = body.candidates.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expect(page.getByTestId('candidate-count')).toContainText(`chuẩn hóa trên ${body.scored} tổ`);

    // "Why this group?": the first row's breakdown names drugs with its contribution.
    await rows.first().getByTestId('candidate-why').click();
    const why = page.getByTestId('candidate-why-row');
    await expect(why).toHaveCount(1);
    await expect(why).toContainText('Vụ việc liên quan ma túy');
    // Levels out of 100 (never a negative z-score), and the rank says which way it reads.
    const level = Math.round(body.candidates[0]!.level);
    await expect(rows.first().getByTestId('candidate-score')).toContainText(String(level));
    await expect(page.getByTestId('candidate-table').locator('thead').first()).toContainText('1 = cần quan tâm nhất');
    await expect(why.locator('tr.total td').nth(1)).toHaveText(`${level}/100`);
    // Coverage reads as on the map: a percentage with one decimal at most.
    await expect(why.locator('tbody tr').filter({ hasText: '%' }).first()).toContainText(/\d+(,\d)?%/);
    await rows.first().getByTestId('candidate-why').click();
    await expect(why).toHaveCount(0);

    // A ward filter only hides rows: the groups left keep their scores.
    const wardSelect = page.getByTestId('filter-ward');
    const ward = (await wardSelect.locator('option').nth(2).textContent())!.trim();
    const filtered = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/plans/candidates' && new URL(r.url()).searchParams.has('ward'),
    );
    await wardSelect.selectOption({ label: ward });
    const inWard = (await (await filtered).json()) as {
      candidates: { unitId: number; score: number; wardName: string }[];
    };
    expect(inWard.candidates.length).toBeGreaterThan(0);
    expect(new Set(inWard.candidates.map((c) => c.wardName))).toEqual(new Set([ward]));
    const scoreOf = new Map(body.candidates.map((c) => [c.unitId, c.score]));
    for (const c of inWard.candidates) expect(c.score).toBeCloseTo(scoreOf.get(c.unitId)!, 9);
    await expect(rows).toHaveCount(inWard.candidates.length);
    const unfiltered = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/plans/candidates' && !new URL(r.url()).searchParams.has('ward'),
    );
    await wardSelect.selectOption({ index: 0 });
    await unfiltered;
    await expect(rows).toHaveCount(body.candidates.length);
    await waitForPlansPage(page);

    // The map is shaded by score: every candidate has a fill colour in feature-state.
    const colored = await page.evaluate(
      (ids) =>
        ids.filter((id) => typeof window.__map!.getFeatureState({ source: 'units', id }).color === 'string').length,
      body.candidates.map((c) => c.unitId),
    );
    expect(colored).toBe(body.candidates.length);
  });

  await test.step('(a) the top 5 by ticking rows, two more by drawing on the map', async () => {
    const rows = page.getByTestId('candidate-row');
    for (let i = 0; i < 5; i++) {
      const row = rows.nth(i);
      await row.getByTestId('candidate-check').check();
      picked.push(await rowGroup(row));
    }
    await expect(page.getByTestId('summary-groups')).toHaveText('5');
    const households = picked.reduce((s, g) => s + g.households, 0);
    await expect(page.getByTestId('summary-households')).toHaveText(households.toLocaleString('vi-VN'));
    await expect(page.getByTestId('selection-item')).toHaveCount(5);
    await expect
      .poll(() =>
        selectedOnMap(
          page,
          picked.map((g) => g.id),
        ),
      )
      .toHaveLength(5);

    // Two unselected candidates standing apart on the map.
    const others = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.id)))).filter(
      (id) => !picked.some((g) => g.id === id),
    );
    const apart = await isolatedGroups(page, others, 24);
    expect(apart.length, 'candidates with room around them on the map').toBeGreaterThanOrEqual(2);
    const [first, second] = apart as [(typeof apart)[number], (typeof apart)[number]];

    // A polygon round the first: three clicks, Enter closes it.
    const map = page.getByTestId('plans-map');
    await page.getByTestId('map-tool-polygon').click();
    await expect(map).toHaveAttribute('data-tool', 'polygon');
    const [poly] = await isolatedGroups(page, [first.id], 24);
    expect(poly, 'the first group on the map').toBeDefined();
    // Esc drops a polygon being drawn, and nothing is added.
    await page.mouse.click(poly!.x - 12, poly!.y - 8);
    await page.mouse.click(poly!.x + 12, poly!.y - 8);
    await expect(map).toHaveAttribute('data-vertices', '2');
    await page.keyboard.press('Escape');
    await expect(map).toHaveAttribute('data-vertices', '0');
    await expect(page.getByTestId('summary-groups')).toHaveText('5');
    // Every vertex within 15 px of the group's point, every other group at least 24 px away.
    await page.mouse.click(poly!.x - 12, poly!.y - 8);
    await page.mouse.click(poly!.x + 12, poly!.y - 8);
    await page.mouse.click(poly!.x, poly!.y + 12);
    await expect(map).toHaveAttribute('data-vertices', '3');
    await page.keyboard.press('Enter');
    await expect(map).toHaveAttribute('data-drawn', String(first.id));
    await expect(map).toHaveAttribute('data-vertices', '0');
    await expect(page.getByTestId('summary-groups')).toHaveText('6');
    await expect(page.getByTestId('selection-note')).toHaveText('Đã thêm 1 tổ vào danh sách chọn.');

    // A box round the second: Shift+drag with the pointer tool (its place looked up again, in case
    // the page moved).
    await page.getByTestId('map-tool-select').click();
    const [box] = await isolatedGroups(page, [second.id], 24);
    expect(box, 'the second group on the map').toBeDefined();
    await page.keyboard.down('Shift');
    await page.mouse.move(box!.x - 10, box!.y - 10);
    await page.mouse.down();
    await page.mouse.move(box!.x, box!.y, { steps: 4 });
    await page.mouse.move(box!.x + 10, box!.y + 10, { steps: 4 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(map).toHaveAttribute('data-drawn', String(second.id));
    await expect(page.getByTestId('summary-groups')).toHaveText('7');

    for (const id of [first.id, second.id])
      picked.push(await rowGroup(page.locator(`[data-testid="candidate-row"][data-id="${id}"]`)));
    await expect(page.getByTestId('selection-item')).toHaveCount(7);
    // Their rows are ticked, and the map outlines all seven.
    for (const id of [first.id, second.id]) {
      await expect(
        page.locator(`[data-testid="candidate-row"][data-id="${id}"]`).getByTestId('candidate-check'),
      ).toBeChecked();
    }
    await expect
      .poll(() =>
        selectedOnMap(
          page,
          picked.map((g) => g.id),
        ),
      )
      .toHaveLength(7);
    await expect(page.getByTestId('summary-households')).toHaveText(
      picked.reduce((s, g) => s + g.households, 0).toLocaleString('vi-VN'),
    );
    // The picture for the README: the ranked table with its ticks beside the map and the summary.
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('candidate-table').evaluate((el) => {
      el.scrollIntoView();
      el.querySelector('.scroll')!.scrollTop = 0;
    });
    await waitForPlansPage(page);
    await screenshot(page, 'plans');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('(b) the planner saves the plan', async () => {
    await page.getByTestId('to-plan').click();
    const editor = page.getByTestId('plan-editor');
    await expect(editor).toHaveAttribute('data-status', 'new');
    await expect(editor.getByTestId('plan-item')).toHaveCount(7);
    // Each item comes with a rationale from its score, and its ward's police as the responsible unit.
    const firstItem = editor.getByTestId('plan-item').first();
    await expect(firstItem.getByLabel(/^Lý do chọn/)).toHaveValue(
      /^Hạng 1\/\d+ \(1 = cần quan tâm nhất\), mức cần quan tâm \d+\/100, nhóm \d+ % cần quan tâm nhất \(11\/2025–10\/2026, [^)]+\); yếu tố chính: /,
    );
    await expect(firstItem.getByLabel(/^Lý do chọn/)).not.toHaveValue(/z-score/);
    // Target dates are typed as dd/mm/yyyy; a day that does not exist is refused, said next to it.
    const target = firstItem.getByTestId('item-target-date');
    await expect(target).toHaveValue(/^31\/12\/\d{4}$/);
    await target.fill('31/02/2027');
    await target.press('Tab');
    await expect(firstItem.getByRole('alert')).toHaveText('Không có ngày 31/2/2027: tháng 2/2027 có 28 ngày.');
    await target.fill('30/6/2027');
    await target.press('Tab');
    await expect(target).toHaveValue('30/06/2027');
    await expect(firstItem.getByRole('alert')).toHaveCount(0);
    await expect(firstItem.getByLabel(/^Đơn vị phụ trách/)).toHaveValue(
      `Công an ${picked[0]!.ward.replace(/^Phường/, 'phường').replace(/^Xã/, 'xã')}`,
    );

    // Refused in the browser first: a plan needs a name.
    await editor.getByTestId('plan-save').click();
    await expect(editor.locator('#plan-name-error')).toHaveText('Nhập tên kế hoạch.');
    await editor.getByTestId('plan-name').fill(PLAN_NAME);
    await editor.getByTestId('plan-year').fill('2027');
    await editor.getByTestId('plan-description').fill(PLAN_DESCRIPTION);
    await firstItem.getByLabel(/^Đơn vị phụ trách/).fill('Công an phường phối hợp Mặt trận Tổ quốc');
    await firstItem.getByLabel(/^Đơn vị phụ trách/).dispatchEvent('change');

    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/plans' && r.request().method() === 'POST',
    );
    const put = page.waitForResponse((r) => /\/api\/plans\/\d+\/items$/.test(new URL(r.url()).pathname));
    await editor.getByTestId('plan-save').click();
    expect((await created).status()).toBe(201);
    const items = await put;
    expect(items.status()).toBe(200);
    const sent = items.request().postDataJSON() as {
      items: { unitId: number; priority: number; responsibleUnit: string }[];
    };
    expect(sent.items.map((i) => i.unitId)).toEqual(picked.map((g) => g.id));
    expect(sent.items.map((i) => i.priority)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect((sent.items[0] as { targetDate?: string }).targetDate).toBe('2027-06-30');
    await expect(editor.getByTestId('plan-message')).toHaveText('Đã lưu.');
    await expect(editor.getByTestId('plan-status')).toHaveText('Bản nháp');
    planId = Number(await editor.getAttribute('data-plan-id'));
    expect(planId).toBeGreaterThan(0);
    expect(new URL(page.url()).searchParams.get('plan')).toBe(String(planId));
  });

  await test.step('(b) after a reload the plan is in the list; the planner opens and submits it', async () => {
    await page.goto('/?view=plans&tab=plan&test=1');
    const row = page.locator(`[data-testid="plan-row"][data-id="${planId}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(PLAN_NAME);
    await expect(row).toContainText('Bản nháp');
    await expect(row.locator('td').nth(3)).toHaveText('7');
    await row.getByRole('button', { name: `Mở kế hoạch ${PLAN_NAME}` }).click();
    const editor = page.getByTestId('plan-editor');
    await expect(editor).toHaveAttribute('data-plan-id', String(planId));
    await expect(editor.getByTestId('plan-item')).toHaveCount(7);
    await expect(editor.getByTestId('plan-description')).toHaveValue(PLAN_DESCRIPTION);
    await expect(
      editor
        .getByTestId('plan-item')
        .first()
        .getByLabel(/^Đơn vị phụ trách/),
    ).toHaveValue('Công an phường phối hợp Mặt trận Tổ quốc');
    await waitForPlansPage(page);
    await expect
      .poll(() =>
        selectedOnMap(
          page,
          picked.map((g) => g.id),
        ),
      )
      .toHaveLength(7);
    await expect(page.getByTestId('summary-groups')).toHaveText('7');

    // A planner is offered no approval, and the server refuses one anyway.
    await expect(editor.getByTestId('plan-approve')).toHaveCount(0);
    await editor.getByTestId('plan-submit').click();
    await expect(editor.getByTestId('plan-status')).toHaveText('Chờ duyệt');
    await expect(editor.getByTestId('plan-message')).toHaveText('Đã trình duyệt.');
    await expect(editor.getByTestId('plan-submit')).toHaveCount(0);
    await expect(editor.getByTestId('plan-name')).toBeDisabled();
    const csrf = ((await (await page.request.get('/api/auth/me')).json()) as { csrf_token: string }).csrf_token;
    const refused = await page.request.post(`/api/plans/${planId}/approve`, {
      headers: { 'x-csrf-token': csrf },
      data: {},
    });
    expect(refused.status()).toBe(403);
  });

  await test.step('(c) a commander approves the plan and sees its progress', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signInWithForm(page, COMMANDER.username);
    await page.goto(`/?view=plans&tab=plan&plan=${planId}&test=1`);
    const editor = page.getByTestId('plan-editor');
    await expect(editor).toHaveAttribute('data-plan-id', String(planId));
    await expect(editor.getByTestId('plan-status')).toHaveText('Chờ duyệt');
    await expect(editor.getByTestId('plan-save')).toHaveCount(0);
    await expect(editor.getByTestId('plan-submit')).toHaveCount(0);
    // A commander is not told their role only reads plans: they have one to review.
    await expect(editor.getByTestId('plan-readonly')).toHaveCount(0);
    // Returning asks for confirmation and needs a reason, said next to it; cancelling writes nothing.
    await editor.getByTestId('plan-return').click();
    const confirm = editor.getByTestId('plan-review-confirm');
    await expect(confirm).toHaveAttribute('data-action', 'return');
    await expect(confirm).toContainText('Trả lại kế hoạch cho người lập?');
    await confirm.getByTestId('plan-return-confirm').click();
    await expect(editor.locator('#review-comment-error')).toHaveText('Nhập ý kiến khi trả lại kế hoạch.');
    await confirm.getByTestId('plan-review-cancel').click();
    await expect(confirm).toHaveCount(0);
    await expect(editor.getByTestId('plan-status')).toHaveText('Chờ duyệt');
    // Approving: a confirmation with an optional comment box.
    await editor.getByTestId('plan-approve').click();
    await expect(confirm).toHaveAttribute('data-action', 'approve');
    await expect(confirm).toContainText('Phê duyệt kế hoạch này?');
    await expect(confirm).toContainText('(7 tổ)');
    await expect(confirm.getByLabel('Ý kiến (không bắt buộc)')).toBeFocused();
    const comment = 'Đồng ý, triển khai từ quý 1/2027.';
    await confirm.getByLabel('Ý kiến (không bắt buộc)').fill(comment);
    const approving = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/plans/${planId}/approve`);
    await confirm.getByTestId('plan-approve-confirm').click();
    const approveRequest = await approving;
    expect(approveRequest.request().postDataJSON()).toEqual({ comment });
    await expect(editor.getByTestId('plan-status')).toHaveText('Đã duyệt');
    // What just happened, and why the plan is now read-only: because it is approved, not the role.
    await expect(editor.getByTestId('plan-message')).toHaveText('Đã phê duyệt kế hoạch.');
    await expect(editor.getByTestId('plan-readonly')).toHaveAttribute('data-reason', 'approved');
    await expect(editor.getByTestId('plan-readonly')).toHaveText(
      'Kế hoạch đã được phê duyệt nên từ nay chỉ để xem và theo dõi tiến độ.',
    );
    await expect(editor).not.toContainText('Vai trò của bạn chỉ được xem kế hoạch');
    // The comment is in the plan's history, with who approved.
    await expect(editor.getByTestId('plan-history')).toContainText(
      `Phê duyệt — ${COMMANDER.display_name}: “${comment}”`,
    );
    await expect(page.locator(`[data-testid="plan-row"][data-id="${planId}"]`)).toContainText('Đã duyệt');

    await page.getByTestId('plans-tab-progress').click();
    const progress = page.getByTestId('plan-progress');
    await expect(progress).toBeVisible();
    await expect(progress.getByTestId('progress-item')).toHaveCount(7);
    await expect(progress.getByTestId('progress-chart').locator('rect').first()).toBeVisible();
    // The map is coloured by each item's current status.
    const states = await progress
      .getByTestId('progress-item')
      .evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.id), tr.dataset.current]));
    const colors = await page.evaluate(
      (ids) => ids.map((id) => window.__map!.getFeatureState({ source: 'units', id }).color as string),
      states.map(([id]) => id as number),
    );
    const STATUS_FILL: Record<string, string> = {
      transformed: '#1a9850',
      transforming: '#ec7014',
      notStarted: '#d7301f',
      relapsed: '#7a0177',
    };
    expect(colors).toEqual(states.map(([, state]) => STATUS_FILL[state as string]));
    await page.getByTestId('plans-tab-plan').click();
  });

  await test.step('(d) the XLSX download holds the seven groups with their Vietnamese names', async () => {
    const editor = page.getByTestId('plan-editor');
    const downloading = page.waitForEvent('download');
    await editor.getByTestId('export-xlsx').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(download.suggestedFilename()).toMatch(/^[\x20-\x7e]+$/);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells = (n: number) =>
      (sheet.getRow(n).values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
    let header = 0;
    sheet.eachRow((row, n) => {
      if (!header && (row.values as unknown[]).some((v) => v === 'Tên tổ dân phố/thôn')) header = n;
    });
    expect(header, 'the header row').toBeGreaterThan(0);
    const headers = cells(header);
    for (const h of [
      'STT',
      'Mã tổ',
      'Tên tổ dân phố/thôn',
      'Phường/xã',
      'Số hộ',
      'Ưu tiên',
      'Lý do chọn',
      'Đơn vị phụ trách',
    ]) {
      expect(headers).toContain(h);
    }
    const col = (h: string) => headers.indexOf(h);
    const rows = Array.from({ length: 7 }, (_, i) => cells(header + 1 + i));
    expect(rows.map((r) => r[col('Tên tổ dân phố/thôn')]!.normalize('NFC'))).toEqual(
      picked.map((g) => g.name.normalize('NFC')),
    );
    expect(rows.map((r) => r[col('Phường/xã')]!.normalize('NFC'))).toEqual(picked.map((g) => g.ward.normalize('NFC')));
    expect(rows.map((r) => Number(r[col('Số hộ')]))).toEqual(picked.map((g) => g.households));
    expect(rows[0]![col('Đơn vị phụ trách')]).toBe('Công an phường phối hợp Mặt trận Tổ quốc');
    // Nothing after the seventh group but, at most, blank or total lines.
    const after = cells(header + 8);
    expect(after[col('Tên tổ dân phố/thôn')] ?? '').toBe('');
    // The plan's name is in the file with its diacritics.
    const texts: string[] = [];
    sheet.eachRow((row) => (row.values as unknown[]).forEach((v) => typeof v === 'string' && texts.push(v)));
    expect(texts.some((t) => t.normalize('NFC').includes(PLAN_NAME.normalize('NFC')))).toBe(true);

    // The CSV: UTF-8 with a BOM, CRLF, the same header and seven rows.
    const csvDownloading = page.waitForEvent('download');
    await editor.getByTestId('export-csv').click();
    const csv = readFileSync(await (await csvDownloading).path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv
      .slice(1)
      .split('\r\n')
      .filter((l) => l !== '');
    expect(lines[0]).toContain('Tên tổ dân phố/thôn');
    expect(lines).toHaveLength(8);
    expect(lines[1]!.normalize('NFC')).toContain(picked[0]!.name.normalize('NFC'));
  });

  await test.step('(e) the planner changes the approved plan: a new revision, the approved one kept', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await signInWithForm(page, PLANNER.username);
    await page.goto(`/?view=plans&tab=plan&plan=${planId}&test=1`);
    const editor = page.getByTestId('plan-editor');
    await expect(editor.getByTestId('plan-status')).toHaveText('Đã duyệt');
    await expect(editor.getByTestId('plan-save')).toHaveText('Lưu thành bản sửa đổi mới');
    await expect(editor.getByTestId('plan-save')).toBeDisabled();
    // One group out: the last one, drawn with the box.
    const last = picked[picked.length - 1]!;
    await editor.getByRole('button', { name: `Bỏ ${last.name} khỏi danh sách chọn` }).click();
    await expect(editor.getByTestId('plan-item')).toHaveCount(6);
    await expect(page.getByTestId('summary-groups')).toHaveText('6');
    await editor.getByTestId('plan-save').click();
    await expect(editor.getByTestId('plan-message')).toContainText('được lưu thành bản sửa đổi lần 2 (bản nháp)');
    await expect(editor.getByTestId('plan-status')).toHaveText('Bản nháp');
    const revisionId = Number(await editor.getAttribute('data-plan-id'));
    expect(revisionId).not.toBe(planId);
    await expect(editor.getByTestId('plan-revisions')).toContainText('Lần sửa 1 — Đã duyệt');
    await expect(editor.getByTestId('plan-revisions')).toContainText('Lần sửa 2 — Bản nháp');
    await expect(page.locator(`[data-testid="plan-row"][data-id="${planId}"]`)).toContainText('Đã duyệt');
    await expect(page.locator(`[data-testid="plan-row"][data-id="${revisionId}"]`)).toContainText('Bản nháp');
    await expect
      .poll(() =>
        selectedOnMap(
          page,
          picked.map((g) => g.id),
        ),
      )
      .toHaveLength(6);
  });

  expectCleanRun(seen);
});
