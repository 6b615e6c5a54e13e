/** The first-run guide's texts (README, "Bring your own city"). */
import { defineTexts } from '../../shared/i18n/texts.ts';

export const texts = defineTexts('setup', {
  vi: {
    title: 'Bắt đầu với dữ liệu của địa phương',
    intro:
      'Bốn bước để bản đồ hiển thị địa bàn và số liệu của đơn vị bạn. Mỗi bước được đánh dấu hoàn thành theo dữ liệu đang có trong hệ thống.',
    demoNote:
      'Hệ thống đang chứa dữ liệu minh họa (tổng hợp, không phải số liệu thật). Khi đã nhập dữ liệu của địa phương, hãy gỡ dữ liệu minh họa tại mục "Dữ liệu minh họa" của trang Quản lý dữ liệu.',
    done: 'Đã xong',
    notDone: 'Chưa xong',
    loading: 'Đang kiểm tra dữ liệu…',
    loadError: 'Không đọc được tình trạng dữ liệu',
    step_signIn: 'Đăng nhập bằng tài khoản quản trị',
    body_signIn:
      'Tài khoản "admin" được tạo ở lần khởi động đầu tiên, mật khẩu lấy từ ADMIN_PASSWORD hoặc được in một lần ra màn hình máy chủ. Hãy đổi mật khẩu đó.',
    link_signIn: 'Đổi mật khẩu',
    count_signIn: (user: string) => `Đang đăng nhập: ${user}`,
    step_boundaries: 'Nhập ranh giới hành chính của địa bàn',
    body_boundaries:
      'Tệp GeoJSON, Shapefile (ZIP) hoặc GeoPackage các phường, xã (và tổ dân phố, thôn nếu có), kèm ngày có hiệu lực.',
    link_boundaries: 'Nhập ranh giới',
    count_boundaries: (wards: number, groups: number) =>
      `${wards} phường/xã, ${groups} tổ dân phố/thôn đang có hiệu lực`,
    step_indicators: 'Chọn các chỉ tiêu cần theo dõi',
    body_indicators: 'Xem danh mục chỉ tiêu; thêm chỉ tiêu đơn vị mình báo cáo (tên, đơn vị tính, cách cộng dồn).',
    link_indicators: 'Mở danh mục chỉ tiêu',
    count_indicators: (n: number) => `${n} chỉ tiêu trong danh mục`,
    step_sheet: 'Nhập bảng số liệu',
    body_sheet:
      'Tải mẫu bảng tính (có sẵn mã đơn vị), điền số liệu theo tháng rồi nhập lại; bản chạy thử chỉ ra từng dòng, cột có vấn đề.',
    link_sheet: 'Nhập số liệu',
    count_sheet: (n: number) => `${n} chỉ tiêu đã có số liệu`,
    step_map: 'Xem bản đồ',
    body_map: 'Bản đồ tô màu các phường, xã theo chỉ tiêu và kỳ đã chọn.',
    link_map: 'Mở bản đồ',
  },
  en: {
    title: 'Getting started with your own data',
    intro:
      "Four steps to show your unit's area and figures on the map. Each step is marked done from the data the system holds.",
    demoNote:
      'The system holds the demo data (synthetic, not real figures). Once your own data is in, remove the demo under "Demo data" on the Data management page.',
    done: 'Done',
    notDone: 'Not done',
    loading: 'Checking the data…',
    loadError: 'Could not read the data status',
    step_signIn: 'Sign in with the administrator account',
    body_signIn:
      'The "admin" account is created on the first start, with the password from ADMIN_PASSWORD or one printed once on the server console. Change that password.',
    link_signIn: 'Change password',
    count_signIn: (user: string) => `Signed in as ${user}`,
    step_boundaries: "Import your area's administrative boundaries",
    body_boundaries:
      'A GeoJSON, Shapefile (ZIP) or GeoPackage file of the wards and communes (and residential groups, if you have them), with the date it is valid from.',
    link_boundaries: 'Import boundaries',
    count_boundaries: (wards: number, groups: number) =>
      `${wards} ${wards === 1 ? 'ward/commune' : 'wards/communes'}, ${groups} ${groups === 1 ? 'group/hamlet' : 'groups/hamlets'} valid today`,
    step_indicators: 'Pick the indicators to follow',
    body_indicators: 'Look through the indicator catalogue; add those your unit reports (name, unit, how they add up).',
    link_indicators: 'Open the indicator catalogue',
    count_indicators: (n: number) => `${n} ${n === 1 ? 'indicator' : 'indicators'} in the catalogue`,
    step_sheet: 'Import a sheet of figures',
    body_sheet:
      "Download the template (your units' codes filled in), fill in the monthly figures and import it; the dry run names every row and column with a problem.",
    link_sheet: 'Import figures',
    count_sheet: (n: number) => `${n} ${n === 1 ? 'indicator has' : 'indicators have'} figures`,
    step_map: 'See the map',
    body_map: 'The map colours the wards and communes by the chosen indicator and period.',
    link_map: 'Open the map',
  },
});
