/**
 * Issue #12: after too many failed sign-ins an account is locked; the administrator sees it in
 * "Quản trị người dùng" and lifts the lock with one click, after which the right password works.
 * The e2e server locks after 4 failures (LOGIN_LOCK_AFTER in playwright.config.ts).
 */
import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, E2E_USERNAME } from './account.ts';
import { screenshot } from './pageWatch.ts';

const SUFFIX = `${Date.now().toString(36)}${Math.floor(Math.random() * 1000)}`;
const USERNAME = `e2e.lock.${SUFFIX}`;
const PASSWORD = `Khoa-Mo-Khoa-${SUFFIX}`;

test('an account locked by failed sign-ins is unlocked by the administrator', async ({ page, playwright }) => {
  test.setTimeout(90_000);
  // The administrator makes the account (through the API, as a script would).
  const api = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const signedIn = await api.post('/api/auth/login', { data: { username: E2E_USERNAME, password: E2E_PASSWORD } });
  expect(signedIn.status()).toBe(200);
  const csrf = ((await signedIn.json()) as { csrf_token: string }).csrf_token;
  const made = await api.post('/api/admin/users', {
    headers: { 'x-csrf-token': csrf },
    data: { username: USERNAME, display_name: `Khóa thử ${SUFFIX}`, role: 'viewer', password: PASSWORD },
  });
  expect(made.status()).toBe(201);

  // Someone guesses: three tries, a wait, a fourth; then even the right password is refused.
  const guesser = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  const guess = (password: string) => guesser.post('/api/auth/login', { data: { username: USERNAME, password } });
  for (const i of [1, 2, 3]) expect((await guess(`sai-${i}`)).status()).toBe(401);
  await expect.poll(async () => (await guess('sai-4')).status(), { timeout: 20_000, intervals: [2500] }).toBe(401);
  const locked = await guess(PASSWORD);
  expect(locked.status()).toBe(423);
  expect(((await locked.json()) as { code: string }).code).toBe('auth.account_locked');

  // The administrator sees the lock and lifts it.
  await page.goto('/?view=admin');
  await page.getByLabel('Tên đăng nhập').fill(E2E_USERNAME);
  await page.getByLabel('Mật khẩu').fill(E2E_PASSWORD);
  await page.getByTestId('login-form').getByRole('button', { name: 'Đăng nhập' }).click();
  const row = page.getByTestId('user-row').filter({ hasText: USERNAME });
  await expect(row).toContainText('Bị khóa đăng nhập');
  await row.scrollIntoViewIfNeeded();
  await screenshot(page, 'account-locked');
  await row.getByRole('button', { name: `Mở khóa đăng nhập cho ${USERNAME}` }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã mở khóa' })).toContainText(USERNAME);
  await expect(row).not.toContainText('Bị khóa đăng nhập');

  expect((await guess(PASSWORD)).status()).toBe(200);
  await api.dispose();
  await guesser.dispose();
});
