import { describe, expect, it } from 'vitest';
import { foldVietnamese } from './text.ts';

describe('foldVietnamese', () => {
  it('matches with or without diacritics and case', () => {
    const target = foldVietnamese('Phường Bích Đào');
    expect(foldVietnamese('bich dao')).not.toBe(target);
    expect(target).toContain(foldVietnamese('bich dao'));
    expect(target).toContain(foldVietnamese('BICH DAO'));
    expect(target).toContain(foldVietnamese('Bích Đào'));
  });
  it('treats composed and decomposed input alike', () => {
    const composed = 'Thôn Đông Hạ'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(composed).not.toBe(decomposed);
    expect(foldVietnamese(composed)).toBe(foldVietnamese(decomposed));
    expect(foldVietnamese(composed)).toBe('thon dong ha');
  });
  it('collapses whitespace', () => {
    expect(foldVietnamese('  Ninh   Sơn ')).toBe('ninh son');
  });
});

describe('foldVietnamese, as the web searches with it', () => {
  it('folds Vietnamese letters for search', () => {
    expect(foldVietnamese('Phường Bích Đào')).toBe('phuong bich dao');
    expect(foldVietnamese('  XÃ   Ninh Nhất ')).toBe('xa ninh nhat');
    // Decomposed input (NFD) folds the same as composed.
    expect(foldVietnamese('Phường Bích Đào'.normalize('NFD'))).toBe('phuong bich dao');
    expect(foldVietnamese('Thủy')).toBe(foldVietnamese('Thuỷ'));
  });
  it('folds diacritics for search', () => {
    for (const q of ['bich dao', 'BICH DAO', 'Bích Đào']) expect('phuong bich dao').toContain(foldVietnamese(q));
  });
});
