/**
 * The basemap choice as the address carries it (pure): `basemap` = `none` | `light` | `grey`
 * (light is the default and left out), `bmap` = the archive id when the server has several, and `bmo` = opacity in percent (100 left out). Unknown
 * values fall back to the defaults, so an odd link still opens a map.
 */
import type { BasemapFlavour } from './types.ts';

export type BasemapChoice = 'none' | BasemapFlavour;
export const BASEMAP_CHOICES: readonly BasemapChoice[] = ['none', 'light', 'grey'];

export interface BasemapSetting {
  choice: BasemapChoice;
  /** The archive asked for by id (`bmap`), when the server has several; null: the best one. */
  archive: string | null;
  /** 0–1. */
  opacity: number;
}

export const DEFAULT_BASEMAP_SETTING: BasemapSetting = { choice: 'light', archive: null, opacity: 1 };
/** Below this a basemap is invisible; the control stops here rather than hide it by mistake. */
export const MIN_BASEMAP_OPACITY = 0.1;

export function parseBasemapSetting(q: URLSearchParams): BasemapSetting {
  const raw = q.get('basemap');
  const choice = BASEMAP_CHOICES.find((c) => c === raw) ?? DEFAULT_BASEMAP_SETTING.choice;
  const pct = Number(q.get('bmo'));
  const opacity =
    q.get('bmo') !== null && Number.isInteger(pct) && pct >= MIN_BASEMAP_OPACITY * 100 && pct <= 100 ? pct / 100 : 1;
  const archive = (q.get('bmap') ?? '').slice(0, 200) || null;
  return { choice, archive, opacity };
}

/** The address keys of a setting (defaults left out: null). */
export function basemapSettingKeys(s: BasemapSetting): Record<'basemap' | 'bmap' | 'bmo', string | null> {
  const pct = Math.round(s.opacity * 100);
  return { basemap: s.choice === 'light' ? null : s.choice, bmap: s.archive, bmo: pct === 100 ? null : String(pct) };
}
