/**
 * The deployment's own place: what the header, titles and every export name, and where the map
 * opens. It comes from the data — the lowest unit above every ward on the date (the city, or the
 * province when the wards sit directly under it) — unless an administrator set a name.
 */

/** English words for the kinds a place can be (Vietnamese first is the unit's own name). */
const KIND_EN: Record<string, string> = {
  tinh: 'province',
  thanh_pho: 'city',
  thi_xa: 'town',
  quan: 'district',
  huyen: 'district',
  phuong: 'ward',
  xa: 'commune',
  thi_tran: 'township',
  dac_khu: 'special zone',
};

/** Latin letters without Vietnamese marks: "Ninh Bình" → "Ninh Binh" (đ → d). */
export function withoutMarks(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** The English name of a unit as the English interface writes places: "Ninh Binh city". */
export function englishPlaceName(unit: { short_name: string; kind: string }): string {
  const kind = KIND_EN[unit.kind];
  const name = withoutMarks(unit.short_name);
  return kind ? `${name} ${kind}` : name;
}

export interface PlaceNames {
  name_vi: string;
  name_en: string;
}

/** The names shown: an administrator's non-empty names win, each language on its own. */
export function placeNames(fromData: PlaceNames | null, setting: PlaceNames): PlaceNames | null {
  const vi = setting.name_vi.trim() || fromData?.name_vi || '';
  const en = setting.name_en.trim() || fromData?.name_en || (setting.name_vi.trim() ? withoutMarks(vi) : '');
  return vi || en ? { name_vi: vi || en, name_en: en || withoutMarks(vi) } : null;
}
