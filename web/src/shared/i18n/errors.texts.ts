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
    'indicator.unknown': (p: P) => `Không có chỉ tiêu “${s(p.indicator)}”.`,
    'indicator.not_found': (p: P) => `Không có chỉ tiêu “${s(p.indicator)}”.`,
    'indicator.key_taken': (p: P) => `Mã “${s(p.indicator)}” đã có chỉ tiêu khác dùng.`,
    'indicator.name_taken': (p: P) => `Tên này trùng với chỉ tiêu “${s(p.indicator)}” (kể cả khi bỏ dấu).`,
    'indicator.has_data': (p: P) =>
      p.field === 'key'
        ? `Chỉ tiêu “${s(p.indicator)}” đã có ${s(p.values)} giá trị: không xóa được, chỉ có thể ngừng sử dụng.`
        : `Chỉ tiêu “${s(p.indicator)}” đã có số liệu: không đổi được loại chỉ tiêu hay cấp nhập.`,
    'indicator.in_use': (p: P) =>
      `Chỉ tiêu “${s(p.indicator)}” đang được dùng${Array.isArray(p.ratios) && p.ratios.length ? ` trong tỷ lệ ${p.ratios.join(', ')}` : ''}${Number(p.views) > 0 ? ` và ${s(p.views)} bản đồ đã lưu` : ''}.`,
    'indicator.retired': (p: P) => `Chỉ tiêu “${s(p.indicator)}” đã ngừng sử dụng: không nhận số liệu mới.`,
    'indicator.invalid_key': (_p: P) =>
      'Mã gồm 2–63 ký tự: chữ thường không dấu, số, gạch dưới; bắt đầu bằng chữ (vd. trom_cap).',
    'indicator.entry_not_in_levels': (_p: P) => 'Cấp nhập số liệu phải là một trong các cấp hiển thị.',
    'indicator.level_below_entry': (_p: P) => 'Không hiển thị được ở cấp thấp hơn cấp nhập số liệu.',
    'indicator.rule_for_kind': (p: P) =>
      p.expected === 'last'
        ? 'Loại chỉ tiêu này lấy giá trị tháng cuối kỳ.'
        : p.expected === 'ratio'
          ? 'Tỷ lệ được tính từ tổng tử số và tổng mẫu số.'
          : 'Chỉ tỷ lệ mới tính theo tử số và mẫu số.',
    'indicator.ratio_parts_required': (_p: P) => 'Tỷ lệ cần chọn tử số và mẫu số.',
    'indicator.ratio_part_unknown': (p: P) => `Không có chỉ tiêu “${s(p.indicator)}”.`,
    'indicator.ratio_part_not_count': (p: P) =>
      `“${s(p.indicator)}” không phải chỉ tiêu đếm: tử số và mẫu số phải là số đếm.`,
    'indicator.ratio_part_retired': (p: P) => `“${s(p.indicator)}” đã ngừng sử dụng.`,
    'indicator.ratio_parts_same': (_p: P) => 'Tử số và mẫu số phải khác nhau.',
    'indicator.ratio_level_not_in_part': (p: P) =>
      `“${s(p.indicator)}” không có số liệu ở cấp ${Array.isArray(p.levels) ? p.levels.join(', ') : s(p.levels)}.`,
    'indicator.parts_only_for_ratio': (_p: P) => 'Chỉ tỷ lệ mới có tử số và mẫu số.',
    'indicator.scale_only_for_ratio': (_p: P) => 'Chỉ tỷ lệ mới hiển thị dạng phần trăm.',
    'indicator.not_summable': (_p: P) => 'Loại chỉ tiêu này không cộng dồn được: chỉ hiển thị ở cấp nhập số liệu.',
    'params.blank': (_p: P) => 'Trường này không được để trống.',
    'params.nothing_to_change': (_p: P) => 'Không có thay đổi nào để lưu.',
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
    'indicator.unknown': (p) => `No indicator “${s(p.indicator)}”.`,
    'indicator.not_found': (p) => `No indicator “${s(p.indicator)}”.`,
    'indicator.key_taken': (p) => `The key “${s(p.indicator)}” is already used by another indicator.`,
    'indicator.name_taken': (p) => `This name is already used by “${s(p.indicator)}” (ignoring diacritics).`,
    'indicator.has_data': (p) =>
      p.field === 'key'
        ? `“${s(p.indicator)}” has ${s(p.values)} values: it cannot be deleted, only retired.`
        : `“${s(p.indicator)}” has values: its kind and entry level cannot change.`,
    'indicator.in_use': (p) =>
      `“${s(p.indicator)}” is in use${Array.isArray(p.ratios) && p.ratios.length ? ` by the rates ${p.ratios.join(', ')}` : ''}${Number(p.views) > 0 ? ` and ${s(p.views)} saved views` : ''}.`,
    'indicator.retired': (p) => `“${s(p.indicator)}” is retired: it takes no new values.`,
    'indicator.invalid_key': () =>
      'A key has 2–63 characters: lower-case letters without diacritics, digits, underscores; it starts with a letter.',
    'indicator.entry_not_in_levels': () => 'The entry level must be one of the levels shown.',
    'indicator.level_below_entry': () => 'Values cannot be shown below the level they are entered at.',
    'indicator.rule_for_kind': (p) =>
      p.expected === 'last'
        ? 'This kind takes the last month of a period.'
        : p.expected === 'ratio'
          ? 'A rate is the ratio of its summed numerator and denominator.'
          : 'Only a rate aggregates by numerator and denominator.',
    'indicator.ratio_parts_required': () => 'A rate needs a numerator and a denominator.',
    'indicator.ratio_part_unknown': (p) => `No indicator “${s(p.indicator)}”.`,
    'indicator.ratio_part_not_count': (p) => `“${s(p.indicator)}” is not a count: a rate's parts must be counts.`,
    'indicator.ratio_part_retired': (p) => `“${s(p.indicator)}” is retired.`,
    'indicator.ratio_parts_same': () => 'Numerator and denominator must differ.',
    'indicator.ratio_level_not_in_part': (p) =>
      `“${s(p.indicator)}” has no values at ${Array.isArray(p.levels) ? p.levels.join(', ') : s(p.levels)}.`,
    'indicator.parts_only_for_ratio': () => 'Only a rate has a numerator and a denominator.',
    'indicator.scale_only_for_ratio': () => 'Only a rate is shown as a percentage.',
    'indicator.not_summable': () => 'Values of this kind cannot be summed: shown only at their entry level.',
    'params.blank': () => 'This field must not be blank.',
    'params.nothing_to_change': () => 'Nothing changed.',
    'server.error': () => 'Server error.',
  },
});
