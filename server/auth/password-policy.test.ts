import { describe, expect, it } from 'vitest';
import { MIN_PASSWORD_LENGTH, passwordProblem } from './password-policy.ts';

describe('password policy: length and the common-password list, nothing else', () => {
  it('refuses what the security review tried and what lists of breached passwords hold', () => {
    expect(passwordProblem('aaaaaaaaaa')).toBe('auth.password_too_short');
    expect(passwordProblem('aaaaaaaaaaaa')).toBe('auth.password_too_repetitive');
    expect(passwordProblem('abababababab')).toBe('auth.password_too_repetitive');
    expect(passwordProblem('123456789012')).toBe('auth.password_too_common');
    expect(passwordProblem('1qaz2wsx3edc')).toBe('auth.password_too_common');
    expect(passwordProblem('Password1234')).toBe('auth.password_too_common');
    expect(passwordProblem('dragon!!2024')).toBe('auth.password_too_common');
    expect(passwordProblem('qwerty123456')).toBe('auth.password_too_common');
  });

  it(`counts characters, not bytes: ${MIN_PASSWORD_LENGTH} Vietnamese letters are enough, 11 are not`, () => {
    expect(passwordProblem('Đường Hồ Ch')).toBe('auth.password_too_short'); // 11 characters, 17 bytes
    expect(passwordProblem('Đường Hồ Chí')).toBeNull(); // 12
  });

  it('welcomes Vietnamese passphrases, typed composed or decomposed', () => {
    const phrase = 'tôi yêu Hà Nội mùa thu';
    expect(passwordProblem(phrase)).toBeNull();
    expect(passwordProblem(phrase.normalize('NFD'))).toBeNull();
    expect(passwordProblem('cong an phuong Bich Dao 2017')).toBeNull();
  });
});
