/**
 * GeoPackage geometry blobs → GeoJSON geometry: the GeoPackage binary header ("GP", version,
 * flags, SRS id, optional envelope) followed by ISO WKB, 2D, Z, M or ZM (Z and M are dropped: the
 * portal stores 2D outlines). Curved types (CurvePolygon, MultiSurface…) are named, not guessed.
 */

export class WkbError extends Error {}

const TYPE_NAMES: Record<number, string> = {
  1: 'Point',
  2: 'LineString',
  3: 'Polygon',
  4: 'MultiPoint',
  5: 'MultiLineString',
  6: 'MultiPolygon',
  7: 'GeometryCollection',
  8: 'CircularString',
  9: 'CompoundCurve',
  10: 'CurvePolygon',
  11: 'MultiCurve',
  12: 'MultiSurface',
  13: 'Curve',
  14: 'Surface',
  15: 'PolyhedralSurface',
  16: 'TIN',
  17: 'Triangle',
};

/** Bytes of the envelope by its indicator (flags bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

export interface GpkgGeometry {
  srsId: number;
  /** null for an empty geometry. */
  geometry: GeoJSON.Geometry | null;
}

export function parseGpkgGeometry(blob: Uint8Array): GpkgGeometry {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    throw new WkbError('not a GeoPackage geometry (no "GP" header)');
  }
  const flags = blob[3]!;
  const little = (flags & 1) === 1;
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 7];
  if (envelope === undefined) throw new WkbError('bad envelope indicator in the GeoPackage header');
  const srsId = view.getInt32(4, little);
  if (flags & 0x10) return { srsId, geometry: null };
  if (flags & 0x20) throw new WkbError('extended GeoPackage geometry is not supported');
  const reader = new WkbReader(view, 8 + envelope);
  return { srsId, geometry: reader.geometry() };
}

class WkbReader {
  constructor(
    private readonly view: DataView,
    private at: number,
  ) {}
  private little = true;
  private dims = 2;

  private u8(): number {
    return this.view.getUint8(this.at++);
  }
  private u32(): number {
    const v = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return v;
  }
  private position(): number[] {
    const x = this.view.getFloat64(this.at, this.little);
    const y = this.view.getFloat64(this.at + 8, this.little);
    this.at += 8 * this.dims;
    return [x, y];
  }
  private positions(): number[][] {
    const n = this.u32();
    if (n * 8 * this.dims > this.view.byteLength - this.at) throw new WkbError('truncated WKB');
    return Array.from({ length: n }, () => this.position());
  }
  private rings(): number[][][] {
    return Array.from({ length: this.u32() }, () => this.positions());
  }

  geometry(): GeoJSON.Geometry {
    if (this.at + 5 > this.view.byteLength) throw new WkbError('truncated WKB');
    this.little = this.u8() === 1;
    const code = this.u32();
    // ISO WKB: +1000 Z, +2000 M, +3000 ZM; EWKB-style high bits for the same.
    const base = code & 0xffff;
    const type = base % 1000;
    const iso = Math.floor(base / 1000);
    const z = iso === 1 || iso === 3 || (code & 0x80000000) !== 0;
    const m = iso === 2 || iso === 3 || (code & 0x40000000) !== 0;
    this.dims = 2 + (z ? 1 : 0) + (m ? 1 : 0);
    const children = <T extends GeoJSON.Geometry>(want: string): T[] =>
      Array.from({ length: this.u32() }, () => {
        const g = this.geometry();
        if (g.type !== want) throw new WkbError(`a ${want} collection holds a ${g.type}`);
        return g as T;
      });
    switch (type) {
      case 1:
        return { type: 'Point', coordinates: this.position() };
      case 2:
        return { type: 'LineString', coordinates: this.positions() };
      case 3:
        return { type: 'Polygon', coordinates: this.rings() };
      case 4:
        return { type: 'MultiPoint', coordinates: children<GeoJSON.Point>('Point').map((p) => p.coordinates) };
      case 5:
        return {
          type: 'MultiLineString',
          coordinates: children<GeoJSON.LineString>('LineString').map((l) => l.coordinates),
        };
      case 6:
        return { type: 'MultiPolygon', coordinates: children<GeoJSON.Polygon>('Polygon').map((p) => p.coordinates) };
      case 7:
        return { type: 'GeometryCollection', geometries: Array.from({ length: this.u32() }, () => this.geometry()) };
      default:
        throw new WkbError(
          `Loại hình học ${TYPE_NAMES[type] ?? `WKB ${code}`} chưa hỗ trợ, hãy lưu thành (Multi)Polygon / unsupported geometry type ${TYPE_NAMES[type] ?? `WKB ${code}`}: save it as (Multi)Polygon`,
        );
    }
  }
}
