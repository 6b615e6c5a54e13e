import { createReadStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate } from 'fflate';

/**
 * Zips files into a writable stream as they are read (fflate's streaming ZIP, already used by the
 * importer): memory stays at a read chunk plus the deflate window, and a slow client slows the
 * reading (the stream's backpressure is awaited) instead of the archive piling up in memory.
 */
export async function zipFiles(files: readonly { name: string; path: string }[], out: Writable): Promise<void> {
  let failed: Error | null = null;
  let blocked = false;
  const zip = new Zip((err, chunk, final) => {
    if (err) {
      failed = err;
      return;
    }
    if (!out.writable) return;
    if (!out.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))) blocked = true;
    if (final) out.end();
  });
  for (const f of files) {
    const entry = new ZipDeflate(f.name, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(f.path, { highWaterMark: 256 * 1024 })) {
      if (out.destroyed) throw new Error('download aborted by the client');
      entry.push(chunk as Buffer);
      if (failed) throw failed;
      if (blocked) {
        blocked = false;
        await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failed) throw failed;
}
