import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite from 'node-sqlite3-wasm';
import { Compression, writePmtiles, type WriterTile } from './pmtiles-writer.ts';
import { ROOT } from './template.ts';

/**
 * Real basemap archives for tests, built with real tools from a small synthetic OSM file over the
 * demo city (Ninh Bình): osmium-tool turns the XML into PBF, tilemaker (Debian) with its own
 * OpenMapTiles config turns that into MBTiles, and `writePmtiles` writes the same tiles as PMTiles.
 * Built once and kept under `.tmp/basemap/<hash of every input>/`, so runs after the first reuse it.
 */

/** The tilemaker package's example config; Debian installs it with the binary. */
export const TILEMAKER_EXAMPLES = '/usr/share/doc/tilemaker/examples';
export const CITY_BBOX: [number, number, number, number] = [105.94, 20.22, 106.01, 20.28];
export const CITY_CENTRE: [number, number] = [105.975, 20.25];
/** Written into the PMTiles metadata: the archive is synthetic and must say so where it is shown. */
export const TEST_ATTRIBUTION = 'Dữ liệu thử tổng hợp / synthetic test data';

type Tags = Record<string, string>;
type Coord = [number, number];

export const STREETS: { name: string; highway: string; ref?: string; line: Coord[] }[] = [
  {
    name: 'Đường Trần Hưng Đạo',
    highway: 'primary',
    line: [
      [105.95, 20.24],
      [105.965, 20.246],
      [105.975, 20.2505],
      [105.99, 20.257],
      [106.005, 20.263],
    ],
  },
  {
    name: 'Đường Lê Hồng Phong',
    highway: 'secondary',
    line: [
      [105.968, 20.23],
      [105.972, 20.242],
      [105.976, 20.254],
      [105.98, 20.27],
    ],
  },
  {
    name: 'Đường Đinh Tiên Hoàng',
    highway: 'tertiary',
    line: [
      [105.96, 20.258],
      [105.975, 20.256],
      [105.992, 20.25],
    ],
  },
  {
    name: 'Phố Lương Văn Tụy',
    highway: 'residential',
    line: [
      [105.97, 20.252],
      [105.974, 20.258],
      [105.978, 20.262],
    ],
  },
  {
    name: 'Đường Xuân Thành',
    highway: 'residential',
    line: [
      [105.982, 20.244],
      [105.986, 20.252],
      [105.988, 20.26],
    ],
  },
  {
    name: 'Phố Hải Thượng Lãn Ông',
    highway: 'residential',
    line: [
      [105.962, 20.248],
      [105.969, 20.249],
    ],
  },
  {
    name: 'Quốc lộ 1A',
    highway: 'trunk',
    ref: 'QL1A',
    line: [
      [105.945, 20.225],
      [105.965, 20.238],
      [105.985, 20.262],
      [106.0, 20.278],
    ],
  },
];
export const RIVERS: { name: string; line: Coord[] }[] = [
  {
    name: 'Sông Vân',
    line: [
      [105.945, 20.262],
      [105.96, 20.255],
      [105.972, 20.247],
      [105.985, 20.24],
      [106.005, 20.232],
    ],
  },
  {
    name: 'Sông Đáy',
    line: [
      [105.942, 20.221],
      [105.946, 20.25],
      [105.95, 20.279],
    ],
  },
];
export const LAKE = { name: 'Hồ Kỳ Lân', box: [105.978, 20.247, 105.982, 20.2495] as const };
export const PLACES: { name: string; place: string; at: Coord; tags?: Tags }[] = [
  { name: 'Ninh Bình', place: 'city', at: [105.975, 20.2505], tags: { 'name:en': 'Ninh Binh', population: '130000' } },
  { name: 'Ninh Nhất', place: 'village', at: [105.955, 20.232] },
  { name: 'Xóm Trại', place: 'hamlet', at: [105.996, 20.272] },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The OSM XML: streets with Vietnamese names, two rivers, a lake, built-up land and places. */
export function cityOsmXml(): string {
  const nodes: string[] = [];
  const ways: string[] = [];
  let nextNode = 1;
  let nextWay = 1000;
  const tagXml = (tags: Tags) =>
    Object.entries(tags)
      .map(([k, v]) => `<tag k="${esc(k)}" v="${esc(v.normalize('NFC'))}"/>`)
      .join('');
  const node = ([lon, lat]: Coord, tags: Tags = {}) => {
    const id = nextNode++;
    nodes.push(`<node id="${id}" version="1" lat="${lat}" lon="${lon}">${tagXml(tags)}</node>`);
    return id;
  };
  const way = (coords: Coord[], tags: Tags, closed = false) => {
    const ids = coords.map((c) => node(c));
    if (closed) ids.push(ids[0]!);
    ways.push(`<way id="${nextWay++}" version="1">${ids.map((i) => `<nd ref="${i}"/>`).join('')}${tagXml(tags)}</way>`);
  };
  const box = ([w, s, e, n]: readonly number[]): Coord[] => [
    [w!, s!],
    [e!, s!],
    [e!, n!],
    [w!, n!],
  ];

  way(box([105.955, 20.235, 105.995, 20.268]), { landuse: 'residential' }, true);
  way(box(LAKE.box), { natural: 'water', name: LAKE.name }, true);
  for (const r of RIVERS) way(r.line, { waterway: 'river', name: r.name });
  for (const s of STREETS) way(s.line, { highway: s.highway, name: s.name, ...(s.ref ? { ref: s.ref } : {}) });
  for (const p of PLACES) node(p.at, { place: p.place, name: p.name, ...p.tags });

  const [w, s, e, n] = CITY_BBOX;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="antt-atlas test">\n` +
    `<bounds minlat="${s}" minlon="${w}" maxlat="${n}" maxlon="${e}"/>\n${nodes.join('\n')}\n${ways.join('\n')}\n</osm>\n`
  );
}

export interface TestBasemaps {
  /** Folder holding both archives (BASEMAP_PATH as a folder). */
  dir: string;
  mbtiles: string;
  pmtiles: string;
}

const tool = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' }).split('\n')[0]!.trim();

/** The archives, built on first use (a few seconds) and reused while no input changes. */
export function testBasemaps(): TestBasemaps {
  const config = join(TILEMAKER_EXAMPLES, 'config-openmaptiles.json');
  const lua = join(TILEMAKER_EXAMPLES, 'process-openmaptiles.lua');
  if (!existsSync(config) || !existsSync(lua)) {
    throw new Error(`tilemaker's OpenMapTiles config is missing (${config}): apt-get install tilemaker`);
  }
  const xml = cityOsmXml();
  const hash = createHash('sha256')
    .update(xml)
    .update(readFileSync(config))
    .update(readFileSync(lua))
    .update(tool('tilemaker', ['--help']))
    .update(tool('osmium', ['--version']))
    .update(readFileSync(join(ROOT, 'test/helpers/pmtiles-writer.ts')))
    .update(readFileSync(join(ROOT, 'test/helpers/basemap-archives.ts')))
    .digest('hex')
    .slice(0, 16);
  const base = join(ROOT, '.tmp', 'basemap');
  const dir = join(base, hash);
  const result = { dir, mbtiles: join(dir, 'ninh-binh-omt.mbtiles'), pmtiles: join(dir, 'ninh-binh-pm.pmtiles') };
  if (existsSync(result.pmtiles)) return result;

  // Built aside and renamed into place, so parallel test files never see half an archive.
  const work = join(base, `${hash}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(work, { recursive: true });
  try {
    writeFileSync(join(work, 'city.osm'), xml);
    execFileSync('osmium', ['cat', 'city.osm', '-o', 'city.osm.pbf', '--overwrite'], { cwd: work, stdio: 'pipe' });
    copyFileSync(config, join(work, 'config.json'));
    copyFileSync(lua, join(work, 'process.lua'));
    // Its config also names coastline and Natural Earth shapefiles; without them tilemaker warns and goes on.
    execFileSync(
      'tilemaker',
      [
        '--input',
        'city.osm.pbf',
        '--output',
        'ninh-binh-omt.mbtiles',
        '--config',
        'config.json',
        '--process',
        'process.lua',
        '--bbox',
        CITY_BBOX.join(','),
        '--threads',
        '1',
      ],
      { cwd: work, stdio: 'pipe' },
    );
    mbtilesToPmtiles(join(work, 'ninh-binh-omt.mbtiles'), join(work, 'ninh-binh-pm.pmtiles'));
    for (const f of ['city.osm', 'city.osm.pbf', 'config.json', 'process.lua']) rmSync(join(work, f));
    try {
      renameSync(work, dir);
    } catch (e) {
      if (!existsSync(result.pmtiles)) throw e; // another process finished first: use its copy
      rmSync(work, { recursive: true, force: true });
    }
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    const out = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`building the test basemaps failed: ${(e as Error).message}\n${out.slice(-2000)}`);
  }
  return result;
}

/** The same tiles as PMTiles: rows flipped from TMS to XYZ, metadata carried over. */
export function mbtilesToPmtiles(mbtiles: string, pmtiles: string, attribution = TEST_ATTRIBUTION): void {
  const db = new sqlite.Database(mbtiles, { readOnly: true });
  try {
    const meta = new Map(db.all('select name, value from metadata').map((r) => [String(r.name), String(r.value)]));
    const tiles: WriterTile[] = db
      .all('select zoom_level as z, tile_column as x, tile_row as y, tile_data as d from tiles')
      .map((r) => ({ z: Number(r.z), x: Number(r.x), y: 2 ** Number(r.z) - 1 - Number(r.y), data: r.d as Uint8Array }));
    const json = JSON.parse(meta.get('json') ?? '{}') as { vector_layers?: unknown };
    const bounds = (meta.get('bounds') ?? CITY_BBOX.join(',')).split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const [lon, lat] = (meta.get('center') ?? CITY_CENTRE.join(',')).split(',').map(Number) as [number, number];
    const gzip = tiles.every((t) => t.data[0] === 0x1f && t.data[1] === 0x8b);
    writePmtiles(pmtiles, tiles, {
      tileCompression: gzip ? Compression.Gzip : Compression.None,
      metadata: {
        name: meta.get('name') ?? 'test',
        description: meta.get('description') ?? '',
        version: meta.get('version') ?? '1',
        attribution,
        vector_layers: json.vector_layers ?? [],
      },
      bounds,
      center: [lon, lat, 13],
    });
  } finally {
    db.close();
  }
}

/** The XYZ tile holding a point. */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n),
  };
}

/** Every XYZ tile of zoom `z` over a bounding box. */
export function tilesOver(bbox: readonly number[], z: number): { z: number; x: number; y: number }[] {
  const a = tileAt(bbox[0]!, bbox[3]!, z);
  const b = tileAt(bbox[2]!, bbox[1]!, z);
  const out = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}
