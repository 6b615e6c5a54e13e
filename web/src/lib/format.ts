/**
 * Vietnamese (vi-VN) formatting of numbers, values and periods: "35.000", "87,5", "tháng 12/2017".
 */
import type { Indicator } from '../api/types.ts';

const formatters = new Map<number, Intl.NumberFormat>();

function numberFormat(maxDecimals: number): Intl.NumberFormat {
  let format = formatters.get(maxDecimals);
  if (!format) {
    format = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: maxDecimals });
    formatters.set(maxDecimals, format);
  }
  return format;
}

/** `35000` → "35.000", `87.46` → "87,5" (with `maxDecimals` 1). */
export function formatNumber(value: number, maxDecimals = 0): string {
  return numberFormat(maxDecimals).format(value);
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
export function formatWithUnit(value: number, indicator: Pick<Indicator, 'kind' | 'unit_vi'>): string {
  const number = formatNumber(value, decimalsFor(indicator));
  if (!indicator.unit_vi) return number;
  return indicator.unit_vi === '%' ? `${number}%` : `${number} ${indicator.unit_vi}`;
}

/** `2017-12` → "tháng 12/2017". */
export function formatPeriod(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  if (!match) return period;
  return `tháng ${Number(match[2])}/${match[1]}`;
}

/** Times are shown as in Vietnam, whatever the browser's own time zone. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

/** An ISO instant in Vietnam time: "14:05:09 27/11/2026" (the vi-VN order: time, then date). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** An ISO instant's day in Vietnam: "27/11/2026". */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

/** Today in Vietnam (UTC+7, no daylight saving), `YYYY-MM-DD`. */
export function todayInVietnam(now = Date.now()): string {
  return new Date(now + 7 * 3600_000).toISOString().slice(0, 10);
}

/** Text for matching with or without diacritics: "Phường Bích Đào" → "phuong bich dao". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
