/** The scale dataset's fixed tile list and server set-up shared by the scale benchmarks. */
import { createRng } from '../geo/demo/random.ts';
import { DEFAULT_SCALE, generateScale } from '../scripts/scale/generate.ts';
import { login, startServer, type RunningServer } from './lib.ts';

export const SCALE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:55432/atlas_scale';
export const ADMIN_PASSWORD = 'bench-admin-password';
export const AT = '2025-12-31';

export interface TileRef {
  layer: 'ward' | 'group';
  z: number;
  x: number;
  y: number;
}

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

/** `perZoom` tiles per zoom 10–16 per layer, at seeded random points inside the dataset's wards. */
export function tileList(perZoom = 5, seed = 'bench-tiles-1'): TileRef[] {
  const wards = generateScale(DEFAULT_SCALE);
  const rng = createRng(seed);
  const out: TileRef[] = [];
  for (const layer of ['ward', 'group'] as const) {
    for (let z = 10; z <= 16; z++) {
      for (let k = 0; k < perZoom; k++) {
        const w = wards[rng.int(0, wards.length - 1)]!;
        const ring = w.ring.slice(0, -1);
        const a = ring[rng.int(0, ring.length - 1)]!;
        const c = ring.reduce((s, p) => [s[0] + p[0] / ring.length, s[1] + p[1] / ring.length], [0, 0]);
        const t = rng.next();
        out.push({ layer, z, ...tileOf(c[0] + (a[0] - c[0]) * t, c[1] + (a[1] - c[1]) * t, z) });
      }
    }
  }
  return out;
}

export const tilePath = (t: TileRef) => `/tiles/${t.layer}/${t.z}/${t.x}/${t.y}.mvt`;

/** Starts the server on the scale database (or a PGlite folder) and signs in as admin. */
export async function scaleServer(
  env: Record<string, string>,
  port: number,
): Promise<RunningServer & { cookie: string }> {
  const server = await startServer({ ADMIN_PASSWORD, LOGIN_RATE_LIMIT: '10000', ...env }, port);
  return { ...server, cookie: await login(server.url, 'admin', ADMIN_PASSWORD) };
}
