/**
 * Texts every part of the interface shares: actions, states, role names, the hotspot vocabulary,
 * levels, themes, and how periods and days are written.
 */
import type { HotspotCategory, HotspotStatus } from '../../../../geo/units.ts';
import type { Role } from '../../../../server/auth/roles.ts';
import { defineTexts } from './texts.ts';

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const common = defineTexts('common', {
  vi: {
    loading: 'Đang tải…',
    retry: 'Thử lại',
    cancel: 'Hủy',
    save: 'Lưu',
    saving: 'Đang lưu…',
    close: 'Đóng',
    delete: 'Xóa',
    edit: 'Sửa',
    pageFailed: (detail: string) => `Không tải được trang: ${detail}`,
    offline: (detail: string) => `Không kết nối được máy chủ (${detail})`,
    badAnswer: (status: number) => `Máy chủ trả về dữ liệu không hợp lệ (HTTP ${status})`,
    sessionFailed: (detail: string) => `Không kết nối được máy chủ: ${detail}`,
    month: (month: number, year: string) => `tháng ${month}/${year}`,
    monthShort: (month: number, year: string) => `${month}/${year}`,
    quarter: (quarter: number, year: string) => `quý ${quarter}/${year}`,
    year: (year: string) => `năm ${year}`,
    yearToDate: (month: number, year: string) => (month === 1 ? `tháng 1/${year}` : `tháng 1–${month}/${year}`),
    rolling12: (month: number, year: string) => `12 tháng đến tháng ${month}/${year}`,
    day: (day: string, month: string, year: string) => `${day}/${month}/${year}`,
    levelWard: 'Phường, xã',
    levelGroup: 'Tổ dân phố, thôn',
    role_viewer: 'Xem',
    role_commander: 'Chỉ huy',
    role_planner: 'Kế hoạch',
    role_editor: 'Biên tập dữ liệu',
    role_admin: 'Quản trị',
    roleHint_viewer: 'xem bản đồ và số liệu trong phạm vi',
    roleHint_commander: 'xem, theo dõi địa bàn',
    roleHint_planner: 'lập kế hoạch chuyển hóa',
    roleHint_editor: 'nhập, sửa số liệu',
    roleHint_admin: 'quản lý người dùng, xem nhật ký',
    drugs: 'Ma túy',
    gambling: 'Cờ bạc',
    urban_order: 'Trật tự đô thị',
    sanitation: 'Vệ sinh môi trường',
    identified: 'Mới xác định',
    transforming: 'Đang chuyển hóa',
    transformed: 'Đã chuyển hóa',
    relapsed: 'Tái phức tạp',
    theme_safety_registration: 'Đăng ký "an toàn về ANTT"',
    theme_movement: 'Phong trào toàn dân bảo vệ ANTQ',
    theme_crime: 'Tội phạm và trật tự',
    theme_hotspot: 'Địa bàn phức tạp',
    theme_population: 'Dân cư',
    theme_other: 'Chỉ tiêu khác',
    demoData: 'Dữ liệu minh họa (demo)',
  },
  en: {
    loading: 'Loading…',
    retry: 'Try again',
    cancel: 'Cancel',
    save: 'Save',
    saving: 'Saving…',
    close: 'Close',
    delete: 'Delete',
    edit: 'Edit',
    pageFailed: (detail) => `Could not load the page: ${detail}`,
    offline: (detail) => `Cannot reach the server (${detail})`,
    badAnswer: (status) => `The server sent an invalid answer (HTTP ${status})`,
    sessionFailed: (detail) => `Cannot reach the server: ${detail}`,
    month: (month, year) => `${MONTHS_EN[month - 1] ?? month} ${year}`,
    monthShort: (month, year) => `${MONTHS_EN[month - 1] ?? month} ${year}`,
    quarter: (quarter, year) => `Q${quarter} ${year}`,
    year: (year) => year,
    yearToDate: (month, year) => (month === 1 ? `Jan ${year}` : `Jan–${MONTHS_EN[month - 1] ?? month} ${year}`),
    rolling12: (month, year) => `12 months to ${MONTHS_EN[month - 1] ?? month} ${year}`,
    day: (day, month, year) => `${Number(day)} ${MONTHS_EN[Number(month) - 1] ?? month} ${year}`,
    levelWard: 'Wards, communes',
    levelGroup: 'Residential groups',
    role_viewer: 'Viewer',
    role_commander: 'Commander',
    role_planner: 'Planner',
    role_editor: 'Data editor',
    role_admin: 'Administrator',
    roleHint_viewer: 'sees the map and data in scope',
    roleHint_commander: 'sees and follows up the area',
    roleHint_planner: 'drafts transformation plans',
    roleHint_editor: 'imports and corrects data',
    roleHint_admin: 'manages users, reads the audit log',
    drugs: 'Drugs',
    gambling: 'Gambling',
    urban_order: 'Urban order',
    sanitation: 'Sanitation',
    identified: 'Identified',
    transforming: 'Transforming',
    transformed: 'Transformed',
    relapsed: 'Relapsed',
    theme_safety_registration: '"Safe for security and order" registrations',
    theme_movement: 'All-people national security movement',
    theme_crime: 'Crime and order',
    theme_hotspot: 'Hotspots',
    theme_population: 'Population',
    theme_other: 'Other indicators',
    demoData: 'Demo data',
  },
});

/** A role's name in the chosen language (an unknown role as it is). */
export function roleName(role: string): string {
  const key = `role_${role}` as `role_${Role}`;
  return common.t[key] ?? role;
}

export function roleHint(role: Role): string {
  return common.t[`roleHint_${role}`];
}

/** A hotspot problem or status in the chosen language. */
export function hotspotWord(word: HotspotCategory | HotspotStatus | string): string {
  const t = common.t as Record<string, string | unknown>;
  const text = t[word];
  return typeof text === 'string' ? text : word;
}

/** An indicator theme's name (safety registration, movement, crime…). */
export function themeName(theme: string): string {
  const text = (common.t as Record<string, unknown>)[`theme_${theme}`];
  return typeof text === 'string' ? text : theme;
}

/** The name of a map level. */
export function levelName(level: 'ward' | 'group'): string {
  return level === 'group' ? common.t.levelGroup : common.t.levelWard;
}
