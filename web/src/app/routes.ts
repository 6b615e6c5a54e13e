/**
 * The pages and the address-bar keys each one owns. `?view=…` names the page (none: the map); a
 * page's own keys follow it (the map's indicator and period, the planning window, the slide…), and
 * navigating to another page drops them — the page keeps them in memory for when it is shown again.
 * Pure: the router (router.svelte.ts) and its unit tests build on it.
 */
export type View =
  'map' | 'plans' | 'briefings' | 'present' | 'data' | 'account' | 'admin' | 'indicators' | 'audit' | 'setup';

export const VIEWS: readonly View[] = [
  'map',
  'plans',
  'briefings',
  'present',
  'data',
  'account',
  'admin',
  'indicators',
  'audit',
  'setup',
];

/** Keys every page keeps: the page itself, the language and the browser tests' switches. */
export const GLOBAL_KEYS: readonly string[] = ['view', 'lang', 'test', 'tiles', 'exportTile'];

/** What each page owns in the address, in the order they are written. */
export const PAGE_KEYS: Record<View, readonly string[]> = {
  map: [
    'indicator',
    'level',
    'period',
    'from',
    'change',
    'scale',
    'method',
    'k',
    'palette',
    'breaks',
    'measure',
    'sel',
    'map',
    'basemap',
    'bmap',
    'bmo',
  ],
  plans: ['tab', 'plan', 'from', 'to', 'w', 'norm'],
  briefings: [],
  present: ['briefing', 'views', 'slide'],
  data: ['section'],
  account: [],
  admin: [],
  indicators: [],
  audit: ['unit'],
  setup: [],
};

/**
 * Keys a page read under another name before it owned its own: `?view=data&tab=hotspots` (the data
 * page shared `tab` with the planning page) still opens the hotspot section.
 */
export const LEGACY_KEYS: Partial<Record<View, Record<string, string>>> = {
  data: { tab: 'section' },
};

/** Pages only administrators may see. */
export const ADMIN_VIEWS: readonly View[] = ['admin', 'indicators', 'audit', 'setup'];

/** Pages only roles that change data may see (the server enforces the same on every route). */
export const EDITOR_VIEWS: readonly View[] = ['data'];

/** The view a query string asks for; anything unknown is the map. */
export function viewFromSearch(search: string): View {
  const value = new URLSearchParams(search).get('view');
  return VIEWS.find((v) => v === value) ?? 'map';
}

export type Keys = Record<string, string>;

/** A page's own keys in a query string (legacy names read as their new ones). */
export function ownKeys(view: View, search: string | URLSearchParams): Keys {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const out: Keys = {};
  for (const [legacy, key] of Object.entries(LEGACY_KEYS[view] ?? {})) {
    const value = q.get(legacy);
    if (value !== null) out[key] = value;
  }
  for (const key of PAGE_KEYS[view]) {
    const value = q.get(key);
    if (value !== null) out[key] = value;
  }
  return out;
}

/**
 * What an address opened directly says about every page: the shown page's keys, and — for links
 * made before pages owned their keys (the briefing page opened with the map's indicator and period)
 * — the other pages' keys that the shown page does not own.
 */
export function keysFromAddress(search: string): { view: View; keys: Partial<Record<View, Keys>> } {
  const view = viewFromSearch(search);
  const q = new URLSearchParams(search);
  const mine = ownKeys(view, q);
  const taken = new Set([...PAGE_KEYS[view], ...Object.keys(LEGACY_KEYS[view] ?? {})]);
  const keys: Partial<Record<View, Keys>> = { [view]: mine };
  for (const other of VIEWS) {
    if (other === view) continue;
    const theirs: Keys = {};
    for (const key of PAGE_KEYS[other]) {
      const value = q.get(key);
      if (value !== null && !taken.has(key)) theirs[key] = value;
    }
    if (Object.keys(theirs).length) keys[other] = theirs;
  }
  return { view, keys };
}

/**
 * The address of `view` with its keys: the global keys kept from `current` (test switches; the
 * language as given, else as it was), every other page's keys dropped, the hash kept. Path + query
 * + hash.
 */
export function addressOf(view: View, keys: Keys, current: string, lang?: 'vi' | 'en'): string {
  const url = new URL(current, 'http://atlas.invalid');
  const next = new URLSearchParams();
  for (const key of GLOBAL_KEYS) {
    const value = url.searchParams.get(key);
    if (key !== 'view' && value !== null) next.set(key, value);
  }
  // Vietnamese is the default: only English is written.
  if (lang === 'en') next.set('lang', 'en');
  else if (lang === 'vi') next.delete('lang');
  if (view !== 'map') next.set('view', view);
  for (const key of PAGE_KEYS[view]) {
    const value = keys[key];
    if (value !== undefined && value !== '') next.set(key, value);
  }
  const search = next.toString();
  return `${url.pathname}${search ? `?${search}` : ''}${url.hash}`;
}
