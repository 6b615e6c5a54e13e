/**
 * Browser tests (test/e2e) against the real server on the embedded database, in the system's
 * Chromium with software WebGL. Run with `npm run test:browser`, which builds the web app first:
 * the server serves whatever is in dist/web (and builds it only when it is missing).
 *
 * Nothing may leave the machine: the browser gets flags that stop its own background traffic, and
 * the tests fail on any page request to a non-loopback host.
 */
import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E_PASSWORD } from './test/e2e/account.ts';
import { E2E_BASEMAP_PORT } from './test/e2e/basemapServer.ts';
import { testBasemaps } from './test/helpers/basemap-archives.ts';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(
    `Chromium not found at ${chromium}. Install it (Debian/Ubuntu: \`apt-get install -y chromium\`) ` +
      'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}

const PORT = Number(process.env.E2E_PORT ?? 39217);
const BASE_URL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    baseURL: BASE_URL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        // No traffic of the browser's own.
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--disable-domain-reliability',
        '--no-first-run',
        '--no-default-browser-check',
        // Tests run as root in containers.
        '--no-sandbox',
        // WebGL2 in software (SwiftShader) where there is no GPU.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--ignore-gpu-blocklist',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      command: 'node --import tsx scripts/start.ts',
      url: `${BASE_URL}/api/health`,
      env: {
        PORT: String(PORT),
        HOST: '127.0.0.1',
        DATA_DIR: process.env.E2E_DATA_DIR ?? '.tmp/e2e-data',
        WEB_DIST: process.env.E2E_WEB_DIST ?? './dist/web',
        // Empty means unset to the server, and wins over a `.env` file: the browser tests always run
        // on the embedded database with the demo data and no basemap, whatever the shell has.
        DATABASE_URL: '',
        BASEMAP_PATH: '',
        DEMO_DATA: 'true',
        LOG_LEVEL: 'warn',
        // The tests sign in as the first admin, created with this password on the first start.
        ADMIN_PASSWORD: E2E_PASSWORD,
        LOGIN_RATE_LIMIT: '1000',
        // A lock after 4 failures (3 free, one after a 2 s wait): account-lock.spec.ts locks an account quickly.
        LOGIN_LOCK_AFTER: '4',
      },
      // The first start on an empty data folder creates the embedded PostGIS and seeds the demo.
      timeout: 240_000,
      reuseExistingServer: !process.env.CI,
      // Not 'pipe': on a first start the server prints the generated demo passwords.
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
    // The same portal with the test-built basemap archives (basemap.spec.ts): its own port and data
    // folder, so every other test sees the portal as it is without BASEMAP_PATH.
    {
      command: 'node --import tsx scripts/start.ts',
      url: `http://127.0.0.1:${E2E_BASEMAP_PORT}/api/health`,
      env: {
        PORT: String(E2E_BASEMAP_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: process.env.E2E_BASEMAP_DATA_DIR ?? '.tmp/e2e-data-basemap',
        WEB_DIST: process.env.E2E_WEB_DIST ?? './dist/web',
        DATABASE_URL: '',
        // Built once by tilemaker + osmium (and our PMTiles writer), reused while no input changes.
        BASEMAP_PATH: testBasemaps().dir,
        DEMO_DATA: 'true',
        LOG_LEVEL: 'warn',
        ADMIN_PASSWORD: E2E_PASSWORD,
        LOGIN_RATE_LIMIT: '1000',
      },
      timeout: 240_000,
      reuseExistingServer: !process.env.CI,
      stdout: 'ignore',
      stderr: 'pipe',
      gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    },
  ],
});
