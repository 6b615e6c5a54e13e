/** Presentation mode's texts: slide controls, keys, states. */
import { defineTexts } from '../../shared/i18n/texts.ts';
import { DEMO_MARK } from '../export/texts.ts';

export const texts = defineTexts('present', {
  vi: {
    present: 'Trình chiếu',
    slide: 'Trang',
    of: '/',
    prevSlide: 'Trang trước',
    nextSlide: 'Trang sau',
    fullscreen: 'Toàn màn hình',
    exitFullscreen: 'Thoát toàn màn hình',
    leave: 'Thoát trình chiếu',
    play: 'Phát diễn biến',
    pause: 'Dừng',
    loading: 'Đang tải…',
    empty: 'Bộ trình chiếu này không có bản đồ nào bạn được xem.',
    hidden: 'bản đồ ngoài phạm vi của bạn được ẩn',
    keys: '← → PageUp PageDown Space Home End: chuyển trang · Esc: thoát',
    slideShow: 'trình chiếu',
    presentation: 'Trình chiếu',
    demoMark: DEMO_MARK,
  },
  en: {
    present: 'Present',
    slide: 'Slide',
    of: '/',
    prevSlide: 'Previous slide',
    nextSlide: 'Next slide',
    fullscreen: 'Full screen',
    exitFullscreen: 'Leave full screen',
    leave: 'Leave the presentation',
    play: 'Play over time',
    pause: 'Pause',
    loading: 'Loading…',
    empty: 'This briefing has no map you may see.',
    hidden: 'maps outside your scope are hidden',
    keys: '← → PageUp PageDown Space Home End: change slide · Esc: leave',
    slideShow: 'slide show',
    presentation: 'Presentation',
    demoMark: 'Demo data',
  },
});
