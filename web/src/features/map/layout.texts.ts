/** The map page's layout texts: the panel tabs, the bottom sheet and the legend on the map. */
import { defineTexts } from '../../shared/i18n/texts.ts';

export const layoutTexts = defineTexts('map/layout', {
  vi: {
    panels: 'Bảng điều khiển',
    tab_controls: 'Chỉ tiêu',
    tab_details: 'Chi tiết',
    tab_hotspots: 'Địa bàn phức tạp',
    tab_table: 'Bảng',
    sheetClose: 'Thu gọn bảng',
    legend: 'Chú giải',
    legendHide: 'Ẩn chú giải',
    legendShow: 'Hiện chú giải',
  },
  en: {
    panels: 'Panels',
    tab_controls: 'Indicator',
    tab_details: 'Details',
    tab_hotspots: 'Hotspots',
    tab_table: 'Table',
    sheetClose: 'Collapse the panel',
    legend: 'Legend',
    legendHide: 'Hide the legend',
    legendShow: 'Show the legend',
  },
});
