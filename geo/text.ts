/**
 * Folds Vietnamese text for search: "Phường Bích Đào", "bich dao" and "BICH DAO" all fold to
 * "phuong bich dao". NFD splits letters from their tone and vowel marks, which are then dropped;
 * đ/Đ has no decomposition and is mapped by hand.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
