/**
 * Moving between the briefing page and presentation mode inside the app (no reload: the session
 * and the loaded chunks stay): the address changes and the app's `popstate` listener follows it.
 */
import { hrefForView } from './view.ts';

/** Parameters of presentation mode, removed when leaving it. */
const PRESENT_PARAMS = ['briefing', 'views', 'slide'];

/** Presentation of a briefing, or of saved views given by id. */
export function presentHref(target: { briefing: number } | { views: number[] }, slide = 1): string {
  const url = new URL(hrefForView('present', window.location.href), window.location.origin);
  for (const p of PRESENT_PARAMS) url.searchParams.delete(p);
  if ('briefing' in target) url.searchParams.set('briefing', String(target.briefing));
  else url.searchParams.set('views', target.views.join(','));
  if (slide > 1) url.searchParams.set('slide', String(slide));
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The briefing page, leaving presentation mode. */
export function briefingsHref(): string {
  const url = new URL(hrefForView('briefings', window.location.href), window.location.origin);
  for (const p of PRESENT_PARAMS) url.searchParams.delete(p);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function go(href: string): void {
  window.history.pushState(window.history.state, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** A link handler: in-app navigation for a plain click, the browser's own for a modified one. */
export function follow(event: MouseEvent, href: string): void {
  if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  go(href);
}
