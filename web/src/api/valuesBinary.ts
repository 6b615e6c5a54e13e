/**
 * The values matrix in its binary form (`/api/values?format=bin`, layout in
 * server/values/codec.ts): decoded as typed-array views over the response's own buffer, no copy,
 * no per-cell object. The ids list of a boundary version (`/api/values/ids`, ETag = idsVersion) is
 * fetched once per level and date and sent back as `ids_version`, so later matrices carry values only.
 */
import type { ValuesBinHeader } from '../../../server/values/codec.ts';
import { ApiError } from './client.ts';
import type { MapLevel } from './types.ts';

const MAGIC = 0x31565441; // "ATV1" as a little-endian u32
const pad8 = (n: number) => (n + 7) & ~7;

export interface BinaryMatrix {
  header: ValuesBinHeader;
  ids: Int32Array;
  /** values[i * periods + j]; NaN = missing. */
  values: Float32Array | Float64Array;
  /** Cell indices i * periods + j re-expressed from another boundary version. */
  reexpressed: Uint32Array;
}

/**
 * Decodes a body of `encodeValues`. `ids` is the cached list for `header.idsVersion`, needed only
 * when the body holds none. Every section starts on an 8-byte boundary of the body, so the arrays
 * are views when the body starts the buffer (as `Response.arrayBuffer()` does), copies otherwise.
 */
export function decodeValuesBody(body: ArrayBuffer | Uint8Array, ids?: Int32Array): BinaryMatrix {
  const bytes = body instanceof Uint8Array ? body : new Uint8Array(body);
  const own = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  const { buffer, byteOffset: base, byteLength } = own;
  const view = new DataView(buffer, base, byteLength);
  if (byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a values body (magic)');
  const headerLen = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(own.subarray(8, 8 + headerLen))) as ValuesBinHeader;
  const { n } = header;
  const cells = n * header.periods.length;
  let off = 8 + headerLen;
  let rowIds: Int32Array;
  if (header.idsIncluded) {
    rowIds = new Int32Array(buffer, base + off, n);
    off += pad8(n * 4);
  } else {
    if (!ids || ids.length !== n) throw new Error(`ids list ${header.idsVersion} (${n} ids) is needed to decode`);
    rowIds = ids;
  }
  const values =
    header.dtype === 'f32' ? new Float32Array(buffer, base + off, cells) : new Float64Array(buffer, base + off, cells);
  off = pad8(off + values.byteLength);
  const reexpressed = new Uint32Array(buffer, base + off, header.reexpressed);
  return { header, ids: rowIds, values, reexpressed };
}

export interface BinaryValuesQuery {
  indicator: string;
  level: MapLevel;
  from: string;
  to: string;
  at: string;
}

async function fail(response: Response, url: string): Promise<never> {
  let message = `HTTP ${response.status}`;
  let field: string | undefined;
  try {
    const body = (await response.json()) as { message?: unknown; field?: unknown };
    if (typeof body.message === 'string') message = body.message;
    if (typeof body.field === 'string') field = body.field;
  } catch {
    // not a JSON error body: the status says enough
  }
  throw new ApiError(response.status, message, url, field);
}

async function getBytes(url: string): Promise<{ bytes: ArrayBuffer; etag: string | null }> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/octet-stream' }, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, `Không kết nối được máy chủ (${(err as Error).message})`, url);
  }
  if (!response.ok) return fail(response, url);
  return { bytes: await response.arrayBuffer(), etag: response.headers.get('etag') };
}

interface IdsList {
  version: string;
  ids: Int32Array;
}

/** Fetches values matrices in binary, holding one ids list per level and boundary date. */
export function createBinaryValuesFetcher() {
  const idsLists = new Map<string, Promise<IdsList>>();

  function idsFor(level: MapLevel, at: string): Promise<IdsList> {
    const key = `${level}|${at}`;
    let pending = idsLists.get(key);
    if (!pending) {
      const url = `/api/values/ids?${new URLSearchParams({ level, at })}`;
      pending = getBytes(url).then(({ bytes, etag }) => ({
        version: (etag ?? '').replace(/^W\//, '').replace(/"/g, ''),
        ids: new Int32Array(bytes),
      }));
      pending.catch(() => idsLists.delete(key));
      idsLists.set(key, pending);
    }
    return pending;
  }

  return async function fetchBinaryValues(query: BinaryValuesQuery): Promise<BinaryMatrix> {
    const list = await idsFor(query.level, query.at);
    const params = new URLSearchParams({ ...query, format: 'bin', ids_version: list.version });
    const url = `/api/values?${params}`;
    const { bytes } = await getBytes(url);
    const decoded = decodeValuesBody(bytes, list.ids);
    // The boundaries changed since the ids were fetched: the body carried the new list.
    if (decoded.header.idsIncluded) {
      idsLists.set(
        `${query.level}|${query.at}`,
        Promise.resolve({ version: decoded.header.idsVersion, ids: decoded.ids }),
      );
    }
    return decoded;
  };
}
