/**
 * Browser benchmark (issue 5), Debian's Chromium through Playwright with software WebGL
 * (SwiftShader, the flags of playwright.config.ts), so every figure is a ratio to a reference
 * measured in the same run, A/B interleaved, medians of REPEATS (3) rounds:
 *
 * (a) first load: navigation → the first complete choropleth of the atlas at 10,000 wards (scale
 *     dataset on PostGIS, vector tiles, values applied, map idle) vs an empty-style MapLibre page
 *     (navigation → idle), each in a fresh browser context (cold HTTP cache);
 *     then the atlas's own period step, three per round once the page has computed every period ahead
 *     (slider key → values applied → idle; from a Chromium trace, the key's task and all main-thread
 *     work until idle);
 * (b) one period step at 10,000 wards on a GeoJSON source (bench/browser/step.html): feature-state
 *     vs setData of the whole GeoJSON vs a `match` expression on fill-color; the call's time (JS)
 *     and the time to the next idle.
 *
 * `DATABASE_URL` (default the throwaway cluster's atlas_scale, see bench/README.md), `BENCH_PORT`
 * (39385; the static pages use the next port), `BENCH_WEB_DIST` to reuse a build, `REPEATS`.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import config from '../playwright.config.ts';
import { DEFAULT_SCALE, generateScale } from '../scripts/scale/generate.ts';
import { median, run } from './lib.ts';
import { ADMIN_PASSWORD, SCALE_URL, scaleServer } from './scale-common.ts';

const REPEATS = Number(process.env.REPEATS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 39385);
const STATIC_PORT = PORT + 1;
const VIEWPORT = { width: 1280, height: 800 };
/** Period 2025-12 on the scale dataset, a view of northern Vietnam at the map's least zoom. */
const APP_PATH = '/?test=1&indicator=cases_total&period=2025-12&map=105.9,20.6,8';

const f1 = (x: number) => x.toFixed(1);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

function wardsGeojson(): string {
  const wards = generateScale(DEFAULT_SCALE);
  return JSON.stringify({
    type: 'FeatureCollection',
    features: wards.map((w) => ({
      type: 'Feature',
      id: w.index + 1,
      properties: { id: w.index + 1, code: w.code },
      geometry: { type: 'Polygon', coordinates: [w.ring] },
    })),
  });
}

/** Serves the reference pages, MapLibre's own dist files and the 10,000-ward GeoJSON. */
function startStatic(port: number): Promise<() => Promise<void>> {
  const maplibre = resolve('node_modules/maplibre-gl/dist');
  const pages = resolve('bench/browser');
  const wards = Buffer.from(wardsGeojson());
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.mjs': 'text/javascript',
    '.css': 'text/css',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: Buffer | null = null;
    let file = '';
    try {
      if (path === '/wards.json') body = wards;
      else if (path.startsWith('/maplibre/')) body = readFileSync(join(maplibre, (file = path.slice(10))));
      else if (/^\/[a-z-]+\.html$/.test(path)) body = readFileSync(join(pages, (file = path.slice(1))));
    } catch {
      body = null;
    }
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/json' }).end(body);
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => ok(() => new Promise<void>((r) => server.close(() => r())))),
  );
}

/**
 * Records, in the page, when values were applied and every time the map went idle. A string, not a
 * function: tsx would wrap a function's inner names in a helper the page does not have.
 */
const APP_HOOKS = `
  window.__bench = { applied: [], all: [], idles: [], keydown: 0, long: [], writes: 0 };
  new PerformanceObserver((l) => window.__bench.long.push(...l.getEntries().map((e) => [e.startTime, e.duration])))
    .observe({ type: 'longtask', buffered: true });
  let atlas, map;
  Object.defineProperty(window, '__atlas', {
    configurable: true,
    get: () => atlas,
    set(v) {
      // Builds before valuesShown wrote every unit in the step: shown = applied.
      const shown = (a) => (a && (a.valuesShown ?? a.valuesApplied)) || 0;
      const before = shown(atlas);
      const beforeAll = (atlas && atlas.valuesApplied) || 0;
      atlas = v;
      if (shown(v) > before) window.__bench.applied.push({ n: shown(v), t: performance.now() });
      if ((v.valuesApplied || 0) > beforeAll) window.__bench.all.push({ n: v.valuesApplied, t: performance.now() });
    },
  });
  Object.defineProperty(window, '__map', {
    configurable: true,
    get: () => map,
    set(v) {
      map = v;
      const setFeatureState = v.setFeatureState.bind(v);
      v.setFeatureState = (f, s) => (window.__bench.writes++, setFeatureState(f, s));
      v.on('idle', () => window.__bench.idles.push(performance.now()));
    },
  });
  document.addEventListener('keydown', () => ((window.__bench.keydown = performance.now()), (window.__bench.writes = 0)), true);
`;

interface Step {
  /** Key → the values of the loaded tiles written (performance.now() in the page): the step's own task. */
  js: number;
  /** Key → every unit written (the rest in idle slices after the frame). */
  all: number;
  /** \`setFeatureState\` calls of the step (units whose state changed; hover and selection too). */
  writes: number;
  /** Key → the map's next idle. */
  idle: number;
  /** Long tasks (> 50 ms) between the key and idle. */
  blocked: number;
  /** The key's task on the renderer's main thread (event, the page's update, 10,001 setFeatureState). */
  task: number;
  /** Every main-thread task from the key to idle (the key's task, MapLibre's frames, layout, paint). */
  busy: number;
}

interface AppRun {
  complete: number;
  drawn: number;
  colored: number;
  units: number;
  steps: Step[];
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { type?: string } };
}

/**
 * Main-thread work of each step from a Chromium trace: the task that ran the key press (found by its
 * keydown dispatch, the n-th step's the n-th), and all top-level tasks of that thread from the key
 * until the map's idle (`idleAfterKey`, ms, measured in the page).
 */
function mainThreadWork(trace: Buffer, idleAfterKey: number[]): { task: number; busy: number }[] {
  const parsed = JSON.parse(trace.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const keys = events
    .filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown')
    .sort((a, b) => a.ts - b.ts);
  return keys.map((key, i) => {
    const tasks = events.filter(
      (e) => e.pid === key.pid && e.tid === key.tid && e.ph === 'X' && e.name === 'RunTask' && e.dur !== undefined,
    );
    const own = tasks.find((t) => t.ts <= key.ts && t.ts + t.dur! >= key.ts);
    const end = key.ts + (idleAfterKey[i] ?? 0) * 1000;
    const busy = tasks.filter((t) => t.ts + t.dur! > key.ts && t.ts < end).reduce((x, t) => x + t.dur!, 0);
    return { task: (own?.dur ?? NaN) / 1000, busy: busy / 1000 };
  });
}

const STEPS = 3;
/** `BENCH_PROFILE=1`: a sampled CPU profile of the steps, its top functions by self time (build unminified to read names). */
const PROFILE = process.env.BENCH_PROFILE === '1';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

async function startProfile(
  page: Page,
): Promise<() => Promise<{ nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile as never;
}

function printProfile(p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30);
  console.log(`  CPU profile of ${STEPS} steps, self time (ms):`);
  for (const [k, ms] of top) console.log(`    ${ms.toFixed(1).padStart(8)}  ${k}`);
}

async function appRun(browser: Browser, base: string): Promise<AppRun> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', baseURL: base });
  try {
    const login = await context.request.post('/api/auth/login', {
      data: { username: 'admin', password: ADMIN_PASSWORD },
    });
    if (!login.ok()) throw new Error(`login: ${login.status()} ${await login.text()}`);
    const page = await context.newPage();
    await page.addInitScript({ content: APP_HOOKS });
    await page.goto(APP_PATH);
    const firstIdleAfter = (n: number) =>
      page.waitForFunction(
        (k) => {
          const b = (window as unknown as { __bench: { all: { n: number; t: number }[]; idles: number[] } }).__bench;
          // Every unit written, then the map idle.
          const a = b.all.find((x) => x.n === k);
          return a ? (b.idles.find((t) => t > a.t) ?? false) : false;
        },
        n,
        { timeout: 180_000, polling: 50 },
      );
    const complete = (await (await firstIdleAfter(1)).jsonValue()) as number;
    const shown = await page.evaluate(() => {
      const m = window.__map!;
      const ids = [...new Set(m.queryRenderedFeatures({ layers: ['units-fill'] }).map((f) => f.id as number))];
      const colored = ids.filter(
        (id) => typeof m.getFeatureState({ source: 'units', sourceLayer: 'ward', id }).color === 'string',
      ).length;
      return { drawn: ids.length, colored, units: window.__atlas!.unitIds.length };
    });
    // A person looks at the map before stepping: the steps start once the page has computed every
    // period's classes and ranks ahead (in idle tasks after the first draw).
    await page.waitForFunction(() => window.__atlas?.periodsReady === true, undefined, { timeout: 120_000 });
    await page.waitForTimeout(500);
    const steps: Omit<Step, 'task' | 'busy'>[] = [];
    const slider = page.getByTestId('period-slider');
    await slider.focus();
    const profiler = PROFILE ? await startProfile(page) : null;
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
    });
    for (let k = 0; k < STEPS; k++) {
      const n = 2 + k;
      await slider.press('ArrowLeft');
      const idle = (await (await firstIdleAfter(n)).jsonValue()) as number;
      await page.waitForTimeout(100); // the long-task observer delivers late
      const t = await page.evaluate(
        ([k2, end]) => {
          const b = (
            window as unknown as {
              __bench: {
                applied: { n: number; t: number }[];
                all: { n: number; t: number }[];
                keydown: number;
                long: [number, number][];
                writes: number;
              };
            }
          ).__bench;
          const blocked = b.long.filter(([s]) => s >= b.keydown && s < end).reduce((x, [, d]) => x + d, 0);
          return {
            keydown: b.keydown,
            applied: b.applied.find((x) => x.n === k2)!.t,
            all: b.all.find((x) => x.n === k2)!.t,
            blocked,
            writes: b.writes,
          };
        },
        [n, idle] as const,
      );
      steps.push({
        js: t.applied - t.keydown,
        all: t.all - t.keydown,
        idle: idle - t.keydown,
        blocked: t.blocked,
        writes: t.writes,
      });
      await page.waitForTimeout(300);
    }
    if (profiler) printProfile(await profiler());
    const work = mainThreadWork(
      await browser.stopTracing(),
      steps.map((x) => x.idle),
    );
    return { complete, ...shown, steps: steps.map((x, i) => ({ ...x, ...work[i]! })) };
  } finally {
    await context.close();
  }
}

async function emptyRun(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(`${base}/empty.html`);
    const handle = await page.waitForFunction(() => (window as { __complete?: number }).__complete, undefined, {
      timeout: 60_000,
    });
    return (await handle.jsonValue()) as number;
  } finally {
    await context.close();
  }
}

type Variant = 'feature-state' | 'setdata' | 'match';
const VARIANTS: Variant[] = ['feature-state', 'setdata', 'match'];

async function stepRun(browser: Browser, base: string, variant: Variant) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page: Page = await context.newPage();
    await page.goto(`${base}/step.html?variant=${variant}`);
    await page.waitForFunction(() => (window as { ready?: boolean }).ready === true, undefined, {
      timeout: 180_000,
    });
    // One step to warm up (JIT, first upload), then the measured one.
    const step = (p: number) =>
      page.evaluate(
        (q) =>
          (
            window as unknown as {
              step(p: number): Promise<{ js: number; idle: number; blocked: number; drawn: number }>;
            }
          ).step(q),
        p,
      );
    await step(1);
    return await step(2);
  } finally {
    await context.close();
  }
}

async function main() {
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`browser benchmark: ${REPEATS} rounds; load average before: ${load}`);
  let dist = process.env.BENCH_WEB_DIST;
  if (!dist) {
    dist = mkdtempSync(join(tmpdir(), 'atlas-bench-web-'));
    await run('npx', ['vite', 'build', '--logLevel', 'warn'], { env: { WEB_OUT_DIR: dist } });
  }
  // A server left on the port would answer the health check in place of ours.
  const taken = await fetch(`http://127.0.0.1:${PORT}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${PORT} is in use: stop that server or set BENCH_PORT`);
  const server = await scaleServer({ DATABASE_URL: SCALE_URL, WEB_DIST: resolve(dist) }, PORT);
  let serverTail = '';
  const keepTail = (d: Buffer) => (serverTail = (serverTail + String(d)).slice(-4000));
  server.child.stdout!.on('data', keepTail);
  server.child.stderr!.on('data', keepTail);
  const stopStatic = await startStatic(STATIC_PORT);
  const staticBase = `http://127.0.0.1:${STATIC_PORT}`;
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch({ ...launch, headless: true });
  try {
    const ours: AppRun[] = [];
    const empty: number[] = [];
    for (let r = 0; r < REPEATS; r++) {
      const order = r % 2 === 0 ? ['ours', 'empty'] : ['empty', 'ours'];
      for (const which of order) {
        if (which === 'ours') {
          const a = await appRun(browser, server.url);
          ours.push(a);
          const steps = a.steps
            .map(
              (s) =>
                `${f1(s.js)}/${f1(s.all)}/${f1(s.task)}/${f1(s.busy)}/${f1(s.idle)}/${f1(s.blocked)} (${s.writes} writes)`,
            )
            .join(' ');
          console.log(
            `  round ${r + 1} atlas: first choropleth ${f1(a.complete)} ms (${a.drawn} wards drawn, ${a.colored} coloured, ${a.units} with values); steps shown/all written/key task/main thread to idle/idle/long tasks ${steps} ms`,
          );
        } else {
          const e = await emptyRun(browser, staticBase);
          empty.push(e);
          console.log(`  round ${r + 1} empty MapLibre: idle ${f1(e)} ms`);
        }
      }
    }
    const steps: Record<Variant, { js: number; idle: number; blocked: number; drawn: number }[]> = {
      'feature-state': [],
      setdata: [],
      match: [],
    };
    for (let r = 0; r < REPEATS; r++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + r) % VARIANTS.length]!);
      for (const v of order) {
        const s = await stepRun(browser, staticBase, v);
        steps[v].push(s);
        console.log(
          `  round ${r + 1} step ${v}: js ${f1(s.js)} ms, to idle ${f1(s.idle)} ms, long tasks ${f1(s.blocked)} ms (${s.drawn} drawn)`,
        );
      }
    }

    const oursMed = median(ours.map((a) => a.complete));
    const emptyMed = median(empty);
    const appSteps = ours.flatMap((a) => a.steps);
    console.log('\n(a) navigation → first complete choropleth (median)');
    console.log(
      `  atlas, 10,001 wards (${median(ours.map((a) => a.drawn))} drawn in view): ${f1(oursMed)} ms` +
        ` | empty-style MapLibre: ${f1(emptyMed)} ms | ratio ${ratio(oursMed, emptyMed)}`,
    );
    const med = (f: (s: Step) => number) => f1(median(appSteps.map(f)));
    console.log(
      `  atlas period step (vector tiles, feature-state, whole page): key → loaded tiles' values written ${med((s) => s.js)} ms,` +
        ` → every unit written ${med((s) => s.all)} ms,` +
        ` the key's task ${med((s) => s.task)} ms, main thread key → idle ${med((s) => s.busy)} ms,` +
        ` key → idle ${med((s) => s.idle)} ms, long tasks ${med((s) => s.blocked)} ms (median of ${appSteps.length})`,
    );
    console.log('\n(b) one period step, 10,000 wards, GeoJSON source (median)');
    const fs = steps['feature-state'];
    const fsJs = median(fs.map((s) => s.js));
    const fsIdle = median(fs.map((s) => s.idle));
    const fsLong = median(fs.map((s) => s.blocked));
    for (const v of VARIANTS) {
      const js = median(steps[v].map((s) => s.js));
      const idle = median(steps[v].map((s) => s.idle));
      const long = median(steps[v].map((s) => s.blocked));
      console.log(
        `  ${v.padEnd(14)} js ${f1(js).padStart(8)} ms  to idle ${f1(idle).padStart(8)} ms  long tasks ${f1(long).padStart(8)} ms` +
          (v === 'feature-state'
            ? ''
            : `  | ${v}/feature-state: js ${ratio(js, fsJs)}, to idle ${ratio(idle, fsIdle)}, long tasks ${ratio(long, fsLong)}`),
      );
    }
  } finally {
    await browser.close();
    await stopStatic();
    if (server.child.exitCode === null) await server.stop();
    else console.log(`server had exited (code ${server.child.exitCode}):\n${serverTail}`);
    const after = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(`\nload average after: ${after}`);
  }
}

await main();
