/**
 * What a page did that a browser test may object to — uncaught errors, console errors, requests
 * leaving the machine — and helpers to wait for the map and save screenshots, shared by the browser
 * tests, with a list of answers a test expects to fail (Chromium logs every 4xx as an error).
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page, type Request } from '@playwright/test';
import type { AtlasTestState } from '../../web/src/shared/map/testHooks.ts';

export const SCREENSHOTS = 'test-results/screenshots';

/** An answer a test provokes on purpose: a 4xx of this status from this path is not an error. */
export interface ExpectedFailure {
  path: string;
  status: number;
}

export interface PageWatch {
  pageErrors: string[];
  consoleErrors: string[];
  /** Requests to anything but this machine (or data:/blob: URLs). */
  outside: string[];
  requests: string[];
  /** URLs fetched by script (fetch/XHR), as opposed to loaded by the document or its CSS. */
  fetched: string[];
  /** Expected failures, added to as the test goes. */
  allowed: ExpectedFailure[];
}

export function isLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

export function watch(page: Page): PageWatch {
  const seen: PageWatch = {
    pageErrors: [],
    consoleErrors: [],
    outside: [],
    requests: [],
    fetched: [],
    // Not signed in (after a sign-out) is expected.
    allowed: [{ path: '/api/auth/me', status: 401 }],
  };
  page.on('pageerror', (error) => seen.pageErrors.push(error.stack ?? error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const path = message.location().url ? new URL(message.location().url).pathname : '';
    const status = /status of (\d{3})/.exec(message.text())?.[1];
    if (status && seen.allowed.some((a) => a.path === path && a.status === Number(status))) return;
    seen.consoleErrors.push(message.text());
  });
  page.on('request', (request: Request) => {
    seen.requests.push(request.url());
    if (['fetch', 'xhr'].includes(request.resourceType())) seen.fetched.push(request.url());
    if (!isLocal(request.url())) seen.outside.push(request.url());
  });
  return seen;
}

export function expectCleanRun(seen: PageWatch): void {
  expect(seen.outside, 'requests that left the machine').toEqual([]);
  expect(seen.pageErrors, 'uncaught page errors').toEqual([]);
  expect(seen.consoleErrors, 'console errors').toEqual([]);
}

export function atlasState(page: Page): Promise<AtlasTestState | undefined> {
  return page.evaluate(() => window.__atlas);
}

/** Waits until values have been applied `count` times and the map has drawn everything (idle). */
export async function waitForMap(page: Page, count = 1): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const atlas = window.__atlas;
      if (atlas?.error) throw new Error(`The page shows an error: ${atlas.error}`);
      return (atlas?.valuesApplied ?? 0) >= n && window.__map?.loaded() === true;
    },
    count,
    { timeout: 60_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        map.triggerRepaint();
      }),
  );
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}/${name}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? false });
  await test.info().attach(name, { path, contentType: 'image/png' });
}
