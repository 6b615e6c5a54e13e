/**
 * PNG encoding of large sheets. Chromium's `canvas.toBlob('image/png')` took 34 s for the 17 MP of an
 * A3 300 dpi sheet on the test machine (its encoder compresses hard, on one thread); a map sheet is
 * mostly flat colour, so RGB rows with the "Sub" filter (a run of one colour becomes zeros) and
 * fflate's fastest deflate level give a file of similar size in a few seconds. Pure (no DOM), so it
 * runs in a worker (png.worker.ts) and reports its progress.
 */
import { Zlib } from 'fflate';

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * The pHYs chunk: pixels per metre, so Word, PowerPoint and print dialogs place a 300 dpi sheet at its
 * paper size (without it they assume 96 dpi: an A3 at 300 dpi lands 1.3 m wide).
 */
function physical(dpi: number): Uint8Array {
  const data = new Uint8Array(9);
  const view = new DataView(data.buffer);
  const perMetre = Math.round(dpi / 0.0254);
  view.setUint32(0, perMetre);
  view.setUint32(4, perMetre);
  data[8] = 1; // unit: metre
  return data;
}

export interface PngOptions {
  /** fflate's deflate level: 1 (fast, the default) is plenty for flat map colour. */
  level?: 0 | 1 | 6;
  /** The print resolution written into the file (pHYs). */
  dpi?: number;
  /** Called with the share done (0–1) a few dozen times. */
  onProgress?: (done: number) => void;
}

/** Deflates in slices of this many bytes, reporting progress after each. */
const SLICE = 1 << 22;

/** zlib-wrapped deflate of `raw`, in slices so progress can be told. */
function deflate(raw: Uint8Array, level: 0 | 1 | 6, progress: (share: number) => void): Uint8Array {
  const out: Uint8Array[] = [];
  const zlib = new Zlib({ level });
  zlib.ondata = (data) => out.push(data);
  for (let at = 0; at < raw.length; at += SLICE) {
    const end = Math.min(raw.length, at + SLICE);
    zlib.push(raw.subarray(at, end), end === raw.length);
    progress(end / raw.length);
  }
  if (raw.length === 0) zlib.push(raw, true);
  return concat(out);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An opaque RGB PNG of `rgba` pixels (alpha dropped), `width`×`height`. */
export function encodePng(
  rgba: Uint8ClampedArray | Uint8Array,
  width: number,
  height: number,
  { level = 1, dpi, onProgress }: PngOptions = {},
) {
  const stride = width * 3 + 1;
  const raw = new Uint8Array(stride * height);
  const every = Math.max(1, Math.ceil(height / 16));
  for (let y = 0; y < height; y++) {
    if (onProgress && y % every === 0) onProgress((y / height) * 0.4);
    const row = y * stride;
    const src = y * width * 4;
    raw[row] = 1; // Sub: each byte minus the same byte of the pixel to its left
    let pr = 0;
    let pg = 0;
    let pb = 0;
    for (let x = 0, o = row + 1, i = src; x < width; x++, o += 3, i += 4) {
      const r = rgba[i]!;
      const g = rgba[i + 1]!;
      const b = rgba[i + 2]!;
      raw[o] = (r - pr) & 255;
      raw[o + 1] = (g - pg) & 255;
      raw[o + 2] = (b - pb) & 255;
      pr = r;
      pg = g;
      pb = b;
    }
  }
  const header = new Uint8Array(13);
  const hv = new DataView(header.buffer);
  hv.setUint32(0, width);
  hv.setUint32(4, height);
  header[8] = 8; // bits per channel
  header[9] = 2; // truecolour
  const parts = [
    new Uint8Array(SIGNATURE),
    chunk('IHDR', header),
    ...(dpi ? [chunk('pHYs', physical(dpi))] : []),
    chunk(
      'IDAT',
      deflate(raw, level, (share) => onProgress?.(0.4 + share * 0.6)),
    ),
    chunk('IEND', new Uint8Array(0)),
  ];
  return concat(parts);
}
