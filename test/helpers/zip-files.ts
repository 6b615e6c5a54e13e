/**
 * Hostile ZIP files for import tests, written byte by byte: a zip bomb (a Deflate stream of zeros
 * built directly from fixed-Huffman codes, so 600 MB costs a few MB and milliseconds to make) whose
 * directory may tell the truth or lie about its size.
 */
import { crc32 } from 'node:zlib';

/** Writes bits least-significant first, as Deflate packs them. */
class BitWriter {
  private bytes: number[] = [];
  private cur = 0;
  private n = 0;
  write(value: number, bits: number) {
    for (let i = 0; i < bits; i++) {
      this.cur |= ((value >> i) & 1) << this.n;
      if (++this.n === 8) {
        this.bytes.push(this.cur);
        this.cur = 0;
        this.n = 0;
      }
    }
  }
  /** Huffman codes are written most-significant bit first. */
  writeCode(code: number, bits: number) {
    for (let i = bits - 1; i >= 0; i--) this.write((code >> i) & 1, 1);
  }
  finish(): Buffer {
    if (this.n) this.bytes.push(this.cur);
    return Buffer.from(this.bytes);
  }
}

/** A raw Deflate stream that inflates to `size` zero bytes: one literal, then copies of 258 at distance 1. */
export function deflatedZeros(size: number): Buffer {
  const w = new BitWriter();
  w.write(1, 1); // final block
  w.write(1, 2); // fixed Huffman codes
  w.writeCode(0x30, 8); // literal 0
  let left = size - 1;
  const copy = (length: number) => {
    // Length 258 is symbol 285 (8-bit code 0xC5); shorter lengths of 3–10 are symbols 257–264 (7-bit codes 1–8).
    if (length === 258) w.writeCode(0xc5, 8);
    else w.writeCode(length - 2, 7);
    w.writeCode(0, 5); // distance code 0 = distance 1
  };
  while (left >= 258 + 3 || left === 258) {
    copy(258);
    left -= 258;
  }
  while (left > 10) {
    copy(10);
    left -= 10;
  }
  if (left >= 3) {
    copy(left);
    left = 0;
  }
  for (; left > 0; left--) w.writeCode(0x30, 8);
  w.writeCode(0, 7); // end of block (256)
  return w.finish();
}

/**
 * A one-entry ZIP of `size` zero bytes named `name`; `declared` is the size its headers claim
 * (the truth by default: a lying bomb declares less).
 */
export function zipOfZeros(name: string, size: number, declared = size): Buffer {
  const data = deflatedZeros(size);
  let crc = 0;
  const mb = Buffer.alloc(1 << 20);
  for (let done = 0; done < size; done += mb.length) crc = crc32(mb.subarray(0, Math.min(mb.length, size - done)), crc);
  const nameBytes = Buffer.from(name, 'utf8');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x800, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x800, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + nameBytes.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, nameBytes, data, central, nameBytes, end]);
}
