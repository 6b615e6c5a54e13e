/** Texts of the shared interface parts: sign-in form, unit search. */
import { defineTexts } from '../i18n/texts.ts';

export const uiTexts = defineTexts('ui', {
  vi: {
    signIn: 'Đăng nhập',
    signingIn: 'Đang đăng nhập…',
    signInHint: 'Số liệu an ninh, trật tự chỉ dành cho tài khoản được cấp.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    search: 'Tìm phường, xã, tổ dân phố',
    searchNone: 'Không tìm thấy đơn vị nào.',
  },
  en: {
    signIn: 'Sign in',
    signingIn: 'Signing in…',
    signInHint: 'Security and order data is for issued accounts only.',
    username: 'Username',
    password: 'Password',
    search: 'Find a ward or group',
    searchNone: 'No unit found.',
  },
});
