/**
 * ColorBrewer palettes (colorbrewer2.org, Cynthia Brewer, Apache-2.0), 3–9 classes, light to dark
 * (sequential) or low to high (diverging). All of them are marked colour-blind safe by ColorBrewer.
 */
import type { Polarity } from '../api/types.ts';

export type SequentialPalette = 'YlOrRd' | 'Blues' | 'Greens' | 'Purples' | 'YlGnBu';
export type DivergingPalette = 'RdBu' | 'PuOr' | 'BrBG';
export type PaletteKey = SequentialPalette | DivergingPalette;

export const MIN_CLASSES = 3;
export const MAX_CLASSES = 9;

/** Hex strings of 3…9 colours, concatenated without '#', index 0 = 3 classes. */
const RAW: Record<PaletteKey, readonly string[]> = {
  YlOrRd: [
    'ffeda0feb24cf03b20',
    'ffffb2fecc5cfd8d3ce31a1c',
    'ffffb2fecc5cfd8d3cf03b20bd0026',
    'ffffb2fed976feb24cfd8d3cf03b20bd0026',
    'ffffb2fed976feb24cfd8d3cfc4e2ae31a1cb10026',
    'ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cb10026',
    'ffffccffeda0fed976feb24cfd8d3cfc4e2ae31a1cbd0026800026',
  ],
  Blues: [
    'deebf79ecae13182bd',
    'eff3ffbdd7e76baed62171b5',
    'eff3ffbdd7e76baed63182bd08519c',
    'eff3ffc6dbef9ecae16baed63182bd08519c',
    'eff3ffc6dbef9ecae16baed64292c62171b5084594',
    'f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594',
    'f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b',
  ],
  Greens: [
    'e5f5e0a1d99b31a354',
    'edf8e9bae4b374c476238b45',
    'edf8e9bae4b374c47631a354006d2c',
    'edf8e9c7e9c0a1d99b74c47631a354006d2c',
    'edf8e9c7e9c0a1d99b74c47641ab5d238b45005a32',
    'f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45005a32',
    'f7fcf5e5f5e0c7e9c0a1d99b74c47641ab5d238b45006d2c00441b',
  ],
  Purples: [
    'efedf5bcbddc756bb1',
    'f2f0f7cbc9e29e9ac86a51a3',
    'f2f0f7cbc9e29e9ac8756bb154278f',
    'f2f0f7dadaebbcbddc9e9ac8756bb154278f',
    'f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486',
    'fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486',
    'fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d',
  ],
  YlGnBu: [
    'edf8b17fcdbb2c7fb8',
    'ffffcca1dab441b6c4225ea8',
    'ffffcca1dab441b6c42c7fb8253494',
    'ffffccc7e9b47fcdbb41b6c42c7fb8253494',
    'ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84',
    'ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84',
    'ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58',
  ],
  RdBu: [
    'ef8a62f7f7f767a9cf',
    'ca0020f4a58292c5de0571b0',
    'ca0020f4a582f7f7f792c5de0571b0',
    'b2182bef8a62fddbc7d1e5f067a9cf2166ac',
    'b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac',
    'b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac',
    'b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac',
  ],
  PuOr: [
    'f1a340f7f7f7998ec3',
    'e66101fdb863b2abd25e3c99',
    'e66101fdb863f7f7f7b2abd25e3c99',
    'b35806f1a340fee0b6d8daeb998ec3542788',
    'b35806f1a340fee0b6f7f7f7d8daeb998ec3542788',
    'b35806e08214fdb863fee0b6d8daebb2abd28073ac542788',
    'b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac542788',
  ],
  BrBG: [
    'd8b365f5f5f55ab4ac',
    'a6611adfc27d80cdc1018571',
    'a6611adfc27df5f5f580cdc1018571',
    '8c510ad8b365f6e8c3c7eae55ab4ac01665e',
    '8c510ad8b365f6e8c3f5f5f5c7eae55ab4ac01665e',
    '8c510abf812ddfc27df6e8c3c7eae580cdc135978f01665e',
    '8c510abf812ddfc27df6e8c3f5f5f5c7eae580cdc135978f01665e',
  ],
};

export const SEQUENTIAL_PALETTES: readonly SequentialPalette[] = ['YlOrRd', 'Blues', 'Greens', 'Purples', 'YlGnBu'];
export const DIVERGING_PALETTES: readonly DivergingPalette[] = ['RdBu', 'PuOr', 'BrBG'];

export function isPalette(value: string | null | undefined): value is PaletteKey {
  return value !== null && value !== undefined && Object.hasOwn(RAW, value);
}

export function isDiverging(palette: PaletteKey): palette is DivergingPalette {
  return (DIVERGING_PALETTES as readonly string[]).includes(palette);
}

/** The colour-blind-safe default: red where dark means attention, blue for neutral indicators. */
export function defaultPalette(polarity: Polarity, diverging = false): PaletteKey {
  if (diverging) return polarity === 'neutral' ? 'PuOr' : 'RdBu';
  return polarity === 'neutral' ? 'Blues' : 'YlOrRd';
}

/** `count` colours (clamped to 3–9) of a palette as published, light to dark / low to high. */
export function paletteColors(palette: PaletteKey, count: number): string[] {
  const n = Math.min(Math.max(Math.round(count), MIN_CLASSES), MAX_CLASSES);
  const raw = RAW[palette][n - MIN_CLASSES]!;
  return Array.from({ length: n }, (_, i) => `#${raw.slice(i * 6, i * 6 + 6)}`);
}

/**
 * Colours from the lowest class to the highest for an indicator's polarity. Sequential: dark means
 * "needs attention" — high values when higher is worse (and for neutral indicators, high), low
 * values when higher is better. Diverging (changes): the red/brown end marks a change for the worse.
 */
export function rampFor(palette: PaletteKey, count: number, polarity: Polarity): string[] {
  if (count <= 0) return [];
  let colors: string[];
  if (count >= MIN_CLASSES) colors = paletteColors(palette, count);
  else {
    const three = paletteColors(palette, 3);
    colors = count === 2 ? [three[0]!, three[2]!] : [three[1]!];
  }
  if (isDiverging(palette)) {
    // Published low→high starts at the "warm" end (red, orange, brown). A rise is bad when higher is
    // worse: put the warm end on the high side.
    return polarity === 'higher_worse' ? colors.reverse() : colors;
  }
  return polarity === 'higher_better' ? colors.reverse() : colors;
}
