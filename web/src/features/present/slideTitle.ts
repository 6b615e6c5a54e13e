/**
 * A slide's title as the period shown: a saved view is titled for the period it was saved at
 * ("Ma túy năm 2017"); while the slide plays through time the title names the period on the map
 * ("Ma túy năm 2021"), never a period the map no longer shows. Pure.
 */
import { formatPeriod } from '../../shared/i18n/format.ts';
import type { Lang } from '../../shared/i18n/texts.ts';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ways a period may be written in a title, longest first: the label in each language, "12/2017", "2017". */
function spellings(period: string): string[] {
  const out = (['vi', 'en'] as const).flatMap((l) => [formatPeriod(period, l), formatPeriod(period, l, true)]);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) out.push(`${Number(month[2])}/${month[1]}`, `${month[2]}/${month[1]}`);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) out.push(`Q${quarter[2]}/${quarter[1]}`, `${quarter[2]}/${quarter[1]}`);
  if (/^\d{4}$/.test(period)) out.push(period);
  return [...new Set(out)].sort((a, b) => b.length - a.length);
}

export function titleAt(title: string, saved: string, shown: string, lang: Lang): string {
  if (saved === shown) return title;
  const label = formatPeriod(shown, lang);
  for (const spelling of spellings(saved)) {
    const pattern = new RegExp(`(^|[^\\p{L}\\p{N}])${escape(spelling)}(?=$|[^\\p{L}\\p{N}])`, 'iu');
    if (pattern.test(title)) return title.replace(pattern, (_, before: string) => `${before}${label}`);
  }
  // The title does not name its period: say the one shown after it.
  return `${title} · ${label}`;
}
