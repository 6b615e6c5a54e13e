import type { TileLayer } from './mvt.ts';

/** The zooms the TileJSON offers, as the web map's vector source asks (clients overzoom past 14). */
export const TILEJSON_MINZOOM = 6;
export const TILEJSON_MAXZOOM = 14;

const NAMES: Record<TileLayer, { vi: string; en: string }> = {
  ward: { vi: 'Phường, xã', en: 'wards and communes' },
  group: { vi: 'Tổ dân phố, thôn', en: 'residential groups and hamlets' },
  hotspot: { vi: 'Địa bàn phức tạp', en: 'hotspots' },
};

/** Attributes each layer's features carry (server/tiles/mvt.ts `tileProperties`, ST_AsMVT the same). */
const FIELDS: Record<TileLayer, Record<string, string>> = {
  ward: { id: 'Number', code: 'String', name: 'String' },
  group: { id: 'Number', code: 'String', name: 'String', parent_code: 'String' },
  hotspot: {
    id: 'Number',
    code: 'String',
    name: 'String',
    parent_code: 'String',
    status: 'String: identified, transforming, transformed, relapsed',
    categories: 'String: drugs, gambling, urban_order, sanitation (comma-separated)',
  },
};

/**
 * TileJSON 3.0.0 for one of the portal's vector tile layers, with absolute same-origin tile URLs
 * (QGIS and MapLibre add the layer by this one URL; the tiles need the same sign-in). `at` is kept
 * in the tile URL so a client draws the boundary version it asked for.
 */
export function layerTileJson(
  layer: TileLayer,
  origin: string,
  at: string | undefined,
  bounds: [number, number, number, number] | null,
  demo: boolean,
) {
  const query = at ? `?at=${at}` : '';
  const b = bounds ?? [102.1, 8.5, 109.5, 23.4];
  const name = NAMES[layer];
  return {
    tilejson: '3.0.0' as const,
    name: `ANTT Atlas: ${name.vi}`,
    description:
      `${name.vi} / ${name.en}${at ? ` (${at})` : ''}; source layer "${layer}", feature id = unit id as in /api/values` +
      (demo ? ' — DỮ LIỆU MẪU / DEMO DATA' : ''),
    attribution: demo ? 'ANTT Atlas — dữ liệu mẫu tổng hợp / synthetic demo data' : 'ANTT Atlas',
    scheme: 'xyz' as const,
    tiles: [`${origin}/tiles/${layer}/{z}/{x}/{y}.mvt${query}`],
    minzoom: TILEJSON_MINZOOM,
    maxzoom: TILEJSON_MAXZOOM,
    bounds: b,
    center: [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, Math.max(TILEJSON_MINZOOM, 12)],
    vector_layers: [
      { id: layer, fields: FIELDS[layer], minzoom: TILEJSON_MINZOOM, maxzoom: TILEJSON_MAXZOOM, description: name.en },
    ],
  };
}
