/**
 * Checks a ZIP upload from its central directory (at the end of the file) before anything is
 * inflated: that it is a ZIP at all, that no entry name could escape the extraction folder, that no
 * entry is encrypted or compressed in a way we cannot read, and that the sizes it declares fit the
 * limit — a zip bomb declaring 600 MB is refused here, from a few hundred bytes of directory. The
 * extraction still counts real bytes (a directory can lie); this is the cheap first gate.
 */
import { open } from 'node:fs/promises';

export interface ZipEntry {
  name: string;
  size: number;
  compressedSize: number;
  method: number;
  encrypted: boolean;
}

export type ZipProblemCode = 'not_zip' | 'empty' | 'unsafe_path' | 'too_large' | 'encrypted' | 'method';

export class ZipProblem extends Error {
  constructor(
    readonly code: ZipProblemCode,
    readonly params: Record<string, string | number>,
    message: string,
  ) {
    super(message);
    this.name = 'ZipProblem';
  }
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
/** A central directory larger than this is not an office's Shapefile or workbook. */
const MAX_DIRECTORY = 16 * 1024 * 1024;

const notZip = () =>
  new ZipProblem(
    'not_zip',
    {},
    'Tệp bắt đầu bằng "PK" nhưng không phải tệp ZIP hợp lệ (không có thư mục ZIP) / not a ZIP archive: it starts with "PK" but has no ZIP directory',
  );

/** Whether a file begins like a ZIP archive (a local file header, an empty archive's end record, or a spanned one). */
export function hasZipMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && [0x0304, 0x0506, 0x0708].includes((head[2]! << 8) | head[3]!);
}

/** An entry name as it may be shown in a message: printable, no control bytes, at most 120 characters. */
export function printableName(name: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\uFFFD]/gu, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}…` : clean;
}

/** A name that could write outside the folder it is extracted to: absolute, a drive, or a `..` step. */
export function isUnsafePath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return n.includes('\0') || n.startsWith('/') || /^[a-zA-Z]:/.test(n) || n.split('/').some((s) => s === '..');
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** The entries of the ZIP at `path`, from its central directory (ZIP64 included). */
export async function readZipDirectory(path: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - 22 - 65535);
    const tail = await readAt(handle, tailStart, size - tailStart);
    let at = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) <= tail.length) {
        at = i;
        break;
      }
    }
    if (at < 0) throw notZip();
    let count = tail.readUInt16LE(at + 10);
    let dirSize = tail.readUInt32LE(at + 12);
    let dirOffset = tail.readUInt32LE(at + 16);
    if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) {
      const loc = at - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw notZip();
      const rec = await readAt(handle, Number(tail.readBigUInt64LE(loc + 8)), 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw notZip();
      count = Number(rec.readBigUInt64LE(32));
      dirSize = Number(rec.readBigUInt64LE(40));
      dirOffset = Number(rec.readBigUInt64LE(48));
    }
    if (dirOffset + dirSize > size || dirSize > MAX_DIRECTORY) throw notZip();
    const dir = await readAt(handle, dirOffset, dirSize);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let n = 0; n < count; n++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw notZip();
      const flags = dir.readUInt16LE(p + 8);
      const nameLength = dir.readUInt16LE(p + 28);
      const extraLength = dir.readUInt16LE(p + 30);
      const commentLength = dir.readUInt16LE(p + 32);
      const nameBytes = dir.subarray(p + 46, p + 46 + nameLength);
      let size32 = dir.readUInt32LE(p + 24);
      let compressed32 = dir.readUInt32LE(p + 20);
      let entrySize = size32;
      let compressedSize = compressed32;
      // ZIP64 extra field: the sizes that did not fit in 32 bits, in this order.
      for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength;) {
        const id = dir.readUInt16LE(e);
        const len = dir.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size32 === 0xffffffff && q + 8 <= e + 4 + len) {
            entrySize = Number(dir.readBigUInt64LE(q));
            q += 8;
            size32 = 0;
          }
          if (compressed32 === 0xffffffff && q + 8 <= e + 4 + len) {
            compressedSize = Number(dir.readBigUInt64LE(q));
            compressed32 = 0;
          }
        }
        e += 4 + len;
      }
      entries.push({
        // Bit 11: the name is UTF-8; otherwise it is CP437, shown here as Latin-1 (names are for checks and messages).
        name: flags & 0x800 ? new TextDecoder().decode(nameBytes) : nameBytes.toString('latin1'),
        size: entrySize,
        compressedSize,
        method: dir.readUInt16LE(p + 10),
        encrypted: (flags & 1) === 1,
      });
      p += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/**
 * Refuses a ZIP whose directory shows an unsafe name, an encrypted or unreadable entry, or more
 * uncompressed bytes than `maxBytes` — before a byte is inflated.
 */
export function checkZipEntries(entries: ZipEntry[], maxBytes: number): void {
  if (entries.length === 0) throw new ZipProblem('empty', {}, 'Tệp ZIP rỗng / the ZIP archive is empty');
  let total = 0;
  for (const e of entries) {
    const name = printableName(e.name);
    if (isUnsafePath(e.name)) {
      throw new ZipProblem(
        'unsafe_path',
        { name },
        `Đường dẫn không an toàn trong tệp nén / unsafe path in archive: ${name}`,
      );
    }
    if (e.encrypted) {
      throw new ZipProblem('encrypted', { name }, `Tệp nén có mật khẩu / encrypted entry in the ZIP: ${name}`);
    }
    if (e.method !== 0 && e.method !== 8 && !e.name.endsWith('/')) {
      throw new ZipProblem(
        'method',
        { name, method: e.method },
        `Kiểu nén ${e.method} không hỗ trợ (chỉ Deflate) / unsupported compression method ${e.method} in ${name}`,
      );
    }
    total += e.size;
  }
  if (total > maxBytes) {
    throw new ZipProblem(
      'too_large',
      { declared: total, limit: maxBytes },
      `Tệp ZIP khai báo ${Math.ceil(total / 1048576)} MB khi giải nén, vượt giới hạn ${Math.floor(maxBytes / 1048576)} MB / ` +
        `the ZIP declares ${total} bytes uncompressed, more than the ${maxBytes}-byte limit: refused before inflating`,
    );
  }
}

/** Uncompressed bytes allowed for an upload of `size` bytes: 20 times its size, at least 64 MB. */
export function inflationLimit(size: number): number {
  return Math.max(size * 20, 64 * 1024 * 1024);
}
