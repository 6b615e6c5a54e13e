/**
 * What the server's stable error codes say, in Vietnamese, from their `params`. The server's own
 * bilingual message is the fallback for a code not listed here.
 */
type Params = Record<string, unknown>;

const VI: Record<string, (p: Params) => string> = {
  'auth.password_too_short': (p) =>
    `Mật khẩu cần ít nhất ${p.min_length ?? 12} ký tự (có thể là một câu có dấu, có khoảng trắng).`,
  'auth.password_too_repetitive': (p) => `Mật khẩu cần ít nhất ${p.min_distinct ?? 5} ký tự khác nhau.`,
  'auth.password_too_common': () =>
    'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy dùng một câu dài dễ nhớ, ví dụ “đêm trăng rằm bên hồ Kỳ Lân”.',
  'auth.current_password_wrong': () => 'Mật khẩu hiện tại không đúng.',
  'auth.token_lifetime_too_long': (p) => `Mã truy cập chỉ được có hiệu lực tối đa ${p.max_days} ngày.`,
  'auth.login_failed': () => 'Sai tên đăng nhập hoặc mật khẩu.',
  'auth.login_delayed': (p) => `Đăng nhập sai nhiều lần: hãy thử lại sau ${p.retry_after_s} giây.`,
  'auth.too_many_attempts': (p) => `Quá nhiều lần đăng nhập từ máy này: hãy thử lại sau ${p.retry_after_s} giây.`,
  'auth.account_locked': () =>
    'Tài khoản đã bị khóa do đăng nhập sai nhiều lần. Hãy liên hệ quản trị viên để được mở khóa.',
  'auth.whole_area_required': () => 'Chỉ quản trị viên toàn địa bàn được làm việc này.',
  'user.cannot_change_own_access': () => 'Bạn không thể tự đổi phạm vi hay vai trò của mình.',
  'user.scope_outside_yours': () => 'Chỉ giao được phạm vi nằm trong các phường, xã của bạn.',
  'params.nul_byte': (p) => `Trường “${p.field}” chứa ký tự không hợp lệ.`,
};

/** The text for an error from the server: by its code when known, else its own message. */
export function errorText(err: unknown): string {
  const e = err as { code?: unknown; params?: unknown; message?: unknown };
  const render = typeof e?.code === 'string' ? VI[e.code] : undefined;
  if (render) return render((e.params as Params | undefined) ?? {});
  return err instanceof Error ? err.message : String(err);
}
