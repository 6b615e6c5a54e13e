import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../server/db/schema.ts';
import type { Client } from './auth.ts';

/** A multipart/form-data body with text fields and one file, built by hand (byte-exact). */
export function multipart(
  fields: Record<string, string>,
  file: { field?: string; filename: string; content: Buffer | string; type?: string } | null,
): { payload: Buffer; contentType: string } {
  const boundary = `----atlas${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file to an import route as the signed-in client (session cookie + CSRF header). */
export function upload(
  app: FastifyInstance,
  client: Client,
  url: string,
  file: { filename: string; content: Buffer | string },
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart(fields, file);
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': contentType },
    payload,
  });
}

/** Sends a boundary file as the raw request body (as `curl --data-binary` does) to the boundary import. */
export function postBoundaryFile(
  app: FastifyInstance,
  client: Client,
  query: string,
  body: Buffer | string,
  type = 'application/octet-stream',
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/api/imports/boundaries?${query}`,
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': type },
    payload: body,
  });
}

/**
 * A checksum of every observation (and counts of the other written tables), to prove nothing changed.
 * Audit rows count when they record a write: sign-ins, refusals and exports are not writes.
 */
export async function dataChecksum(db: Kysely<DB>): Promise<{ observations: string; audit: number; hotspots: string }> {
  const { rows } = await sql<{ o: string; a: number; h: string }>`
    select
      (select md5(coalesce(string_agg(indicator_key || ':' || unit_id || ':' || period || ':' || value || ':' || demo
                                      || ':' || coalesce(entered_by, 0), ',' order by indicator_key, unit_id, period), ''))
       from observation) as o,
      (select count(*)::int from audit_log
        where action not like 'security.%' and action not like 'export.%' and action not like 'auth.%') as a,
      (select md5(coalesce(string_agg(h.id || ':' || h.unit_id || ':' || array_to_string(h.categories, '|') || ':'
                                      || coalesce(h.target_date::text, '') || ':' || h.note, ',' order by h.id), '')
                  || (select count(*) from hotspot_status)::text)
       from hotspot h) as h
  `.execute(db);
  const r = rows[0]!;
  return { observations: r.o, audit: Number(r.a), hotspots: r.h };
}
