/**
 * The geometry half of a Shapefile (.shp and its .shx index), polygons only, written record by
 * record to files; the headers (file length, extent) are written when the files are closed. Rings
 * follow the ESRI rule — outer rings clockwise, holes counter-clockwise — whatever order the source
 * had, and a MultiPolygon becomes one Polygon record with all its rings as parts.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { MultiPolygon, Polygon, Position } from 'geojson';

const POLYGON = 5;
const HEADER = 100;
/** The format counts in 16-bit words in signed 32-bit fields: files stop at 2 GB. */
export const SHP_MAX_BYTES = 2 ** 31 - 1;

/** Twice the signed area of a ring (shoelace): positive when counter-clockwise in x/y. */
export function signedArea2(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  return a;
}

/** The rings of a (Multi)Polygon as a Shapefile wants them: outer clockwise, holes counter-clockwise. */
export function shapefileRings(g: Polygon | MultiPolygon): Position[][] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[][] = [];
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      const ccw = signedArea2(ring) > 0;
      const wantCcw = i > 0;
      out.push(ccw === wantCcw ? ring : [...ring].reverse());
    });
  }
  return out;
}

/** The content of one Polygon record (shape type, box, parts, points), little-endian. */
export function polygonRecord(rings: readonly Position[][]): {
  content: Buffer;
  box: [number, number, number, number];
} {
  const points = rings.reduce((s, r) => s + r.length, 0);
  const content = Buffer.alloc(44 + 4 * rings.length + 16 * points);
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  content.writeInt32LE(POLYGON, 0);
  content.writeInt32LE(rings.length, 36);
  content.writeInt32LE(points, 40);
  let p = 0;
  let at = 44 + 4 * rings.length;
  rings.forEach((ring, i) => {
    content.writeInt32LE(p, 44 + 4 * i);
    for (const [x, y] of ring) {
      content.writeDoubleLE(x!, at);
      content.writeDoubleLE(y!, at + 8);
      at += 16;
      if (x! < xmin) xmin = x!;
      if (x! > xmax) xmax = x!;
      if (y! < ymin) ymin = y!;
      if (y! > ymax) ymax = y!;
    }
    p += ring.length;
  });
  content.writeDoubleLE(xmin, 4);
  content.writeDoubleLE(ymin, 12);
  content.writeDoubleLE(xmax, 20);
  content.writeDoubleLE(ymax, 28);
  return { content, box: [xmin, ymin, xmax, ymax] };
}

const NULL_SHAPE = Buffer.from([0, 0, 0, 0]);

export class ShpWriter {
  private shpAt = HEADER;
  private shxAt = HEADER;
  private records = 0;
  private box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];

  private constructor(
    private readonly shp: FileHandle,
    private readonly shx: FileHandle,
  ) {}

  static async create(shpPath: string, shxPath: string): Promise<ShpWriter> {
    const shp = await open(shpPath, 'w');
    const shx = await open(shxPath, 'w').catch(async (e) => {
      await shp.close();
      throw e;
    });
    return new ShpWriter(shp, shx);
  }

  /** Appends records: GeoJSON (Multi)Polygons, or null for a unit without geometry (a Null shape). */
  async write(geometries: readonly (Polygon | MultiPolygon | null)[]): Promise<void> {
    const shpParts: Buffer[] = [];
    const index = Buffer.alloc(8 * geometries.length);
    let offset = this.shpAt;
    geometries.forEach((g, i) => {
      let content: Buffer = NULL_SHAPE;
      if (g) {
        const rec = polygonRecord(shapefileRings(g));
        content = rec.content;
        const [x1, y1, x2, y2] = rec.box;
        this.box = [
          Math.min(this.box[0], x1),
          Math.min(this.box[1], y1),
          Math.max(this.box[2], x2),
          Math.max(this.box[3], y2),
        ];
      }
      const head = Buffer.alloc(8);
      head.writeInt32BE(++this.records, 0);
      head.writeInt32BE(content.length / 2, 4);
      shpParts.push(head, content);
      index.writeInt32BE(offset / 2, 8 * i);
      index.writeInt32BE(content.length / 2, 8 * i + 4);
      offset += 8 + content.length;
    });
    if (offset > SHP_MAX_BYTES) throw new Error('Shapefile would exceed 2 GB: choose GeoPackage for this much data');
    const body = Buffer.concat(shpParts);
    await this.shp.write(body, 0, body.length, this.shpAt);
    await this.shx.write(index, 0, index.length, this.shxAt);
    this.shpAt = offset;
    this.shxAt += index.length;
  }

  async close(): Promise<void> {
    try {
      await this.shp.write(this.header(this.shpAt), 0, HEADER, 0);
      await this.shx.write(this.header(this.shxAt), 0, HEADER, 0);
    } finally {
      await this.shp.close();
      await this.shx.close();
    }
  }

  private header(length: number): Buffer {
    const h = Buffer.alloc(HEADER);
    h.writeInt32BE(9994, 0);
    h.writeInt32BE(length / 2, 24);
    h.writeInt32LE(1000, 28);
    h.writeInt32LE(POLYGON, 32);
    const empty = this.records === 0 || !Number.isFinite(this.box[0]);
    const [x1, y1, x2, y2] = empty ? [0, 0, 0, 0] : this.box;
    h.writeDoubleLE(x1, 36);
    h.writeDoubleLE(y1, 44);
    h.writeDoubleLE(x2, 52);
    h.writeDoubleLE(y2, 60);
    return h;
  }
}
