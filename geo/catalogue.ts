/**
 * The indicator catalogue's shared definitions (kinds, rules, levels, themes) and its seed: the
 * indicators of the 2017 yearly report below are written into a new database once (and for the
 * demo); from then on the database is the catalogue, which administrators edit (issue #14). Code
 * never reads `INDICATORS` at run time to decide anything but what to seed.
 *
 * - `timeRule`: how months combine into quarters/years — `sum` for flows (cases, conferences),
 *   `last` for stocks (households, registrations held at the end of the period).
 * - `spatialRule`: how groups combine into wards and wards into the city — `sum` for counts,
 *   `ratio` for rates, which are the ratio of the summed numerator and denominator (never an
 *   average of rates).
 * - `entryLevel`: the level at which observations are recorded. Higher levels are aggregates.
 */
export const INDICATOR_KINDS = ['count', 'ratio', 'percent', 'boolean', 'category'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const TIME_RULES = ['sum', 'last'] as const;
export type TimeRule = (typeof TIME_RULES)[number];
export const SPATIAL_RULES = ['sum', 'ratio'] as const;
export type SpatialRule = (typeof SPATIAL_RULES)[number];
export const POLARITIES = ['higher_better', 'higher_worse', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];
export const LEVELS = ['group', 'ward', 'city'] as const;
export type Level = (typeof LEVELS)[number];
/** Themes group indicators in pickers and reports; `other` is for what a deployment adds beyond them. */
export const THEMES = ['movement', 'safety_registration', 'crime', 'hotspot', 'population', 'other'] as const;
export type Theme = (typeof THEMES)[number];
/** Keys as the database's check constraint allows them: lower-case ASCII, digits, `_`, 2–63 long. */
export const INDICATOR_KEY_PATTERN = '^[a-z][a-z0-9_]{1,62}$';

export interface IndicatorDef {
  key: string;
  nameVi: string;
  nameEn: string;
  unitVi: string;
  unitEn: string;
  kind: IndicatorKind;
  timeRule: TimeRule;
  spatialRule: SpatialRule;
  polarity: Polarity;
  levels: Level[];
  entryLevel: 'group' | 'ward';
  theme: Theme;
  descriptionVi: string;
  descriptionEn?: string;
  source: string;
  /** For `ratio` indicators: keys of the count indicators that form it. */
  numerator?: string;
  denominator?: string;
  /** Ratios shown as a percentage are multiplied by this for display. */
  scale?: number;
}

const REPORT = 'Báo cáo tổng kết phong trào toàn dân bảo vệ ANTQ (mẫu 2017)';
const POLICE = 'Công an phường/xã (báo cáo tháng)';
const ALL: Level[] = ['group', 'ward', 'city'];
const WARD_UP: Level[] = ['ward', 'city'];

function count(
  key: string,
  nameVi: string,
  nameEn: string,
  unitVi: string,
  unitEn: string,
  opts: Partial<IndicatorDef> & Pick<IndicatorDef, 'theme' | 'polarity' | 'entryLevel'>,
): IndicatorDef {
  return {
    key,
    nameVi,
    nameEn,
    unitVi,
    unitEn,
    kind: 'count',
    timeRule: 'sum',
    spatialRule: 'sum',
    levels: opts.entryLevel === 'group' ? ALL : WARD_UP,
    descriptionVi: nameVi,
    source: REPORT,
    ...opts,
  };
}

export const INDICATORS: readonly IndicatorDef[] = [
  // Population (stocks)
  count('households', 'Số hộ gia đình', 'Households', 'hộ', 'households', {
    theme: 'population',
    polarity: 'neutral',
    entryLevel: 'group',
    timeRule: 'last',
    source: 'Công an phường/xã (quản lý cư trú)',
  }),
  // Safety registrations (stocks)
  count(
    'households_registered_safe',
    'Hộ đăng ký "an toàn về ANTT"',
    'Households registered "safe for security and order"',
    'hộ',
    'households',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'group',
      timeRule: 'last',
    },
  ),
  count(
    'businesses_registered_safe',
    'Cơ sở kinh doanh có điều kiện đăng ký "an toàn về ANTT"',
    'Conditional businesses registered "safe"',
    'cơ sở',
    'businesses',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'ward',
      timeRule: 'last',
    },
  ),
  count(
    'schools_registered_safe',
    'Trường học đăng ký "an toàn về ANTT"',
    'Schools registered "safe"',
    'trường',
    'schools',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'ward',
      timeRule: 'last',
    },
  ),
  count(
    'religious_registered_safe',
    'Cơ sở tôn giáo đăng ký "an toàn về ANTT"',
    'Religious establishments registered "safe"',
    'cơ sở',
    'establishments',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'ward',
      timeRule: 'last',
    },
  ),
  count(
    'agencies_proposed_safe',
    'Cơ quan, doanh nghiệp, nhà trường đề nghị công nhận "an toàn về ANTT"',
    'Agencies, businesses and schools proposed as "safe"',
    'đơn vị',
    'units',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'ward',
    },
  ),
  count(
    'agencies_recognized_safe',
    'Cơ quan, doanh nghiệp, nhà trường được công nhận "an toàn về ANTT"',
    'Agencies, businesses and schools recognised "safe"',
    'đơn vị',
    'units',
    {
      theme: 'safety_registration',
      polarity: 'higher_better',
      entryLevel: 'ward',
    },
  ),
  // Movement activities (flows)
  count('conferences_thematic', 'Hội nghị chuyên đề', 'Thematic conferences', 'hội nghị', 'conferences', {
    theme: 'movement',
    polarity: 'higher_better',
    entryLevel: 'ward',
  }),
  count('conferences_integrated', 'Hội nghị lồng ghép', 'Integrated conferences', 'hội nghị', 'conferences', {
    theme: 'movement',
    polarity: 'higher_better',
    entryLevel: 'ward',
  }),
  count('conference_attendance', 'Lượt người dự hội nghị', 'Conference attendances', 'lượt người', 'attendances', {
    theme: 'movement',
    polarity: 'higher_better',
    entryLevel: 'ward',
  }),
  count('bulletins', 'Bản tin', 'Bulletins', 'bản tin', 'bulletins', {
    theme: 'movement',
    polarity: 'higher_better',
    entryLevel: 'ward',
  }),
  count('banners', 'Băng rôn, khẩu hiệu', 'Banners', 'băng rôn', 'banners', {
    theme: 'movement',
    polarity: 'higher_better',
    entryLevel: 'ward',
  }),
  count(
    'traffic_conferences',
    'Hội nghị về TTATGT, trật tự đô thị, vệ sinh môi trường',
    'Conferences on traffic, urban order and sanitation',
    'hội nghị',
    'conferences',
    {
      theme: 'movement',
      polarity: 'higher_better',
      entryLevel: 'ward',
    },
  ),
  count(
    'residential_areas_festival',
    'Khu dân cư tổ chức "Ngày hội toàn dân bảo vệ ANTQ"',
    'Residential areas holding the national-security festival',
    'khu dân cư',
    'residential areas',
    {
      theme: 'movement',
      polarity: 'higher_better',
      entryLevel: 'group',
    },
  ),
  // Crime and order (flows)
  count('tips_valuable', 'Tin báo có giá trị của nhân dân', 'Valuable tips from the public', 'tin', 'tips', {
    theme: 'crime',
    polarity: 'higher_better',
    entryLevel: 'group',
  }),
  count('cases_total', 'Vụ án hình sự xảy ra', 'Criminal cases', 'vụ', 'cases', {
    theme: 'crime',
    polarity: 'higher_worse',
    entryLevel: 'ward',
    source: POLICE,
  }),
  count('cases_solved', 'Vụ án được làm rõ nhờ tin báo', 'Cases solved with public help', 'vụ', 'cases', {
    theme: 'crime',
    polarity: 'higher_better',
    entryLevel: 'ward',
    source: POLICE,
  }),
  count('subjects_arrested', 'Đối tượng bị bắt giữ', 'Subjects arrested', 'đối tượng', 'subjects', {
    theme: 'crime',
    polarity: 'neutral',
    entryLevel: 'ward',
    source: POLICE,
  }),
  count('wanted_surrendered', 'Đối tượng truy nã ra đầu thú', 'Wanted persons surrendered', 'đối tượng', 'persons', {
    theme: 'crime',
    polarity: 'higher_better',
    entryLevel: 'ward',
    source: POLICE,
  }),
  count('disputes_mediated', 'Vụ mâu thuẫn được hòa giải', 'Disputes mediated', 'vụ', 'disputes', {
    theme: 'crime',
    polarity: 'higher_better',
    entryLevel: 'group',
  }),
  count(
    'weapons_surrendered',
    'Vũ khí, vật liệu nổ, công cụ hỗ trợ giao nộp',
    'Weapons, explosives and support tools handed in',
    'khẩu/quả/chiếc',
    'items',
    {
      theme: 'crime',
      polarity: 'higher_better',
      entryLevel: 'ward',
      source: POLICE,
    },
  ),
  // Hotspot signals (flows, per group)
  count('drug_cases', 'Vụ việc liên quan ma túy', 'Drug-related incidents', 'vụ', 'incidents', {
    theme: 'hotspot',
    polarity: 'higher_worse',
    entryLevel: 'group',
    source: POLICE,
  }),
  count('gambling_cases', 'Vụ việc cờ bạc', 'Gambling incidents', 'vụ', 'incidents', {
    theme: 'hotspot',
    polarity: 'higher_worse',
    entryLevel: 'group',
    source: POLICE,
  }),
  count(
    'public_order_incidents',
    'Vụ việc mất trật tự công cộng, trật tự đô thị',
    'Public and urban order incidents',
    'vụ',
    'incidents',
    {
      theme: 'hotspot',
      polarity: 'higher_worse',
      entryLevel: 'group',
      source: POLICE,
    },
  ),
  count('sanitation_complaints', 'Phản ánh về vệ sinh môi trường', 'Sanitation complaints', 'phản ánh', 'complaints', {
    theme: 'hotspot',
    polarity: 'higher_worse',
    entryLevel: 'group',
    source: POLICE,
  }),
  // Derived rates
  {
    key: 'coverage_households_safe',
    nameVi: 'Tỷ lệ hộ đăng ký "an toàn về ANTT"',
    nameEn: 'Share of households registered "safe"',
    unitVi: '%',
    unitEn: '%',
    kind: 'ratio',
    timeRule: 'last',
    spatialRule: 'ratio',
    polarity: 'higher_better',
    levels: ALL,
    entryLevel: 'group',
    theme: 'safety_registration',
    descriptionVi: 'Số hộ đăng ký "an toàn về ANTT" chia cho tổng số hộ',
    source: REPORT,
    numerator: 'households_registered_safe',
    denominator: 'households',
    scale: 100,
  },
  {
    key: 'cases_solved_rate',
    nameVi: 'Tỷ lệ vụ án được làm rõ nhờ tin báo',
    nameEn: 'Share of cases solved with public help',
    unitVi: '%',
    unitEn: '%',
    kind: 'ratio',
    timeRule: 'sum',
    spatialRule: 'ratio',
    polarity: 'higher_better',
    levels: WARD_UP,
    entryLevel: 'ward',
    theme: 'crime',
    descriptionVi: 'Số vụ làm rõ nhờ tin báo chia cho tổng số vụ án',
    source: POLICE,
    numerator: 'cases_solved',
    denominator: 'cases_total',
    scale: 100,
  },
];

export const INDICATOR_BY_KEY: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((i) => [i.key, i]));

/** Base (stored) indicators; derived ratios are computed from their numerator and denominator. */
export const BASE_INDICATORS = INDICATORS.filter((i) => i.kind !== 'ratio');

/** The 2017 city totals of the yearly report that the demo data is calibrated to. */
export const REPORT_2017: Readonly<Record<string, number>> = {
  households_registered_safe: 35000,
  businesses_registered_safe: 395,
  schools_registered_safe: 48,
  religious_registered_safe: 42,
  conferences_thematic: 38,
  conferences_integrated: 62,
  conference_attendance: 10000, // "more than 10,000": the demo must reach at least this
  bulletins: 58,
  banners: 380,
  traffic_conferences: 27,
  residential_areas_festival: 183,
  tips_valuable: 242,
  cases_solved: 102,
  cases_total: 109,
  subjects_arrested: 195,
  wanted_surrendered: 14,
  disputes_mediated: 72,
  weapons_surrendered: 585,
  agencies_proposed_safe: 29,
  agencies_recognized_safe: 29,
};

/** Indicators whose report figure is a lower bound ("more than …"). */
export const REPORT_2017_AT_LEAST: ReadonlySet<string> = new Set(['conference_attendance']);
