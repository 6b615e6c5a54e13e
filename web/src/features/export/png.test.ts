import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './pngEncode.ts';

/** Reads back an RGB PNG written by encodePng: chunks, CRCs, and the Sub-filtered rows. */
function decode(png: Uint8Array) {
  const buf = Buffer.from(png);
  expect([...buf.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.subarray(at + 4, at + 8).toString('latin1');
    const data = buf.subarray(at + 8, at + 8 + length);
    expect(buf.readUInt32BE(at + 8 + length), `CRC of ${type}`).toBe(crc32(buf.subarray(at + 4, at + 8 + length)));
    chunks.push({ type, data });
    at += 12 + length;
  }
  const types = chunks.map((c) => c.type);
  expect(types.filter((t) => t !== 'pHYs')).toEqual(['IHDR', 'IDAT', 'IEND']);
  const phys = chunks.find((c) => c.type === 'pHYs')?.data;
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect([...ihdr.subarray(8)]).toEqual([8, 2, 0, 0, 0]);
  const raw = inflateSync(chunks.find((c) => c.type === 'IDAT')!.data);
  const stride = width * 3 + 1;
  expect(raw.length).toBe(stride * height);
  const rgb: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * stride]).toBe(1);
    const prev = [0, 0, 0];
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const v = (raw[y * stride + 1 + x * 3 + c]! + prev[c]!) & 255;
        rgb.push(v);
        prev[c] = v;
      }
    }
  }
  return {
    width,
    height,
    rgb,
    /** Pixels per metre (x, y) and the unit (1 = metre), if the file says. */
    phys: phys && { x: phys.readUInt32BE(0), y: phys.readUInt32BE(4), unit: phys[8] },
  };
}

describe('encodePng', () => {
  it('writes the pixels back exactly (alpha dropped), with valid chunks', () => {
    const width = 7;
    const height = 5;
    const rgba = new Uint8ClampedArray(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set([(i * 37) % 256, (i * 91) % 256, 255 - i, 255], i * 4);
    const out = decode(encodePng(rgba, width, height));
    expect(out.width).toBe(width);
    expect(out.height).toBe(height);
    expect(out.rgb).toEqual([...rgba].filter((_, i) => i % 4 !== 3));
  });

  it('says its print resolution: 300 dpi is 11,811 pixels per metre, before the image data', () => {
    const rgba = new Uint8ClampedArray(4 * 4 * 4).fill(90);
    const png = encodePng(rgba, 4, 4, { dpi: 300 });
    // 300 / 0.0254 = 11,811.02 px/m; what Word and PowerPoint read back as 300 dpi.
    expect(decode(png).phys).toEqual({ x: 11811, y: 11811, unit: 1 });
    expect(decode(encodePng(rgba, 4, 4)).phys).toBeUndefined();
    // The PNG spec puts pHYs before the first IDAT.
    const text = Buffer.from(png).toString('latin1');
    expect(text.indexOf('pHYs')).toBeLessThan(text.indexOf('IDAT'));
  });

  it('tells its progress in order, up to done, and the file is the same as without listening', () => {
    // 2000×1000 RGB rows are 6 MB: more than one deflate slice.
    const rgba = new Uint8ClampedArray(2000 * 1000 * 4);
    for (let i = 0; i < rgba.length; i++) rgba[i] = (i * 2654435761) >>> 27;
    const seen: number[] = [];
    const png = encodePng(rgba, 2000, 1000, { onProgress: (d) => seen.push(d) });
    expect(seen.length).toBeGreaterThan(16);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(1);
    expect(Buffer.from(png).equals(Buffer.from(encodePng(rgba, 2000, 1000)))).toBe(true);
  });

  it('compresses flat colour to almost nothing', () => {
    const rgba = new Uint8ClampedArray(1000 * 1000 * 4).fill(200);
    expect(encodePng(rgba, 1000, 1000).length).toBeLessThan(20_000);
  });
});
