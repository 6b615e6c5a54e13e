import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, badRequest } from '../errors.ts';

/** Streams the request body to a temporary file, refusing more than `limit` bytes with a 413. */
export async function saveBody(body: Readable, limit: number): Promise<{ path: string; dispose(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-upload-'));
  const path = join(dir, 'upload');
  const dispose = () => rmSync(dir, { recursive: true, force: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) {
        done(
          new AppError(
            413,
            'import.too_large',
            `Tệp vượt giới hạn ${Math.round(limit / 1024 / 1024)} MB / the file is larger than IMPORT_MAX_BYTES (${limit} bytes)`,
            { field: 'file', params: { max_bytes: limit } },
          ),
        );
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(path));
  } catch (e) {
    dispose();
    // Multipart's own size limit: the route answers it with its 413.
    if (e instanceof AppError || (e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw e;
    throw badRequest(
      'import.upload_broken',
      `Tải tệp lên bị gián đoạn / the upload broke off: ${(e as Error).message}`,
      {
        field: 'file',
      },
    );
  }
  return { path, dispose };
}
