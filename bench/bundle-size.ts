/**
 * What the browser downloads on first load (issue 5): builds the web app (`vite build`), reads
 * dist's index.html for the entry script, its modulepreloads and stylesheets, adds MapLibre's worker
 * (fetched as soon as the map is created), and compares their gzipped size with MapLibre's own dist
 * files (maplibre-gl.mjs + maplibre-gl-worker.mjs + maplibre-gl.css). Every other JS/CSS asset is a
 * lazy chunk, listed separately. Fonts are not counted (woff2, loaded when text is drawn).
 *
 * `BENCH_WEB_DIST` to measure an existing build instead.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { run } from './lib.ts';

const GOAL_KB = 150;
const gz = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

let dist = process.env.BENCH_WEB_DIST;
if (!dist) {
  dist = mkdtempSync(join(tmpdir(), 'atlas-bundle-'));
  await run('npx', ['vite', 'build', '--logLevel', 'warn'], { env: { WEB_OUT_DIR: dist } });
}
dist = resolve(dist);

const html = readFileSync(join(dist, 'index.html'), 'utf8');
const refs = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
  ...html.matchAll(/<link[^>]*href="([^"]+)"[^>]*rel="(?:modulepreload|stylesheet)"/g),
].map((m) => m[1]!.replace(/^\//, ''));
const assets = readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`);
const worker = assets.filter((f) => /maplibre-gl-worker.*\.m?js$/.test(f));
const first = [...new Set([...refs, ...worker])].filter((f) => /\.(m?js|css)$/.test(f));
const lazy = assets.filter((f) => /\.(m?js|css)$/.test(f) && !first.includes(f));

const size = (f: string) => {
  const bytes = readFileSync(join(dist, f));
  return { file: f, raw: bytes.length, gz: gz(bytes) };
};
const firstSizes = first.map(size);
const lazySizes = lazy.map(size).sort((a, b) => b.gz - a.gz);
const ml = ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css'].map((f) => {
  const bytes = readFileSync(resolve('node_modules/maplibre-gl/dist', f));
  return { file: f, raw: bytes.length, gz: gz(bytes) };
});
const sum = (xs: { gz: number }[]) => xs.reduce((s, x) => s + x.gz, 0);

console.log(`build: ${dist}`);
console.log('\nfirst load (gzip -9):');
for (const s of firstSizes) console.log(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(10)} → ${kb(s.gz).padStart(9)}`);
console.log(`  ${'total'.padEnd(48)} ${''.padStart(10)}   ${kb(sum(firstSizes)).padStart(9)}`);
console.log('\nMapLibre 6 dist (reference):');
for (const s of ml) console.log(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(10)} → ${kb(s.gz).padStart(9)}`);
console.log(`  ${'total'.padEnd(48)} ${''.padStart(10)}   ${kb(sum(ml)).padStart(9)}`);
const own = sum(firstSizes) - sum(ml);
console.log(
  `\nfirst load beyond MapLibre: ${kb(own)} (ratio ${(sum(firstSizes) / sum(ml)).toFixed(2)}× MapLibre); ` +
    `goal ≤ ${GOAL_KB} KB: ${own <= GOAL_KB * 1024 ? 'met' : 'missed'}`,
);
console.log('\nlazy chunks (loaded when used):');
for (const s of lazySizes) console.log(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(10)} → ${kb(s.gz).padStart(9)}`);
console.log(`  ${'total'.padEnd(48)} ${''.padStart(10)}   ${kb(sum(lazySizes)).padStart(9)}`);
