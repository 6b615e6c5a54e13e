/**
 * The values matrix in its binary form (`/api/values?format=bin`, layout in
 * geo/values-codec.ts): decoded as typed-array views over the response's own buffer, no copy,
 * no per-cell object. The ids list of a boundary version (`/api/values/ids`, ETag = idsVersion) is
 * fetched once per level and date and sent back as `ids_version`, so later matrices carry values only.
 */
import { decodeValues, type DecodedValues } from '../../../../geo/values-codec.ts';
import { ensureOk, send } from './http.ts';

import type { MapLevel } from './types.ts';

/** A decoded matrix: typed-array views over the response's own buffer. */
export type BinaryMatrix = DecodedValues;

export interface BinaryValuesQuery {
  indicator: string;
  level: MapLevel;
  from: string;
  to: string;
  at: string;
}

async function getBytes(url: string): Promise<{ bytes: ArrayBuffer; etag: string | null }> {
  const response = await ensureOk(await send(url, { headers: { Accept: 'application/octet-stream' } }), url);
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
    const decoded = decodeValues(bytes, list.ids);
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
