/**
 * Errors by code, in both languages: the server's (`code` + `params` of its JSON error body) and the
 * client's own (`client.*`). A code without a text here is shown by the server's message.
 */
import { defineTexts } from './texts.ts';

type P = Record<string, unknown>;
const s = (v: unknown) => String(v ?? '');

export const errorTexts = defineTexts('errors', {
  vi: {
    'client.offline': (p: P) => `Không kết nối được máy chủ (${s(p.detail)})`,
    'client.bad_answer': (p: P) => `Máy chủ trả về dữ liệu không hợp lệ (HTTP ${s(p.status)})`,
    'http.401': (_p: P) => 'Cần đăng nhập.',
    'http.403': (_p: P) => 'Bạn không có quyền thực hiện thao tác này.',
    'http.404': (_p: P) => 'Không tìm thấy.',
    'http.413': (_p: P) => 'Tệp hoặc yêu cầu quá lớn.',
    'http.429': (_p: P) => 'Quá nhiều yêu cầu; vui lòng thử lại sau.',
    'http.500': (_p: P) => 'Lỗi máy chủ.',
    'auth.required': (_p: P) => 'Cần đăng nhập.',
    'auth.login_failed': (_p: P) => 'Sai tên đăng nhập hoặc mật khẩu.',
    'auth.password_too_short': (p: P) =>
      `Mật khẩu cần ít nhất ${s(p.min_length ?? 12)} ký tự (có thể là một câu có dấu, có khoảng trắng).`,
    'auth.password_too_repetitive': (p: P) => `Mật khẩu cần ít nhất ${s(p.min_distinct ?? 5)} ký tự khác nhau.`,
    'auth.password_too_common': (_p: P) =>
      'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy dùng một câu dài dễ nhớ, ví dụ “đêm trăng rằm bên hồ Kỳ Lân”.',
    'auth.current_password_wrong': (_p: P) => 'Mật khẩu hiện tại không đúng.',
    'auth.token_lifetime_too_long': (p: P) => `Mã truy cập chỉ được có hiệu lực tối đa ${s(p.max_days)} ngày.`,
    'auth.login_delayed': (p: P) => `Đăng nhập sai nhiều lần: hãy thử lại sau ${s(p.retry_after_s)} giây.`,
    'auth.too_many_attempts': (p: P) =>
      `Quá nhiều lần đăng nhập từ máy này: hãy thử lại sau ${s(p.retry_after_s)} giây.`,
    'auth.account_locked': (_p: P) =>
      'Tài khoản đã bị khóa do đăng nhập sai nhiều lần. Hãy liên hệ quản trị viên để được mở khóa.',
    'auth.whole_area_required': (_p: P) => 'Chỉ quản trị viên toàn địa bàn được làm việc này.',
    'user.cannot_change_own_access': (_p: P) => 'Bạn không thể tự đổi phạm vi hay vai trò của mình.',
    'user.scope_outside_yours': (_p: P) => 'Chỉ giao được phạm vi nằm trong các phường, xã của bạn.',
    'params.nul_byte': (p: P) => `Trường “${s(p.field)}” chứa ký tự không hợp lệ.`,
    'request.too_large': (_p: P) => 'Tệp hoặc yêu cầu quá lớn.',
    'request.rate_limited': (_p: P) => 'Quá nhiều yêu cầu; vui lòng thử lại sau.',
    'request.timeout': (_p: P) => 'Yêu cầu quá thời gian chờ; vui lòng thử lại.',
    'server.error': (_p: P) => 'Lỗi máy chủ.',
  },
  en: {
    'client.offline': (p) => `Cannot reach the server (${s(p.detail)})`,
    'client.bad_answer': (p) => `The server sent an invalid answer (HTTP ${s(p.status)})`,
    'http.401': () => 'Please sign in.',
    'http.403': () => 'You may not do this.',
    'http.404': () => 'Not found.',
    'http.413': () => 'The file or request is too large.',
    'http.429': () => 'Too many requests; please try again later.',
    'http.500': () => 'Server error.',
    'auth.required': () => 'Please sign in.',
    'auth.login_failed': () => 'Wrong username or password.',
    'auth.password_too_short': (p) =>
      `The password needs at least ${s(p.min_length ?? 12)} characters (a sentence with spaces is fine).`,
    'auth.password_too_repetitive': (p) =>
      `The password needs at least ${s(p.min_distinct ?? 5)} different characters.`,
    'auth.password_too_common': () =>
      'This password is too common and easy to guess. Use a long sentence you remember instead.',
    'auth.current_password_wrong': () => 'The current password is wrong.',
    'auth.token_lifetime_too_long': (p) => `An access token may be valid for at most ${s(p.max_days)} days.`,
    'auth.login_delayed': (p) => `Too many failed sign-ins: try again in ${s(p.retry_after_s)} seconds.`,
    'auth.too_many_attempts': (p) =>
      `Too many sign-in attempts from this computer: try again in ${s(p.retry_after_s)} seconds.`,
    'auth.account_locked': () =>
      'This account is locked after too many failed sign-ins. Ask an administrator to unlock it.',
    'auth.whole_area_required': () => 'Only an administrator of the whole area may do this.',
    'user.cannot_change_own_access': () => 'You cannot change your own scope or role.',
    'user.scope_outside_yours': () => 'You can only assign a scope inside your own wards and communes.',
    'params.nul_byte': (p) => `The field “${s(p.field)}” contains an invalid character.`,
    'request.too_large': () => 'The file or request is too large.',
    'request.rate_limited': () => 'Too many requests; please try again later.',
    'request.timeout': () => 'The request took too long; please try again.',
    'server.error': () => 'Server error.',
  },
});
