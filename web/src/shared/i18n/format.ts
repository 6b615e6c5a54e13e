/**
 * Numbers, values, periods and days as each language writes them: "35.000" / "35,000", "87,5" /
 * "87.5", "tháng 12/2017" / "Dec 2017" (the words come from the common catalogue).
 */
import type { Indicator } from '../api/types.ts';
import { common } from './common.texts.ts';
import { lang as chosen, type Lang } from './lang.svelte.ts';

export type { Lang };
const LOCALES: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(maxDecimals: number, lang: Lang): Intl.NumberFormat {
  const key = `${lang}|${maxDecimals}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: maxDecimals });
    formatters.set(key, format);
  }
  return format;
}

/** `35000` → "35.000" (vi) / "35,000" (en), `87.46` → "87,5" / "87.5" (with `maxDecimals` 1). */
export function formatNumber(value: number, maxDecimals = 0, lang: Lang = chosen.current): string {
  return numberFormat(maxDecimals, lang).format(value);
}

/**
 * A yearly comparison as printed: both values rounded once to `decimals` (fixed, "97,0"), and the
 * change computed from the rounded values, so the columns add up as read (97,7 and 97,3 give
 * "+0,4", not the "+0,3" of the unrounded difference); signs "+" and "−" (U+2212) on every change.
 */
export function comparedValues(
  value: number | null,
  previous: number | null,
  decimals: number,
  lang: Lang = chosen.current,
): { value: string; previous: string; change: string } {
  const f = 10 ** decimals;
  const round = (v: number | null) => (v === null || !Number.isFinite(v) ? null : Math.round(v * f) / f);
  const format = (v: number) => fixedFormat(decimals, lang).format(v);
  const a = round(value);
  const b = round(previous);
  const change = a === null || b === null ? null : Math.round((a - b) * f) / f;
  return {
    value: a === null ? '—' : format(a),
    previous: b === null ? '—' : format(b),
    change: change === null ? '—' : change > 0 ? `+${format(change)}` : change < 0 ? `−${format(-change)}` : format(0),
  };
}

const fixedFormatters = new Map<string, Intl.NumberFormat>();
function fixedFormat(decimals: number, lang: Lang): Intl.NumberFormat {
  const key = `${lang}|${decimals}`;
  let format = fixedFormatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormatters.set(key, format);
  }
  return format;
}

/** How many decimals a value of this indicator is shown with (as displayed, i.e. after scaling). */
export function decimalsFor(indicator: Pick<Indicator, 'kind'>): number {
  return indicator.kind === 'ratio' || indicator.kind === 'percent' ? 1 : 0;
}

/** A sent value as it is displayed: ratios are fractions multiplied by `scale` (100 → percent). */
export function displayValue(value: number, indicator: Pick<Indicator, 'kind' | 'scale'>): number {
  return indicator.kind === 'ratio' && indicator.scale ? value * indicator.scale : value;
}

/** A displayed value with its unit of measure: "87,5%", "1.250 hộ". */
export function formatWithUnit(
  value: number,
  indicator: Pick<Indicator, 'kind' | 'unit_vi'> & { unit_en?: string },
  lang: Lang = chosen.current,
  decimals = decimalsFor(indicator),
): string {
  const number = formatNumber(value, decimals, lang);
  const unit = { vi: indicator.unit_vi, en: indicator.unit_en || indicator.unit_vi }[lang];
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

/** `2017-12` → "tháng 12/2017" / "Dec 2017" (`short`: "12/2017" / "Dec 2017"); `2017-Q1` → "quý 1/2017" / "Q1 2017"; `2017` → "năm 2017" / "2017"; `2017-03-ytd` → "tháng 1–3/2017"; `2017-03-r12` → "12 tháng đến tháng 3/2017". */
export function formatPeriod(period: string, lang: Lang = chosen.current, short = false): string {
  const words = common.in(lang);
  let match = /^(\d{4})-(\d{2})-(ytd|r12)$/.exec(period);
  if (match) return (match[3] === 'ytd' ? words.yearToDate : words.rolling12)(Number(match[2]), match[1]!);
  match = /^(\d{4})-(\d{2})$/.exec(period);
  if (match) return (short ? words.monthShort : words.month)(Number(match[2]), match[1]!);
  match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (match) return words.quarter(Number(match[2]), match[1]!);
  if (/^\d{4}$/.test(period)) return words.year(period);
  return period;
}

/** Times are shown as in Vietnam, whatever the browser's own time zone. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(lang: Lang, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${withTime}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone: VIETNAM_TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false } : {}),
    });
    timeFormats.set(key, format);
  }
  return format;
}

/** A `YYYY-MM-DD` day: "01/07/2025" (vi) / "1 Jul 2025" (en). */
export function formatDay(day: string, lang: Lang = chosen.current): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return match ? common.in(lang).day(match[3]!, match[2]!, match[1]!) : day;
}

/** An ISO instant in Vietnam time: "14:05:09 27/11/2026" (vi: time, then date) / "27/11/2026, 14:05:09" (en). */
export function formatDateTime(iso: string, lang: Lang = chosen.current): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat(lang, true).format(date);
}

/** An ISO instant's day in Vietnam: "27/11/2026". */
export function formatDate(iso: string, lang: Lang = chosen.current): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat(lang, false).format(date);
}
