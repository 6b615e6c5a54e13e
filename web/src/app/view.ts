/**
 * Which page the app shows, kept in the address bar as `?view=…` next to the map's own parameters
 * (`indicator`, `period`), so that every page can be bookmarked, shared and reached with Back.
 * No `view` parameter means the map.
 */
export type View = 'map' | 'plans' | 'briefings' | 'present' | 'data' | 'account' | 'admin' | 'audit';

const VIEWS: readonly View[] = ['map', 'plans', 'briefings', 'present', 'data', 'account', 'admin', 'audit'];

/** Pages only administrators may see. */
export const ADMIN_VIEWS: readonly View[] = ['admin', 'audit'];

/** Pages only roles that change data may see (the server enforces the same on every route). */
export const EDITOR_VIEWS: readonly View[] = ['data'];
export const EDITOR_ROLES: readonly string[] = ['editor', 'admin'];

export const VIEW_TITLES: Record<View, string> = {
  map: 'Bản đồ',
  plans: 'Kế hoạch chuyển hóa',
  briefings: 'Trình chiếu và xuất bản đồ',
  present: 'Trình chiếu',
  data: 'Quản lý dữ liệu',
  account: 'Tài khoản của tôi',
  admin: 'Quản trị người dùng',
  audit: 'Nhật ký thao tác',
};

/** The view a query string asks for; anything unknown is the map. */
export function viewFromSearch(search: string): View {
  const value = new URLSearchParams(search).get('view');
  return VIEWS.find((v) => v === value) ?? 'map';
}

/** `href` with its view set to `view`, every other parameter and the hash kept (path + search + hash). */
export function hrefForView(view: View, href: string): string {
  const url = new URL(href);
  if (view === 'map') url.searchParams.delete('view');
  else url.searchParams.set('view', view);
  return `${url.pathname}${url.search}${url.hash}`;
}
