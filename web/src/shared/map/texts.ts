/**
 * Texts of every map (the map page, planning map, presentation, exports): legend words, the map's
 * accessible name, and MapLibre's own control texts (its locale, keys as MapLibre names them).
 */
import { defineTexts } from '../i18n/texts.ts';

export const mapTexts = defineTexts('map (shared)', {
  vi: {
    change: 'Thay đổi',
    changeYoy: 'So với cùng kỳ năm trước',
    changeYoyPct: 'So với cùng kỳ năm trước (%)',
    /** The legend when every unit's value lies within a narrow spread. */
    narrowSpread: (level: string, spread: string, unit: string) =>
      `Tất cả ${String(level).toLocaleLowerCase('vi')} trong khoảng ${spread} ${unit === '%' ? 'điểm %' : unit}: không có khác biệt đáng kể.`,
    fixedScale: 'Thang màu chung cho mọi kỳ: cùng màu là cùng giá trị.',
    /** Which way ranks read, by the indicator's polarity. */
    rankAttention: '1 = cần quan tâm nhất',
    rankHighest: '1 = cao nhất',
    noData: 'Không có dữ liệu',
    perThousand: 'trên 1.000 hộ',
    unitOfMeasure: 'Đơn vị tính',
    legendCount: 'Số đơn vị',
    legendRange: 'Khoảng giá trị',
    panel: 'Điều khiển và chú giải',
    mapTitle: 'Bản đồ chỉ tiêu an ninh, trật tự',
    hotspots: 'Địa bàn phức tạp',
    name: 'Tên',
    groupsOf: 'Tổ dân phố, thôn trực thuộc',
    category: 'Loại vấn đề',
    status: 'Trạng thái',
    unknownIndicator: (key: string) => `Không có chỉ tiêu “${key}”`,
    jenks: 'Khoảng tự nhiên (Ckmeans)',
    quantile: 'Phân vị (số đơn vị bằng nhau)',
    equal: 'Khoảng đều',
    manual: 'Tự nhập ngưỡng',
    'AttributionControl.ToggleAttribution': 'Hiện/ẩn nguồn dữ liệu',
    'FullscreenControl.Enter': 'Toàn màn hình',
    'FullscreenControl.Exit': 'Thoát toàn màn hình',
    'Map.Title': 'Bản đồ',
    'NavigationControl.ResetBearing': 'Xoay về hướng bắc',
    'NavigationControl.ZoomIn': 'Phóng to',
    'NavigationControl.ZoomOut': 'Thu nhỏ',
    'Popup.Close': 'Đóng',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  },
  en: {
    change: 'Change',
    changeYoy: 'Against the same period last year',
    changeYoyPct: 'Against the same period last year (%)',
    narrowSpread: (level, spread, unit) =>
      `All ${String(level).toLocaleLowerCase('en')} within ${spread} ${unit === '%' ? 'points' : unit}: no meaningful difference.`,
    fixedScale: 'One colour scale for every period: the same colour is the same value.',
    rankAttention: '1 = most in need of attention',
    rankHighest: '1 = highest',
    noData: 'No data',
    perThousand: 'per 1,000 households',
    unitOfMeasure: 'Unit',
    legendCount: 'Units',
    legendRange: 'Range',
    panel: 'Controls and legend',
    mapTitle: 'Security and order indicator map',
    hotspots: 'Hotspot groups',
    name: 'Name',
    groupsOf: 'Residential groups in this ward',
    category: 'Problem',
    status: 'Status',
    unknownIndicator: (key) => `Unknown indicator “${key}”`,
    jenks: 'Natural breaks (Ckmeans)',
    quantile: 'Quantiles (equal counts)',
    equal: 'Equal intervals',
    manual: 'Manual breaks',
    'AttributionControl.ToggleAttribution': 'Toggle attribution',
    'FullscreenControl.Enter': 'Enter fullscreen',
    'FullscreenControl.Exit': 'Exit fullscreen',
    'Map.Title': 'Map',
    'NavigationControl.ResetBearing': 'Reset bearing to north',
    'NavigationControl.ZoomIn': 'Zoom in',
    'NavigationControl.ZoomOut': 'Zoom out',
    'Popup.Close': 'Close popup',
    'ScaleControl.Meters': 'm',
    'ScaleControl.Kilometers': 'km',
  },
});

/** MapLibre's locale table in the chosen language (its keys are MapLibre's). */
export function mapLibreLocale(title: string): Record<string, string> {
  const t = mapTexts.t;
  const keys = Object.keys(t).filter((k) => k.includes('.')) as (keyof typeof t)[];
  return { ...Object.fromEntries(keys.map((k) => [k, t[k] as string])), 'Map.Title': title };
}
