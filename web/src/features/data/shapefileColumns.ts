/**
 * The attribute names of a zipped Shapefile, read in the browser without unzipping it: the ZIP's
 * central directory (at its end) says where the `.dbf` lies; only the start of that entry is
 * inflated (the browser's own `DecompressionStream`), enough for the dBASE header and its field
 * descriptors. A 200 MB upload is never read whole.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Entries of a ZIP from its tail (the last ≤ 64 KiB + 22 bytes); `tailStart` is the tail's offset in the file. */
export function zipEntries(tail: Uint8Array, tailStart: number): ZipEntry[] {
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true) - tailStart;
  if (p < 0) return []; // a central directory larger than the tail read: give up, names are typed
  const decoder = new TextDecoder();
  const out: ZipEntry[] = [];
  for (let n = 0; n < count && p + 46 <= tail.length; n++) {
    if (view.getUint32(p, true) !== CENTRAL) break;
    const nameLength = view.getUint16(p + 28, true);
    const extra = view.getUint16(p + 30, true);
    const comment = view.getUint16(p + 32, true);
    out.push({
      name: decoder.decode(tail.subarray(p + 46, p + 46 + nameLength)),
      method: view.getUint16(p + 10, true),
      compressedSize: view.getUint32(p + 20, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    });
    p += 46 + nameLength + extra + comment;
  }
  return out;
}

/** Field names of a dBASE (.dbf) file from its first bytes; null until enough bytes are given. */
export function dbfFieldNames(head: Uint8Array): string[] | null {
  if (head.length < 32) return null;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const headerLength = view.getUint16(8, true);
  if (head.length < Math.min(headerLength, 32 + 32 * 255)) return null;
  const decoder = new TextDecoder();
  const names: string[] = [];
  for (let p = 32; p + 32 <= head.length && head[p] !== 0x0d; p += 32) {
    const raw = head.subarray(p, p + 11);
    const end = raw.indexOf(0);
    names.push(decoder.decode(end < 0 ? raw : raw.subarray(0, end)).trim());
  }
  return names.filter(Boolean);
}

async function readUpTo(stream: ReadableStream<Uint8Array>, enough: (b: Uint8Array) => boolean): Promise<Uint8Array> {
  const reader = stream.getReader();
  let bytes = new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const next = new Uint8Array(bytes.length + value.length);
      next.set(bytes);
      next.set(value, bytes.length);
      bytes = next;
      if (enough(bytes)) break;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return bytes;
}

/** The `.dbf` attribute names of a zipped Shapefile, or [] when they cannot be read. */
export async function shapefileColumns(file: Blob): Promise<string[]> {
  try {
    const tailStart = Math.max(0, file.size - 65_536 - 22);
    const tail = new Uint8Array(await file.slice(tailStart).arrayBuffer());
    const dbf = zipEntries(tail, tailStart).filter((e) => /\.dbf$/i.test(e.name));
    if (dbf.length !== 1) return [];
    const entry = dbf[0]!;
    const local = new DataView(
      await file.slice(entry.localHeaderOffset, entry.localHeaderOffset + 30).arrayBuffer(),
    );
    if (local.getUint32(0, true) !== LOCAL) return [];
    const start = entry.localHeaderOffset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
    const data = file.slice(start, start + entry.compressedSize).stream();
    const plain =
      entry.method === 0
        ? data
        : entry.method === 8
          ? data.pipeThrough(new DecompressionStream('deflate-raw'))
          : null;
    if (!plain) return [];
    const head = await readUpTo(plain, (b) => dbfFieldNames(b) !== null);
    return dbfFieldNames(head) ?? [];
  } catch {
    return [];
  }
}
