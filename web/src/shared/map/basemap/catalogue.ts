/**
 * The server's basemap archives (`GET /tiles/basemap`, same origin) and the TileJSON of the one the
 * maps use. The list is asked once per session (again after a failure: the server may have been
 * restarting); a TileJSON once per archive. A failure never breaks a map: it stays without basemap.
 */
import type { BasemapArchive, BasemapList } from '../../../../../server/basemap/basemap.schemas.ts';
import { getJson } from '../../api/http.ts';
import type { BasemapTileJson } from './index.ts';

export type { BasemapArchive };

export interface LoadedBasemap {
  archive: BasemapArchive;
  tileJson: BasemapTileJson;
}

/**
 * The archive to draw: the one asked for by id if the server has it; else the one with the deepest
 * zoom (the best street map), then the largest area; ties keep the list's order (the server's, by
 * file name), so every map of the session picks the same.
 */
export function pickArchive(archives: readonly BasemapArchive[], wanted: string | null = null): BasemapArchive | null {
  const asked = wanted === null ? undefined : archives.find((a) => a.id === wanted);
  if (asked) return asked;
  const area = (a: BasemapArchive) => Math.max(0, (a.bounds[2]! - a.bounds[0]!) * (a.bounds[3]! - a.bounds[1]!));
  let best: BasemapArchive | null = null;
  for (const a of archives) {
    if (!best || a.maxzoom > best.maxzoom || (a.maxzoom === best.maxzoom && area(a) > area(best))) best = a;
  }
  return best;
}

let list: Promise<BasemapArchive[]> | null = null;
const tileJsons = new Map<string, Promise<BasemapTileJson>>();

export function fetchBasemapList(): Promise<BasemapArchive[]> {
  list ??= getJson<BasemapList>('/tiles/basemap').then(
    (answer) => answer.archives,
    (err: unknown) => {
      list = null;
      throw err;
    },
  );
  return list;
}

export function fetchTileJson(archive: BasemapArchive): Promise<BasemapTileJson> {
  let tj = tileJsons.get(archive.id);
  if (!tj) {
    tj = getJson<BasemapTileJson>(archive.tilejson);
    tj.catch(() => tileJsons.delete(archive.id));
    tileJsons.set(archive.id, tj);
  }
  return tj;
}
