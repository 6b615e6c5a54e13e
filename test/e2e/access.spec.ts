/**
 * Access control in the browser, through the real login page and the real server:
 *
 * (a) the administrator creates a viewer limited to one ward (Phường Bích Đào) in "Quản trị người
 *     dùng", sees it in the table, and finds the `user.create` entry in "Nhật ký";
 * (b) that viewer signs in: the map holds their one ward only, the header offers no administration,
 *     the administration pages opened by address say "not allowed", and the API refuses (403);
 *     they manage their own password and API tokens in "Tài khoản của tôi";
 * (c) throughout, no page error, no unexpected console error, no request leaving the machine.
 *
 * The ward is picked from the 2017 boundaries (the ward list for 31/12/2017), the geography the
 * map page draws: Bích Đào is one of its 14 wards. (Today's list holds the 2025 wards — Hoa Lư, Nam
 * Hoa Lư, Đông Hoa Lư — which the 2017 map does not draw.) Tests share the server's data folder,
 * so the viewer's name is unique per run.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { atlasState, expectCleanRun, screenshot, waitForMap, watch } from './pageWatch.ts';

const WARD = 'Phường Bích Đào';
/** The first day of the demo's first ward version (the 14 wards of 2017), as the date field shows it. */
const WARD_DATE_SHOWN = '01/01/2015';
const SUFFIX = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const VIEWER = `e2e.bichdao.${SUFFIX}`;
const VIEWER_NAME = `Cán bộ phường Bích Đào (e2e ${SUFFIX})`;
const VIEWER_PASSWORD = `Bich-Dao-2017-${SUFFIX}`;
const VIEWER_NEW_PASSWORD = `Doi-Mat-Khau-${SUFFIX}`;

async function signInWithForm(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByTestId('login-form');
  await expect(form).toBeVisible();
  await expect(page.getByLabel('Tên đăng nhập')).toBeFocused();
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await form.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(form).toBeHidden();
}

test('an admin scopes a viewer to one ward; the viewer sees that ward only and no administration', async ({ page }) => {
  test.setTimeout(150_000);
  const seen = watch(page);
  let viewerId = 0;

  await test.step('(a) the admin creates a viewer scoped to Phường Bích Đào', async () => {
    await page.goto('/?test=1&period=2017-12');
    await signInWithForm(page, E2E_USERNAME, E2E_PASSWORD);
    await waitForMap(page);
    expect((await atlasState(page))?.unitIds).toHaveLength(14);

    // The header offers the administration pages to an admin. Each page owns its keys: the map's
    // choices leave the address with the map, and its link brings them back.
    await expect(page.getByTestId('nav-account')).toHaveText('Tài khoản của tôi');
    await page.getByTestId('nav-admin').click();
    const admin = page.getByTestId('admin-users');
    await expect(admin).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Quản trị người dùng' })).toBeFocused();
    const url = new URL(page.url());
    expect(url.searchParams.get('view')).toBe('admin');
    expect(url.searchParams.get('indicator')).toBeNull();
    const mapLink = new URL((await page.getByTestId('nav-map').getAttribute('href'))!, url);
    expect(mapLink.searchParams.get('view')).toBeNull();
    expect(mapLink.searchParams.get('indicator')).toBe('coverage_households_safe');
    expect(mapLink.searchParams.get('period')).toBe('2017-12');
    await expect(page.getByTestId('nav-admin')).toHaveAttribute('aria-current', 'page');

    const adminRow = admin.locator('[data-testid="user-row"][data-username="admin"]');
    await expect(adminRow.getByTestId('user-role')).toHaveText('Quản trị');
    await expect(adminRow.getByTestId('user-scope')).toHaveText('Toàn địa bàn');

    await admin.getByRole('button', { name: 'Thêm người dùng' }).click();
    const form = page.getByTestId('user-form');
    await expect(form).toBeVisible();
    await expect(form.getByLabel('Tên đăng nhập')).toBeFocused();

    // Checked in the browser first: a limited scope with no ward is refused next to the scope.
    await form.getByLabel('Tên đăng nhập').fill('admin');
    await form.getByLabel('Tên hiển thị').fill(VIEWER_NAME);
    await form.getByLabel('Vai trò').selectOption('viewer');
    await form.getByLabel('Mật khẩu ban đầu').fill(VIEWER_PASSWORD);
    await form.getByRole('radio', { name: 'Chỉ một số phường, xã' }).check();
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    await expect(form.locator('#uf-scope-error')).toHaveText('Chọn ít nhất một phường, xã, hoặc chọn “Toàn địa bàn”.');

    // The 2017 wards (the first version the data holds), found without diacritics.
    await form.getByRole('button', { name: 'Địa giới từ 01/01/2015 (14)' }).click();
    await expect(form.getByLabel('Danh sách theo địa giới ngày')).toHaveValue(WARD_DATE_SHOWN);
    await expect(form.getByRole('checkbox')).toHaveCount(14);
    await form.getByLabel('Tìm phường, xã').fill('bich dao');
    await expect(form.getByRole('checkbox')).toHaveCount(1);
    await form.getByRole('checkbox', { name: WARD }).check();
    await expect(form.getByText(`Đã chọn 1: ${WARD}`)).toBeVisible();

    // Then by the server: the username is taken — said next to the username field.
    seen.allowed.push({ path: '/api/admin/users', status: 409 });
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    await expect(form.locator('#uf-username-error')).toContainText('đã tồn tại');
    await expect(form.getByLabel('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel('Tên đăng nhập')).toBeFocused();
    await form.getByLabel('Tên đăng nhập').fill(VIEWER);
    await screenshot(page, 'user-form');

    const created = page.waitForResponse(
      (r) => new URL(r.url()).pathname === '/api/admin/users' && r.request().method() === 'POST' && r.status() === 201,
    );
    await form.getByRole('button', { name: 'Tạo người dùng' }).click();
    const body = (await (await created).json()) as { id: number; scope_unit_ids: number[]; role: string };
    viewerId = body.id;
    expect(body.role).toBe('viewer');
    expect(body.scope_unit_ids).toHaveLength(1);
    await expect(form).toBeHidden();
    await expect(admin.getByRole('status')).toContainText(`Đã tạo người dùng “${VIEWER}”`);

    const row = admin.locator(`[data-testid="user-row"][data-username="${VIEWER}"]`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(VIEWER_NAME);
    await expect(row.getByTestId('user-role')).toHaveText('Xem');
    await expect(row.getByTestId('user-scope')).toHaveText(WARD);
    await expect(row).toContainText('Hoạt động');
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'admin-users');

    // Editing: the form opens on the user's values, with their 2017 ward listed and ticked; locking
    // and unlocking the account show in the table.
    for (const [lock, status] of [
      [true, 'Đã khóa'],
      [false, 'Hoạt động'],
    ] as const) {
      await row.getByRole('button', { name: `Sửa người dùng ${VIEWER}` }).click();
      await expect(form).toBeVisible();
      await expect(form.getByLabel('Tên hiển thị')).toHaveValue(VIEWER_NAME);
      await expect(form.getByLabel('Vai trò')).toHaveValue('viewer');
      await expect(form.getByLabel('Danh sách theo địa giới ngày')).toHaveValue(WARD_DATE_SHOWN);
      await expect(form.getByRole('checkbox', { name: WARD })).toBeChecked();
      await form.getByRole('checkbox', { name: /^Khóa tài khoản/ }).setChecked(lock);
      const patched = page.waitForResponse(
        (r) => new URL(r.url()).pathname === `/api/admin/users/${viewerId}` && r.request().method() === 'PATCH',
      );
      await form.getByRole('button', { name: 'Lưu thay đổi' }).click();
      const patch = await patched;
      expect(patch.status()).toBe(200);
      expect(patch.request().postDataJSON()).toEqual({ disabled: lock });
      await expect(form).toBeHidden();
      await expect(row).toContainText(status);
    }
  });

  await test.step('(a) the audit log holds the user.create entry', async () => {
    await page.getByTestId('nav-audit').click();
    const audit = page.getByTestId('admin-audit');
    await expect(audit).toBeVisible();
    await expect(audit.getByTestId('audit-row').first()).toBeVisible();

    await audit.getByLabel('Hành động').fill('user.create');
    await audit.getByLabel('Người dùng').selectOption({ label: `admin — Quản trị hệ thống` });
    const filtered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/admin/audit');
    await audit.getByRole('button', { name: 'Lọc', exact: true }).click();
    const query = new URL((await filtered).url()).searchParams;
    expect(query.get('action')).toBe('user.create');
    expect(query.get('user_id')).toBe('1');

    const entry = audit.locator(`[data-testid="audit-row"][data-action="user.create"][data-entity-id="${viewerId}"]`);
    await expect(entry).toBeVisible();
    await expect(entry).toContainText('Tạo người dùng');
    await expect(entry).toContainText(E2E_USERNAME);
    await expect(entry).toContainText('127.0.0.1');
    await expect(entry).toContainText(`Người dùng #${viewerId}`);
    // The diff: the created fields with their values, the telling ones shown first.
    await expect(entry).toContainText(`username: ${VIEWER}`);
    await expect(entry).toContainText('role: viewer');
    await expect(entry.getByText(VIEWER, { exact: true })).toBeVisible();
    await expect(entry.getByText(VIEWER_NAME, { exact: true })).toBeVisible();
    // Every row of the filtered page is a user.create.
    const actions = await audit.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.dataset.action));
    expect(new Set(actions)).toEqual(new Set(['user.create']));
    await screenshot(page, 'admin-audit');

    // The lock and unlock: updates, with only what changed, before → after.
    await audit.getByLabel('Hành động').fill('user.update');
    await audit.getByRole('button', { name: 'Lọc', exact: true }).click();
    const updates = audit.locator(`[data-testid="audit-row"][data-action="user.update"][data-entity-id="${viewerId}"]`);
    await expect(updates).toHaveCount(2);
    await expect(updates.nth(0).locator('li')).toHaveText(['disabled: true → false']);
    await expect(updates.nth(1).locator('li')).toHaveText(['disabled: false → true']);
  });

  // From here on, every answer of /api/admin/* must be a refusal.
  const adminAnswers: { url: string; status: number }[] = [];
  await test.step('(b) the viewer signs in and sees one ward', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(page.getByTestId('login-form')).toBeVisible();
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/admin/')) {
        adminAnswers.push({ url: response.url(), status: response.status() });
      }
    });

    await signInWithForm(page, VIEWER, VIEWER_PASSWORD);
    await waitForMap(page);
    await expect(page.getByTestId('user')).toContainText(VIEWER_NAME);

    const atlas = await atlasState(page);
    expect(atlas?.unitIds).toHaveLength(1);
    const map = await page.evaluate(() => {
      const m = window.__map!;
      const features = m.querySourceFeatures('units');
      return {
        ids: [...new Set(features.map((f) => f.id))],
        names: [...new Set(features.map((f) => String(f.properties.name)))],
        rendered: new Set(m.queryRenderedFeatures({ layers: ['units-fill'] }).map((f) => f.id)).size,
      };
    });
    expect(map.ids).toEqual(atlas?.unitIds);
    expect(map.names.map((n) => n.normalize('NFC'))).toEqual([WARD]);
    expect(map.rendered).toBe(1);

    // The legend counts that one ward.
    const legend = page.getByTestId('legend');
    await expect(legend).toBeVisible();
    const counts = await legend.locator('tbody .count').allTextContents();
    expect(counts.reduce((sum, text) => sum + Number(text), 0)).toBe(1);
    await expect(page.getByTestId('indicator-picker')).toBeEnabled();
    await expect(page.getByTestId('period-slider')).toBeEnabled();

    // No administration in the header.
    await expect(page.getByTestId('nav-account')).toBeVisible();
    await expect(page.getByTestId('nav-admin')).toHaveCount(0);
    await expect(page.getByTestId('nav-indicators')).toHaveCount(0);
    await expect(page.getByTestId('nav-audit')).toHaveCount(0);
    await screenshot(page, 'map-viewer-bichdao');
  });

  await test.step('(b) the administration pages, opened by address, are refused', async () => {
    for (const view of ['admin', 'indicators', 'audit']) {
      await page.goto(`/?view=${view}&test=1`);
      const denied = page.getByTestId('access-denied');
      await expect(denied).toBeVisible();
      await expect(denied).toContainText('Bạn không có quyền truy cập trang này');
      await expect(denied).toContainText('You are not allowed to see this page');
      await expect(page.getByTestId('admin-users')).toHaveCount(0);
      await expect(page.getByTestId('admin-audit')).toHaveCount(0);
      await expect(page.getByTestId('users-table')).toHaveCount(0);
      await expect(page.getByTestId('indicators-page')).toHaveCount(0);
      if (view === 'admin') await screenshot(page, 'access-denied');
    }
    // The API refuses as well, whatever the page shows.
    for (const path of ['/api/admin/users', '/api/admin/audit']) {
      const response = await page.request.get(path);
      expect(response.status(), path).toBe(403);
    }
    // The pages asked for nothing; anything they had asked was refused.
    for (const answer of adminAnswers) expect(answer.status, answer.url).toBe(403);
  });

  await test.step('(b) the viewer manages their password and API tokens', async () => {
    await page.getByTestId('nav-account').click();
    await expect(page.getByTestId('account')).toBeVisible();
    await expect(page.getByTestId('account')).toContainText('Giới hạn theo phường, xã được giao');

    // A wrong current password: the server's message, next to that field.
    seen.allowed.push({ path: '/api/auth/password', status: 400 });
    const password = page.getByTestId('password-form');
    await password.getByLabel('Mật khẩu hiện tại').fill('not-my-password');
    await password.getByLabel('Mật khẩu mới', { exact: true }).fill(VIEWER_NEW_PASSWORD);
    await password.getByLabel('Nhập lại mật khẩu mới').fill(VIEWER_NEW_PASSWORD);
    await password.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    // Before anything is sent, the form says what the change ends: the API tokens, the other sessions.
    const confirm = password.getByTestId('password-confirm');
    await expect(confirm).toContainText('thu hồi mọi mã truy cập API');
    await confirm.getByRole('button', { name: 'Đổi mật khẩu và thu hồi mã' }).click();
    await expect(password.locator('#pw-current_password-error')).toContainText('Mật khẩu hiện tại không đúng');
    await password.getByLabel('Mật khẩu hiện tại').fill(VIEWER_PASSWORD);
    await password.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await confirm.getByRole('button', { name: 'Đổi mật khẩu và thu hồi mã' }).click();
    await expect(password.getByRole('status')).toContainText('Đã đổi mật khẩu');

    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'account');

    // A token: shown once, usable, then revoked after a confirmation.
    await page.getByLabel('Tên mã').fill('QGIS e2e');
    await page.getByRole('button', { name: 'Tạo mã mới' }).click();
    const fresh = page.getByTestId('new-token');
    await expect(fresh).toContainText('Mã chỉ hiện một lần');
    const secret = await fresh.getByTestId('new-token-value').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    const list = page.getByTestId('token-list');
    const row = list.getByTestId('token-row').filter({ hasText: 'QGIS e2e' });
    await expect(row).toContainText('Đang hiệu lực');
    const asToken = await page.request.get('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(asToken.status()).toBe(200);
    expect(((await asToken.json()) as { user: { username: string } }).user.username).toBe(VIEWER);
    await fresh.scrollIntoViewIfNeeded();
    await screenshot(page, 'account-token');

    await row.getByRole('button', { name: 'Thu hồi mã QGIS e2e' }).click();
    await row.getByRole('button', { name: 'Thu hồi', exact: true }).click();
    await expect(row).toContainText('Đã thu hồi');
    await expect(fresh).toBeHidden();
    const revoked = await page.request.get('/api/auth/me', { headers: { Authorization: `Bearer ${secret}` } });
    expect(revoked.status()).toBe(401);

    for (const answer of adminAnswers) expect(answer.status, answer.url).toBe(403);
  });

  // (c) Nothing left the machine, and nothing failed that was not meant to.
  expectCleanRun(seen);
});
