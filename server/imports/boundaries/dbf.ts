/**
 * Reads a Shapefile's dBASE (.dbf) attributes with the text fields kept as bytes until the encoding
 * is settled: a land-office DBF may be UTF-8, Windows-1258, TCVN3 or VNI, with or without a .cpg,
 * so a sample of its text is decoded every way first (text-encoding.ts). Field names are read as
 * stored: at most 10 characters ("parent_cod"). Records are read in blocks straight from disk.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { decodeText, type Encoding } from '../files/text-encoding.ts';

export interface DbfField {
  /** The name as stored, decoded (≤ 10 characters). */
  name: string;
  rawName: Uint8Array;
  type: string;
  length: number;
  /** Offset of the field inside a record (after the deletion flag). */
  offset: number;
}

export class DbfError extends Error {}

const BLOCK = 1024 * 1024;

export class DbfFile {
  private constructor(
    private readonly handle: FileHandle,
    readonly fields: DbfField[],
    readonly records: number,
    private readonly headerLength: number,
    private readonly recordLength: number,
  ) {}

  static async open(path: string): Promise<DbfFile> {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(32);
      const { bytesRead } = await handle.read(head, 0, 32, 0);
      if (bytesRead < 32) throw new DbfError('the .dbf is shorter than its header');
      const records = head.readUInt32LE(4);
      const headerLength = head.readUInt16LE(8);
      const recordLength = head.readUInt16LE(10);
      if (headerLength < 33 || recordLength < 1) throw new DbfError('the .dbf header is damaged');
      const desc = Buffer.alloc(headerLength - 32);
      await handle.read(desc, 0, desc.length, 32);
      const fields: DbfField[] = [];
      let offset = 1;
      for (let p = 0; p + 32 <= desc.length && desc[p] !== 0x0d; p += 32) {
        const raw = desc.subarray(p, p + 11);
        const end = raw.indexOf(0);
        const rawName = Uint8Array.from(end < 0 ? raw : raw.subarray(0, end));
        const length = desc[p + 16]!;
        fields.push({ name: '', rawName, type: String.fromCharCode(desc[p + 11]!), length, offset });
        offset += length;
      }
      if (offset > recordLength) throw new DbfError('the .dbf fields are longer than its records');
      return new DbfFile(handle, fields, records, headerLength, recordLength);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** Raw records (deletion flag first), in order; a deleted record still matches its shape. */
  async *rawRecords(): AsyncGenerator<Buffer> {
    const perBlock = Math.max(1, Math.floor(BLOCK / this.recordLength));
    for (let first = 0; first < this.records; first += perBlock) {
      const n = Math.min(perBlock, this.records - first);
      const buf = Buffer.alloc(n * this.recordLength);
      const { bytesRead } = await this.handle.read(buf, 0, buf.length, this.headerLength + first * this.recordLength);
      for (let i = 0; i + this.recordLength <= bytesRead; i += this.recordLength) {
        if (buf[i] === 0x1a) return; // end-of-file marker
        yield buf.subarray(i, i + this.recordLength);
      }
      if (bytesRead < buf.length) return;
    }
  }

  /**
   * The text (C) field values of the first records, joined by newlines, for settling the encoding;
   * values that are plain ASCII are left out (they tell nothing). Stops at `maxBytes` of such text
   * or `maxScanned` bytes of records.
   */
  async textSample(maxBytes = 1024 * 1024, maxScanned = 64 * 1024 * 1024): Promise<Buffer> {
    const text = this.fields.filter((f) => f.type === 'C');
    const parts: Buffer[] = [];
    let size = 0;
    let scanned = 0;
    for await (const rec of this.rawRecords()) {
      // A large DBF of plain ASCII is not read twice end to end: its first 64 MB say enough.
      if ((scanned += rec.length) > maxScanned) break;
      for (const f of text) {
        const v = trimSpaces(rec.subarray(f.offset, f.offset + f.length));
        if (v.some((b) => b >= 0x80)) {
          parts.push(v, Buffer.from('\n'));
          size += v.length + 1;
        }
      }
      if (size >= maxBytes) break;
    }
    // Field names may carry letters beyond ASCII too.
    for (const f of this.fields)
      if (f.rawName.some((b) => b >= 0x80)) parts.push(Buffer.from(f.rawName), Buffer.from('\n'));
    return Buffer.concat(parts);
  }

  /** Names the fields in the settled encoding. */
  nameFields(encoding: Encoding): void {
    for (const f of this.fields) f.name = decodeText(f.rawName, encoding).trim();
  }

  /** One record's values: text decoded and composed, numbers as numbers, dates as YYYY-MM-DD. */
  values(record: Buffer, encoding: Encoding): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of this.fields) {
      const bytes = trimSpaces(record.subarray(f.offset, f.offset + f.length));
      out[f.name] = fieldValue(f.type, bytes, encoding);
    }
    return out;
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

function trimSpaces(b: Buffer): Buffer {
  let s = 0;
  let e = b.length;
  while (s < e && (b[s] === 0x20 || b[s] === 0)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0)) e--;
  return b.subarray(s, e);
}

function fieldValue(type: string, bytes: Buffer, encoding: Encoding): unknown {
  if (bytes.length === 0) return null;
  switch (type) {
    case 'N':
    case 'F': {
      const s = bytes.toString('latin1');
      const n = Number(s);
      // Overflow is written as asterisks; keep the text so the mapping can name the bad value.
      return s !== '' && Number.isFinite(n) ? n : s;
    }
    case 'L': {
      const c = bytes.toString('latin1').toUpperCase();
      return /^[TY]$/.test(c) ? true : /^[FN]$/.test(c) ? false : null;
    }
    case 'D': {
      const s = bytes.toString('latin1');
      return /^\d{8}$/.test(s) ? `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}` : s;
    }
    default:
      return decodeText(bytes, encoding);
  }
}
