/**
 * The one router: which page shows, and the one writer of the address bar.
 *
 * Each page owns its keys (routes.ts). A page reads its starting state with `router.keys(view)` and
 * reports its state with `router.write(view, keys)` whenever it changes; the router remembers the
 * keys of every page and, for the page shown, writes them into the address — debounced, in a later
 * task (`history.replaceState` is a synchronous round trip to the browser process, 16 ms under load:
 * no part of a period step). Navigating pushes the target page's address with its remembered keys
 * and the global ones (language, test switches): the previous page's keys are dropped, so the
 * planning window never leaks into the map's comparison. Back and Forward re-read the address.
 */
import { lang } from '../shared/i18n/lang.svelte.ts';
import { addressOf, keysFromAddress, ownKeys, type Keys, type View } from './routes.ts';

export type { View };

/** Address writes wait this long for further changes (a dragged slider writes once). */
const WRITE_DELAY_MS = 50;

function here(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

class Router {
  /** The page shown. */
  view = $state<View>('map');
  private memory: Partial<Record<View, Keys>> = {};
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    if (typeof window === 'undefined') return;
    const opened = keysFromAddress(window.location.search);
    this.view = opened.view;
    this.memory = opened.keys;
    // The address as the router writes it: other pages' keys (old links carried them) leave it.
    this.replace();
    window.addEventListener('popstate', () => {
      const view = keysFromAddress(window.location.search).view;
      this.memory[view] = ownKeys(view, window.location.search);
      this.view = view;
    });
    window.addEventListener('pagehide', () => this.flush());
  }

  /** The keys `view` last had: from the address it was opened with, or as it last wrote them. */
  keys(view: View): URLSearchParams {
    return new URLSearchParams(this.memory[view] ?? {});
  }

  /** A page's current state; written into the address while that page shows. */
  write(view: View, keys: Record<string, string | null | undefined>): void {
    const clean: Keys = {};
    for (const [k, v] of Object.entries(keys)) if (v !== null && v !== undefined && v !== '') clean[k] = v;
    this.memory[view] = clean;
    if (view === this.view) this.schedule();
  }

  /** The address of a page (for links: a modified click opens it in a new tab). */
  href(view: View, keys?: Keys): string {
    return addressOf(view, keys ?? this.memory[view] ?? {}, here(), lang.current);
  }

  /** Shows a page: its address pushed (keys given, or as it last had them), Back returns. */
  navigate(view: View, keys?: Keys): void {
    this.flush();
    if (keys) this.memory[view] = keys;
    const href = this.href(view);
    if (view === this.view && href === here()) return;
    window.history.pushState(window.history.state, '', href);
    this.view = view;
  }

  /** Rewrites the address of the page shown (after a language switch, or its keys changed). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.replace(), WRITE_DELAY_MS);
  }

  /** Writes a pending change now (before navigating or leaving). */
  flush(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.replace();
  }

  private replace(): void {
    this.timer = undefined;
    const href = this.href(this.view);
    if (href !== here()) window.history.replaceState(window.history.state, '', href);
  }
}

export const router = new Router();

/** A link handler: in-app navigation for a plain click, the browser's own for a modified one. */
export function follow(event: MouseEvent, view: View, keys?: Keys): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  router.navigate(view, keys);
}
