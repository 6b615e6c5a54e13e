/**
 * The second server of the browser tests: the same app with BASEMAP_PATH set to the test-built
 * archives (a folder holding the MBTiles from tilemaker and the PMTiles written from it), on the
 * next port and its own data folder, so the other browser tests keep a portal without basemap.
 */
export const E2E_BASEMAP_PORT = Number(process.env.E2E_PORT ?? 39217) + 1;
export const E2E_BASEMAP_URL = `http://127.0.0.1:${E2E_BASEMAP_PORT}`;
