/** Administrative unit kinds, from province down to residential group. */
export const UNIT_KINDS = [
  'tinh',
  'thanh_pho',
  'thi_xa',
  'quan',
  'huyen',
  'phuong',
  'xa',
  'thi_tran',
  'dac_khu',
  'to_dan_pho',
  'thon',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const WARD_KINDS: readonly UnitKind[] = ['phuong', 'xa', 'thi_tran', 'dac_khu'];
export const GROUP_KINDS: readonly UnitKind[] = ['to_dan_pho', 'thon'];
export const CITY_KINDS: readonly UnitKind[] = ['tinh', 'thanh_pho', 'thi_xa', 'quan', 'huyen'];

export const HOTSPOT_CATEGORIES = ['drugs', 'gambling', 'urban_order', 'sanitation'] as const;
export type HotspotCategory = (typeof HOTSPOT_CATEGORIES)[number];
/** The indicator each hotspot problem is counted by (a hotspot opens the map on it). */
export const HOTSPOT_INDICATORS: Record<HotspotCategory, string> = {
  drugs: 'drug_cases',
  gambling: 'gambling_cases',
  urban_order: 'public_order_incidents',
  sanitation: 'sanitation_complaints',
};

export const HOTSPOT_STATUSES = ['identified', 'transforming', 'transformed', 'relapsed'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];
