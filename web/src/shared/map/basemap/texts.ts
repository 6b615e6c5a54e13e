/** The names of the territory overlay, in both languages (drawn whatever the interface language is). */
import { defineTexts } from '../../i18n/texts.ts';

export const territoryTexts = defineTexts('map/territory', {
  vi: {
    hoangSa: 'Quần đảo Hoàng Sa (Việt Nam)',
    truongSa: 'Quần đảo Trường Sa (Việt Nam)',
  },
  en: {
    hoangSa: 'Hoang Sa Archipelago (Viet Nam)',
    truongSa: 'Truong Sa Archipelago (Viet Nam)',
  },
});
