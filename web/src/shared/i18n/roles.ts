/** Roles in the interface: Vietnamese names, in order of increasing rights. */
import type { Role } from '../api/types.ts';

export const ROLES: readonly Role[] = ['viewer', 'commander', 'planner', 'editor', 'admin'];

export const ROLE_NAMES_VI: Record<Role, string> = {
  viewer: 'Xem',
  commander: 'Chỉ huy',
  planner: 'Kế hoạch',
  editor: 'Biên tập dữ liệu',
  admin: 'Quản trị',
};

/** What each role may do, in one line (for the role picker). */
export const ROLE_HINTS_VI: Record<Role, string> = {
  viewer: 'xem bản đồ và số liệu trong phạm vi',
  commander: 'xem, theo dõi địa bàn',
  planner: 'lập kế hoạch chuyển hóa',
  editor: 'nhập, sửa số liệu',
  admin: 'quản lý người dùng, xem nhật ký',
};

export function roleName(role: string): string {
  return ROLE_NAMES_VI[role as Role] ?? role;
}
