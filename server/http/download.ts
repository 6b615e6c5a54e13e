import type { FastifyReply } from 'fastify';

/** A file to download: its name (ASCII, see each feature's file-name rule), media type and bytes. */
export interface DownloadFile {
  fileName: string;
  type: string;
  body: Buffer;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a file built on the server as an attachment. Never stored by a cache, the browser's
 * included: a download of police data is recorded (as an export) each time it is made.
 */
export function sendDownload(reply: FastifyReply, file: DownloadFile): FastifyReply {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .type(file.type)
    .send(file.body);
}
