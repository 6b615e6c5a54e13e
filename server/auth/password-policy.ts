import { dictionary } from '@zxcvbn-ts/language-common';
import { badRequest, type AppError } from '../errors.ts';

/**
 * The password rule (NIST SP 800-63B): long enough, not a known common password, nothing else —
 * no "one digit, one capital" composition rules, so Vietnamese passphrases with diacritics and
 * spaces ("tôi yêu Hà Nội mùa thu") are welcome. Length is counted in characters (Unicode code
 * points after NFC), not bytes.
 *
 * The list of common passwords is `@zxcvbn-ts/language-common`'s `passwords-common` (49,000
 * passwords most often seen in breaches, maintained with zxcvbn-ts; see README "Security").
 */
export const MIN_PASSWORD_LENGTH = 12;
/** "aaaaaaaaaaaa", "abababababab": too few different characters to be a password. */
export const MIN_DISTINCT_CHARACTERS = 5;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  return (common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())));
}

/** The same text however it was typed: NFC (a Vietnamese keyboard may send "ộ" decomposed). */
export const normalizePassword = (password: string) => password.normalize('NFC');

export type PasswordProblem = 'auth.password_too_short' | 'auth.password_too_repetitive' | 'auth.password_too_common';

/** What is wrong with a password, or null when it may be used. Pure apart from the list. */
export function passwordProblem(password: string): PasswordProblem | null {
  const p = normalizePassword(password);
  const chars = [...p];
  if (chars.length < MIN_PASSWORD_LENGTH) return 'auth.password_too_short';
  if (new Set(chars.map((c) => c.toLowerCase())).size < MIN_DISTINCT_CHARACTERS) return 'auth.password_too_repetitive';
  const lower = p.toLowerCase();
  const list = commonPasswords();
  // A common password with digits or symbols around it ("password1234", "dragon!!!!!!") is no better.
  const core = lower.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  if (list.has(lower) || (core.length >= 4 && list.has(core)) || list.has(lower.replace(/\s+/g, ''))) {
    return 'auth.password_too_common';
  }
  return null;
}

const MESSAGES: Record<PasswordProblem, string> = {
  'auth.password_too_short': `Mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự / the password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  'auth.password_too_repetitive': `Mật khẩu cần ít nhất ${MIN_DISTINCT_CHARACTERS} ký tự khác nhau / the password needs at least ${MIN_DISTINCT_CHARACTERS} different characters`,
  'auth.password_too_common':
    'Mật khẩu quá phổ biến, dễ bị đoán; hãy dùng một câu dài dễ nhớ / this password is too common: use a long passphrase',
};

/** Throws a 400 with the problem's code, naming `field`, when the password may not be used. */
export function checkPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw passwordError(problem, field);
}

export function passwordError(problem: PasswordProblem, field: string): AppError {
  return badRequest(problem, MESSAGES[problem], {
    field,
    params: { min_length: MIN_PASSWORD_LENGTH, min_distinct: MIN_DISTINCT_CHARACTERS },
  });
}
