import { SYSTEM } from '../auth/context.ts';
import type { Config } from '../config.ts';
import { generatePassword } from '../auth/secrets.ts';
import type { Role } from '../auth/roles.ts';
import type { Services } from '../services.ts';

/** The 2017 ward the demo's ward-scoped viewer is limited to. */
export const DEMO_SCOPED_WARD = { code: '14332', at: '2017-12-31', name: 'Phường Bích Đào' };

const DEMO_ACCOUNTS: { username: string; display_name: string; role: Role; scoped?: boolean }[] = [
  { username: 'chihuy', display_name: 'Chỉ huy (minh họa)', role: 'commander' },
  { username: 'kehoach', display_name: 'Cán bộ kế hoạch (minh họa)', role: 'planner' },
  { username: 'bientap', display_name: 'Cán bộ biên tập dữ liệu (minh họa)', role: 'editor' },
  { username: 'xem', display_name: 'Người xem (minh họa)', role: 'viewer' },
  { username: 'xem.bichdao', display_name: 'Công an phường Bích Đào (minh họa)', role: 'viewer', scoped: true },
];

/**
 * On the first start (no users at all): an `admin` whose password comes from ADMIN_PASSWORD or is
 * generated, and with the demo data one account per role plus a ward-scoped viewer. Generated
 * passwords are printed once and never stored in clear.
 */
export async function ensureAccounts(services: Services, config: Config, log: (m: string) => void): Promise<void> {
  if (await services.users.any()) return;
  const lines: string[] = [];
  const adminPassword = config.ADMIN_PASSWORD ?? generatePassword();
  await services.users.create(SYSTEM, {
    username: 'admin',
    display_name: 'Quản trị hệ thống',
    role: 'admin',
    password: adminPassword,
    scope_unit_ids: [],
  });
  lines.push(
    `  ${'admin'.padEnd(13)}${'admin'.padEnd(34)}${config.ADMIN_PASSWORD ? '<ADMIN_PASSWORD>' : adminPassword}`,
  );
  if (await services.demo.isDemo()) {
    const scopeIds = await services.units.idsByCode([DEMO_SCOPED_WARD.code], DEMO_SCOPED_WARD.at);
    for (const a of DEMO_ACCOUNTS) {
      const password = generatePassword();
      await services.users.create(SYSTEM, { ...a, password, scope_unit_ids: a.scoped ? scopeIds : [] }, true);
      lines.push(
        `  ${a.username.padEnd(13)}${`${a.role}${a.scoped ? `, ${DEMO_SCOPED_WARD.name}` : ''}`.padEnd(34)}${password}`,
      );
    }
  }
  log(
    [
      '',
      '┌─ Tài khoản đăng nhập (chỉ in một lần — hãy lưu lại và đổi mật khẩu) / sign-in accounts (printed once)',
      ...lines.map((l) => `│${l}`),
      '└─',
      '',
    ].join('\n'),
  );
}
