/**
 * The interface language: Vietnamese by default, English by the switch. `lang.current` is
 * reactive state, so every text read through a catalogue (texts.ts) follows it. The choice lives in
 * the address (`lang=en`), written by the router with the page's own keys.
 */
export type Lang = 'vi' | 'en';

function initial(): Lang {
  if (typeof window === 'undefined') return 'vi';
  return new URLSearchParams(window.location.search).get('lang') === 'en' ? 'en' : 'vi';
}

export const lang = $state<{ current: Lang }>({ current: initial() });

/** A name the data carries in both languages (indicators, units of measure): the chosen one. */
export function localized<K extends string>(item: Record<`${K}_vi` | `${K}_en`, string>, key: K): string {
  return item[`${key}_${lang.current}`];
}
