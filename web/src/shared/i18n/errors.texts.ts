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
    'request.too_large': () => 'The file or request is too large.',
    'request.rate_limited': () => 'Too many requests; please try again later.',
    'request.timeout': () => 'The request took too long; please try again.',
    'server.error': () => 'Server error.',
  },
});
