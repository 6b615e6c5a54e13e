/**
 * What the basemap needs from a tile archive, whatever its container (PMTiles, MBTiles): its
 * description for the TileJSON, and a tile's stored bytes by z/x/y. Readers never hold a whole
 * archive in memory: PMTiles is read by byte range, MBTiles row by row through SQLite.
 */

/** The two vector-tile schemas the portal has styles for. */
export type BasemapSchema = 'protomaps' | 'openmaptiles';
export type ArchiveFormat = 'pmtiles' | 'mbtiles';

export interface VectorLayer {
  id: string;
  fields: Record<string, string>;
  minzoom?: number;
  maxzoom?: number;
  description?: string;
}

export interface ArchiveInfo {
  format: ArchiveFormat;
  name?: string;
  description?: string;
  /** As stored; `plainAttribution` turns it into safe text. */
  attribution?: string;
  minzoom: number;
  maxzoom: number;
  /** west, south, east, north (degrees). */
  bounds: [number, number, number, number];
  /** lon, lat, zoom. */
  center: [number, number, number];
  vectorLayers: VectorLayer[];
}

export interface StoredTile {
  /** The bytes as stored in the archive. */
  data: Uint8Array;
  /** Whether `data` is gzip (then it can be sent as `Content-Encoding: gzip` untouched). */
  gzip: boolean;
}

export interface TileArchive {
  readonly info: ArchiveInfo;
  /** The stored tile, or undefined when the archive has none there (sea, outside the area). */
  tile(z: number, x: number, y: number): Promise<StoredTile | undefined>;
  close(): Promise<void>;
}

/** Thrown by readers for a file they cannot serve; the message says why, in both languages. */
export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveError';
  }
}

/** Whether bytes start with the gzip magic number (MBTiles does not record its compression). */
export function isGzip(data: Uint8Array): boolean {
  return data.length >= 2 && data[0] === 0x1f && data[1] === 0x8b;
}

/**
 * Which style fits the archive, from its vector layer names. Protomaps basemaps
 * (docs.protomaps.com/basemaps/layers) have `earth` and `roads`; OpenMapTiles
 * (openmaptiles.org/schema) has `transportation` and `water`/`waterway`, as tilemaker, planetiler
 * and GDAL write it. Anything else has no style here and is refused at start.
 */
export function detectSchema(layers: readonly { id: string }[]): BasemapSchema | undefined {
  const ids = new Set(layers.map((l) => l.id));
  if (ids.has('earth') && ids.has('roads')) return 'protomaps';
  if (ids.has('transportation') && (ids.has('water') || ids.has('waterway'))) return 'openmaptiles';
  return undefined;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', nbsp: ' ' };

/**
 * The archive's attribution as plain text: archives often carry HTML links (Protomaps writes
 * `<a href="https://openstreetmap.org/copyright">© OpenStreetMap</a>`), and the map renders
 * attribution as HTML, so tags are dropped rather than trusted. Both schemas are built from
 * OpenStreetMap, whose licence (ODbL) requires the credit: it is the fallback.
 */
export function plainAttribution(raw: string | undefined): string {
  const text = (raw ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith('#') ? String.fromCodePoint(Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/[<>]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  return text || '© OpenStreetMap contributors';
}

/** Parses `w,s,e,n`; anything unusable gives the whole Web Mercator world. */
export function parseBounds(raw: unknown): [number, number, number, number] {
  const n = typeof raw === 'string' ? raw.split(',').map(Number) : Array.isArray(raw) ? raw.map(Number) : [];
  if (n.length === 4 && n.every(Number.isFinite) && n[0]! < n[2]! && n[1]! < n[3]!) {
    return [
      clamp(n[0]!, -180, 180),
      clamp(n[1]!, -85.0511, 85.0511),
      clamp(n[2]!, -180, 180),
      clamp(n[3]!, -85.0511, 85.0511),
    ];
  }
  return [-180, -85.0511, 180, 85.0511];
}

/** Parses `lon,lat,zoom`; falls back to the middle of the bounds at the archive's lowest zoom + 2. */
export function parseCenter(
  raw: unknown,
  bounds: [number, number, number, number],
  minzoom: number,
  maxzoom: number,
): [number, number, number] {
  const n = typeof raw === 'string' ? raw.split(',').map(Number) : Array.isArray(raw) ? raw.map(Number) : [];
  if (n.length >= 2 && Number.isFinite(n[0]) && Number.isFinite(n[1])) {
    const z = Number.isFinite(n[2]) ? n[2]! : minzoom;
    return [n[0]!, n[1]!, clamp(Math.round(z), minzoom, maxzoom)];
  }
  return [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, clamp(minzoom + 2, minzoom, maxzoom)];
}

/** `vector_layers` from metadata JSON, keeping only well-formed entries. */
export function parseVectorLayers(raw: unknown): VectorLayer[] {
  if (!Array.isArray(raw)) return [];
  const out: VectorLayer[] = [];
  for (const l of raw) {
    if (!l || typeof l !== 'object' || typeof (l as { id?: unknown }).id !== 'string') continue;
    const v = l as { id: string; fields?: unknown; minzoom?: unknown; maxzoom?: unknown; description?: unknown };
    const fields: Record<string, string> = {};
    if (v.fields && typeof v.fields === 'object') {
      for (const [k, t] of Object.entries(v.fields)) fields[k] = String(t);
    }
    out.push({
      id: v.id,
      fields,
      ...(typeof v.minzoom === 'number' ? { minzoom: v.minzoom } : {}),
      ...(typeof v.maxzoom === 'number' ? { maxzoom: v.maxzoom } : {}),
      ...(typeof v.description === 'string' ? { description: v.description } : {}),
    });
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
