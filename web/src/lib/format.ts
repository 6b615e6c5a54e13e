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
