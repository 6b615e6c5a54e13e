import type { UnitKind } from '../units.ts';

/**
 * Thành phố Ninh Bình as registered in 2017 (GSO codes and names are real, see
 * ../shared/data/boundaries/SOURCES.md) and its three successor wards of 2025-07-01.
 *
 * Everything else here is a synthetic profile for the demo, chosen to look plausible: group
 * counts (183 in all, as in the 2017 report), household counts, target areas and where each ward
 * sits relative to the centre (roughly as on the real map: urban wards around Vân Giang, rural
 * communes west and east, Ninh Sơn/Ninh Phong south). No real boundary is used.
 */
export const VALID_FROM = '2015-01-01';
export const MERGER_DATE = '2025-07-01';

export interface AreaSpec {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
}

export const PROVINCE: AreaSpec = { code: '37', name: 'Tỉnh Ninh Bình', shortName: 'Ninh Bình', kind: 'tinh' };
export const CITY: AreaSpec = { code: '369', name: 'Thành phố Ninh Bình', shortName: 'Ninh Bình', kind: 'thanh_pho' };

/** Centre of the demo city (lon, lat); ward anchors are kilometres east/north of it. */
export const CITY_CENTRE: readonly [number, number] = [105.97, 20.25];

export interface WardSpec extends AreaSpec {
  kind: 'phuong' | 'xa';
  /** Code of the 2025 successor ward. */
  successor: string;
  /** Residential groups (tổ dân phố / thôn) in the ward. */
  groups: number;
  /** Relative household count (≈ households at the end of 2017 before seeded scaling). */
  households: number;
  /** Target area in km². */
  areaKm2: number;
  /** Rough position: km east, km north of CITY_CENTRE. */
  anchor: readonly [number, number];
  /** 0 (rural) … 1 (city core): drives density-related choices such as hotspots and businesses. */
  urban: number;
  /** Hamlet names for communes (xã), in order; at least `groups` of them. */
  hamlets?: readonly string[];
}

export const WARDS_2017: readonly WardSpec[] = [
  ward('14320', 'Đông Thành', 'phuong', '14329', 17, 3900, 1.45, [0.7, 1.2], 0.9),
  ward('14323', 'Tân Thành', 'phuong', '14329', 16, 3700, 1.75, [-0.5, 1.7], 0.85),
  ward('14326', 'Thanh Bình', 'phuong', '14329', 12, 2600, 0.95, [-0.3, -0.8], 1),
  ward('14329', 'Vân Giang', 'phuong', '14329', 12, 2500, 0.62, [0.1, 0.2], 1),
  ward('14332', 'Bích Đào', 'phuong', '14329', 16, 3500, 3.0, [-1.6, -0.6], 0.75),
  ward('14335', 'Phúc Thành', 'phuong', '14329', 13, 2900, 1.15, [1.2, 0.0], 0.95),
  ward('14338', 'Nam Bình', 'phuong', '14329', 14, 3000, 1.6, [1.3, -1.2], 0.85),
  ward('14341', 'Nam Thành', 'phuong', '14329', 15, 3300, 1.9, [0.1, -1.9], 0.8),
  ward('14344', 'Ninh Khánh', 'phuong', '14329', 16, 3300, 5.2, [-2.3, 1.6], 0.6),
  ward('14347', 'Ninh Nhất', 'xa', '14329', 11, 1900, 6.8, [-3.2, -0.4], 0.3, [
    'Đông Trung',
    'Tây Trung',
    'Khánh Trung',
    'Khánh Ninh',
    'Thượng Lộc',
    'Hạ Lộc',
    'Đông Hạ',
    'Phúc Hưng',
    'Tân Nhất',
    'Đông Sơn',
    'Bắc Lãng',
    'Nam Lãng',
  ]),
  ward('14350', 'Ninh Tiến', 'xa', '14329', 9, 1650, 5.0, [-1.2, 3.4], 0.3, [
    'Tiến Thắng',
    'Tiến Thành',
    'Tiến Lộc',
    'Phú Xuân',
    'Kỳ Vỹ',
    'Bạch Cừ',
    'Phúc Lộc',
    'Tân Tiến',
    'Đông Tiến',
    'Trung Tiến',
  ]),
  ward('14353', 'Ninh Phúc', 'xa', '14566', 10, 1750, 7.6, [3.3, -1.6], 0.35, [
    'Phúc Trì',
    'Phúc Lộc',
    'Phong Đoài',
    'Phong Đông',
    'Phong Hạ',
    'Lộc Thịnh',
    'Tân Phúc',
    'Vĩnh Phúc',
    'Trung Phúc',
    'Hưng Phúc',
    'Phúc Thịnh',
  ]),
  ward('14356', 'Ninh Sơn', 'phuong', '14359', 12, 2150, 4.4, [-1.4, -3.1], 0.5),
  ward('14359', 'Ninh Phong', 'phuong', '14359', 10, 1900, 4.9, [0.9, -3.4], 0.5),
];

export interface SuccessorSpec extends AreaSpec {
  kind: 'phuong';
  /** Codes of the 2017 wards it is made of (within the demo city). */
  predecessors: readonly string[];
}

/** Successor order: by code. Code 14329 and 14359 are reused with a new meaning (see SOURCES.md). */
export const SUCCESSORS_2025: readonly SuccessorSpec[] = [
  successor('14329', 'Hoa Lư'),
  successor('14359', 'Nam Hoa Lư'),
  successor('14566', 'Đông Hoa Lư'),
];

/** Total residential groups; the report's "183/183 residential areas". */
export const GROUP_TOTAL = WARDS_2017.reduce((s, w) => s + w.groups, 0);

function ward(
  code: string,
  shortName: string,
  kind: 'phuong' | 'xa',
  successorCode: string,
  groups: number,
  households: number,
  areaKm2: number,
  anchor: readonly [number, number],
  urban: number,
  hamlets?: readonly string[],
): WardSpec {
  const name = `${kind === 'phuong' ? 'Phường' : 'Xã'} ${shortName}`;
  const spec: WardSpec = {
    code,
    name,
    shortName,
    kind,
    successor: successorCode,
    groups,
    households,
    areaKm2,
    anchor,
    urban,
  };
  if (hamlets) {
    if (hamlets.length < groups) throw new Error(`city.ts: ${name} needs ${groups} hamlet names`);
    spec.hamlets = hamlets;
  }
  return spec;
}

function successor(code: string, shortName: string): SuccessorSpec {
  return {
    code,
    name: `Phường ${shortName}`,
    shortName,
    kind: 'phuong',
    predecessors: WARDS_2017.filter((w) => w.successor === code).map((w) => w.code),
  };
}

/** Stable unit keys of the demo dataset. */
export const unitKey = {
  province: (code: string): string => `p:${code}`,
  city: (code: string): string => `c:${code}`,
  ward2017: (code: string): string => `w:${code}:2017`,
  ward2025: (code: string): string => `w:${code}:2025`,
  group: (groupCode: string): string => `g:${groupCode}`,
};

/** Group code: the 2017 ward code and a two-digit sequence, e.g. "14332-03". */
export function groupCode(wardCode: string, seq: number): string {
  return `${wardCode}-${String(seq).padStart(2, '0')}`;
}

/** Official name and short name of the seq-th residential group of a ward. */
export function groupNames(w: WardSpec, seq: number): { name: string; shortName: string; kind: 'to_dan_pho' | 'thon' } {
  if (w.kind === 'xa') {
    const hamlet = w.hamlets?.[seq - 1] ?? String(seq);
    return { name: `Thôn ${hamlet}`, shortName: hamlet, kind: 'thon' };
  }
  return { name: `Tổ dân phố ${seq}`, shortName: `Tổ ${seq}`, kind: 'to_dan_pho' };
}
