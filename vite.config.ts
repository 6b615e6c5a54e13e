import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// One config for the web build and for Vitest. The web app lives in web/ and is built to dist/web,
// which Fastify serves. Tests are split into projects so `npm test` can run them in tiers.
export default defineConfig({
  root: 'web',
  plugins: [svelte()],
  build: {
    // WEB_OUT_DIR lets several builds (parallel browser-test runs) coexist.
    outDir: process.env.WEB_OUT_DIR ?? '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // The entry chunk is MapLibre (~1 MB minified) plus the map page; `npm run bench:bundle` tracks the
    // app's own share of it (48 KB gzip). Anything else this large should be a lazy chunk.
    chunkSizeWarningLimit: 1300,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/tiles': 'http://127.0.0.1:3000' },
  },
  test: {
    root: '.',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'geo/**/*.test.ts',
            'server/**/*.test.ts',
            'web/**/*.test.ts',
            'migrations/**/*.test.ts',
            'scripts/**/*.test.ts',
            'test/helpers/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
        },
      },
    ],
  },
});
