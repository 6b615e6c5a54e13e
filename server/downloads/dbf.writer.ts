/**
 * A dBase III table (the .dbf of a Shapefile) written record by record to a file: text as UTF-8
 * (the .cpg says so; language driver byte 0), numbers as N, dates as D. The record count in the
 * header is written when the file is closed, so rows stream through without being held.
 */
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';

export interface DbfField {
  /** At most 10 ASCII characters. */
  name: string;
  type: 'C' | 'N' | 'D';
  /** Bytes (C ≤ 254, N ≤ 24, D = 8). */
  width: number;
  decimals: number;
}

export type DbfValue = string | number | null;

const encoder = new TextEncoder();

/** UTF-8 bytes of `text` cut to at most `max` bytes without splitting a character. */
export function utf8Prefix(text: string, max: number): Uint8Array {
  const bytes = encoder.encode(text.normalize('NFC'));
  if (bytes.length <= max) return bytes;
  let end = max;
  // Continuation bytes are 10xxxxxx: step back to the start of the character that would be cut.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** A number as an N field writes it: right-aligned, or blank (null) when it does not fit. */
export function dbfNumber(value: number | null, width: number, decimals: number): string {
  if (value === null || !Number.isFinite(value)) return ' '.repeat(width);
  let s = decimals === 0 ? String(Math.round(value)) : value.toFixed(decimals);
  if (s.length > width && decimals > 0) s = Number(value.toPrecision(Math.max(1, width - 7))).toString();
  return s.length > width ? ' '.repeat(width) : s.padStart(width, ' ');
}

export class DbfWriter {
  private records = 0;
  private position: number;
  private readonly recordLength: number;

  private constructor(
    private readonly file: FileHandle,
    private readonly fields: readonly DbfField[],
  ) {
    this.recordLength = 1 + fields.reduce((s, f) => s + f.width, 0);
    this.position = 32 + 32 * fields.length + 1;
  }

  static async create(path: string, fields: readonly DbfField[]): Promise<DbfWriter> {
    for (const f of fields) {
      if (!/^[A-Za-z0-9_]{1,10}$/.test(f.name))
        throw new Error(`DBF field name "${f.name}" is not 1–10 ASCII characters`);
    }
    const w = new DbfWriter(await open(path, 'w'), fields);
    await w.writeHeader();
    return w;
  }

  /** Appends records (values in field order). */
  async write(rows: readonly (readonly DbfValue[])[]): Promise<void> {
    if (!rows.length) return;
    const buf = Buffer.alloc(this.recordLength * rows.length, 0x20);
    rows.forEach((row, r) => {
      let at = r * this.recordLength + 1; // byte 0: ' ' = not deleted
      this.fields.forEach((f, i) => {
        const v = row[i] ?? null;
        if (f.type === 'C') {
          if (v !== null) buf.set(utf8Prefix(String(v), f.width), at);
        } else if (f.type === 'N') {
          buf.write(
            dbfNumber(typeof v === 'number' ? v : v === null ? null : Number(v), f.width, f.decimals),
            at,
            'latin1',
          );
        } else if (v !== null) {
          buf.write(String(v).replace(/-/g, '').slice(0, 8), at, 'latin1');
        }
        at += f.width;
      });
    });
    await this.file.write(buf, 0, buf.length, this.position);
    this.position += buf.length;
    this.records += rows.length;
  }

  async close(): Promise<void> {
    try {
      await this.file.write(Buffer.from([0x1a]), 0, 1, this.position);
      await this.writeHeader();
    } finally {
      await this.file.close();
    }
  }

  private async writeHeader(): Promise<void> {
    const n = this.fields.length;
    const h = Buffer.alloc(32 + 32 * n + 1);
    const now = new Date();
    h[0] = 0x03;
    h[1] = now.getUTCFullYear() - 1900;
    h[2] = now.getUTCMonth() + 1;
    h[3] = now.getUTCDate();
    h.writeUInt32LE(this.records, 4);
    h.writeUInt16LE(32 + 32 * n + 1, 8);
    h.writeUInt16LE(this.recordLength, 10);
    h[29] = 0x00; // language driver: none — the .cpg names UTF-8
    this.fields.forEach((f, i) => {
      const o = 32 + 32 * i;
      h.write(f.name, o, 'ascii');
      h.write(f.type, o + 11, 'ascii');
      h[o + 16] = f.width;
      h[o + 17] = f.decimals;
    });
    h[32 + 32 * n] = 0x0d;
    await this.file.write(h, 0, h.length, 0);
  }
}
