/**
 * Which layout the screen gets, as the pages' CSS lays it out (the media queries below are the same
 * as theirs; change both together):
 * - `sheet` — a phone, or a tablet held upright: the map fills the screen and the panels are one
 *   bottom sheet of tabs under it (never over it, so no map control is covered);
 * - `side` — a tablet on its side or a small laptop (up to 1280 px): the map and one side panel of
 *   tabs;
 * - `wide` — a laptop, a desktop or a projector: controls left, map, tabs right.
 * Read in a template or a `$derived`, it follows a rotation or a window resize.
 */
export type Layout = 'sheet' | 'side' | 'wide';

export const SHEET_QUERY = '(max-width: 47.99rem), (max-width: 64rem) and (orientation: portrait)';
export const WIDE_QUERY = '(min-width: 80rem)';

function query(q: string): MediaQueryList | null {
  return typeof window === 'undefined' || !window.matchMedia ? null : window.matchMedia(q);
}

class ScreenLayout {
  #sheet = query(SHEET_QUERY);
  #wide = query(WIDE_QUERY);
  current = $state<Layout>('wide');

  constructor() {
    const read = () =>
      (this.current = this.#sheet?.matches ? 'sheet' : this.#wide?.matches === false ? 'side' : 'wide');
    read();
    this.#sheet?.addEventListener('change', read);
    this.#wide?.addEventListener('change', read);
  }
}

export const screenLayout = new ScreenLayout();
