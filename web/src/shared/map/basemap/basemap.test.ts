import {
  createExpression,
  featureFilter,
  latest,
  validateStyleMin,
  type LayerSpecification,
  type StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec';
import { layers as protomapsLibraryLayers, LIGHT } from '@protomaps/basemaps';
import { describe, expect, it } from 'vitest';
import {
  allBasemapLayers,
  basemapAddLayerCalls,
  basemapLayerIds,
  basemapLayers,
  basemapSource,
  BASEMAP_SOURCE,
  opacityUpdates,
  territoryLayer,
  territorySource,
  TERRITORY_LAYER,
  TERRITORY_SOURCE,
  withBasemap,
  type BasemapFlavour,
  type BasemapSchema,
} from './index.ts';
import { scaleNumber, toExpressionFilter } from './expressions.ts';
import { PROTOMAPS_LABELS, PROTOMAPS_ROADS, PROTOMAPS_UNDER } from './protomaps.ts';
import { ROAD_OPACITY } from './types.ts';

const FONTS = { regular: 'Noto Sans Regular', semibold: 'Noto Sans SemiBold' };
const SCHEMAS: BasemapSchema[] = ['protomaps', 'openmaptiles'];
const FLAVOURS: BasemapFlavour[] = ['light', 'grey'];
const TILEJSON = {
  tiles: ['/tiles/basemap/ninh-binh/{z}/{x}/{y}.mvt?v=0123abcd'],
  minzoom: 0,
  maxzoom: 14,
  bounds: [105.94, 20.22, 106.01, 20.28],
  attribution: '© OpenStreetMap contributors',
  schema: 'openmaptiles' as const,
};

/** A stand-in for the atlas style: background, the unit layers and the anchors the basemap needs. */
function atlasStyle(): StyleSpecification {
  return {
    version: 8,
    'font-faces': {
      [FONTS.regular]: [{ url: '/assets/noto-sans-400.woff2', 'unicode-range': ['U+0000-00FF'] }],
      [FONTS.semibold]: [{ url: '/assets/noto-sans-600.woff2', 'unicode-range': ['U+0000-00FF'] }],
    },
    sources: {
      units: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
      [TERRITORY_SOURCE]: territorySource(),
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eceae4' } },
      { id: 'units-fill', type: 'fill', source: 'units' },
      { id: 'units-outline', type: 'line', source: 'units' },
      { id: 'drill-outline', type: 'line', source: 'units' },
      { id: 'hotspots-icons', type: 'symbol', source: 'units' },
      { id: 'unit-labels', type: 'symbol', source: 'units' },
      territoryLayer({ lang: 'vi', font: FONTS.semibold }),
    ],
  } as StyleSpecification;
}
const ANCHORS = { under: 'units-fill', roads: 'drill-outline', labels: 'hotspots-icons' };

function styleWith(schema: BasemapSchema, flavour: BasemapFlavour, opacity = 1): StyleSpecification {
  const b = basemapLayers(schema, { flavour, opacity, fonts: FONTS });
  return withBasemap(atlasStyle(), basemapSource(TILEJSON, 'http://127.0.0.1:3000'), b, ANCHORS);
}

const layout = (l: LayerSpecification) =>
  ((l as { layout?: Record<string, unknown> }).layout ?? {}) as Record<string, unknown>;
const paint = (l: LayerSpecification) =>
  ((l as { paint?: Record<string, unknown> }).paint ?? {}) as Record<string, unknown>;

function label(textField: unknown, properties: Record<string, unknown>): string {
  const spec = (latest as unknown as Record<string, Record<string, never>>).layout_symbol!['text-field'];
  const parsed = createExpression(textField, 'text-field', spec);
  if (parsed.result !== 'success') throw new Error(JSON.stringify(parsed.value));
  const out = parsed.value.evaluate({ zoom: 14 }, { type: 1, properties } as never);
  return String(out);
}

function passes(filter: unknown, properties: Record<string, unknown>, type: 1 | 2 | 3 = 2): boolean {
  return featureFilter(filter as never, 'filter').filter({ zoom: 14 } as never, { type, properties } as never);
}

/** A point feature in tile coordinates (extent 8192, as MapLibre's `within` expects) and its tile. */
function pointAt(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const fx = ((lon + 180) / 360) * n;
  const r = (lat * Math.PI) / 180;
  const fy = ((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n;
  const [x, y] = [Math.floor(fx), Math.floor(fy)];
  const geometry = [[{ x: Math.round((fx - x) * 8192), y: Math.round((fy - y) * 8192) }]];
  return { canonical: { z, x, y }, geometry };
}

describe.each(SCHEMAS.flatMap((s) => FLAVOURS.map((f) => [s, f] as const)))(
  '%s basemap, %s flavour',
  (schema, flavour) => {
    const style = styleWith(schema, flavour);
    const b = basemapLayers(schema, { flavour, opacity: 1, fonts: FONTS });
    const symbols = b.labels;

    it('is a valid MapLibre style together with the atlas layers', () => {
      expect(validateStyleMin(style)).toEqual([]);
    });

    it('puts land and water under the choropleth, roads over it, names above, the territory overlay on top', () => {
      const ids = style.layers.map((l) => l.id);
      const at = (id: string) => ids.indexOf(id);
      for (const l of b.under) expect(at(l.id)).toBeGreaterThan(at('background'));
      for (const l of b.under) expect(at(l.id)).toBeLessThan(at('units-fill'));
      for (const l of b.roads) expect(at(l.id)).toBeGreaterThan(at('units-outline'));
      for (const l of b.roads) expect(at(l.id)).toBeLessThan(at('drill-outline'));
      for (const l of symbols) expect(at(l.id)).toBeLessThan(at('unit-labels'));
      expect(ids.at(-1)).toBe(TERRITORY_LAYER);
      // Every group is in the order it was made in, and nothing is dropped or duplicated.
      expect(ids.filter((id) => id.startsWith('basemap-'))).toEqual(allBasemapLayers(b).map((l) => l.id));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('draws land and water as fills and lines only, roads as lines, names as text without icons', () => {
      expect(b.under.length).toBeGreaterThanOrEqual(5);
      for (const l of b.under) expect(['fill', 'line']).toContain(l.type);
      expect(b.under.some((l) => (l as { 'source-layer'?: string })['source-layer'] === 'water')).toBe(true);
      for (const l of b.roads) {
        expect(l.type).toBe('line');
        expect(paint(l)['line-opacity']).toBeLessThanOrEqual(ROAD_OPACITY);
      }
      for (const l of symbols) {
        expect(l.type).toBe('symbol');
        expect(Object.keys(layout(l)).filter((k) => k.startsWith('icon-'))).toEqual([]);
      }
      expect(JSON.stringify(style)).not.toContain('icon-image');
      expect(style.sprite).toBeUndefined();
      expect(style.glyphs).toBeUndefined();
    });

    it('names streets and places in Vietnamese first, then the local name', () => {
      expect(symbols.length).toBeGreaterThanOrEqual(5);
      for (const l of symbols) {
        const field = layout(l)['text-field'];
        expect(
          label(field, { 'name:vi': 'Đường Trần Hưng Đạo', name: 'Tran Hung Dao', 'name:en': 'Tran Hung Dao St' }),
        ).toBe('Đường Trần Hưng Đạo');
        expect(label(field, { name: 'Sông Vân', 'name:en': 'Van River' })).toBe('Sông Vân');
        if (schema === 'openmaptiles')
          expect(label(field, { 'name:latin': 'Phố Lương Văn Tụy' })).toBe('Phố Lương Văn Tụy');
      }
    });

    it('uses only the app’s own fonts, and no URL outside the app anywhere', () => {
      for (const l of symbols) expect([[FONTS.regular], [FONTS.semibold]]).toContainEqual(layout(l)['text-font']);
      expect(JSON.stringify(allBasemapLayers(b))).not.toMatch(/https?:|\/\//);
      expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:3000\/)/);
    });

    it('draws the national border but never a disputed or maritime one', () => {
      const borders = b.under.filter((l) => (l as { 'source-layer'?: string })['source-layer']?.startsWith('bound'));
      expect(borders).toHaveLength(1);
      const f = (borders[0] as { filter: unknown }).filter;
      const level = schema === 'protomaps' ? { kind: 'country', kind_detail: 2 } : { admin_level: 2 };
      expect(passes(f, { ...level })).toBe(true);
      expect(passes(f, { ...level, disputed: schema === 'protomaps' ? true : 1 })).toBe(false);
      expect(passes(f, { ...level, maritime: schema === 'protomaps' ? true : 1 })).toBe(false);
      // Provinces and wards come from the portal's own boundaries, not the archive's.
      expect(passes(f, schema === 'protomaps' ? { kind: 'region', kind_detail: 4 } : { admin_level: 4 })).toBe(false);
    });

    it('hides the archive’s names inside the Hoàng Sa and Trường Sa areas, keeps them elsewhere', () => {
      for (const l of symbols) {
        const filter = featureFilter((l as { filter?: never }).filter, 'filter');
        const evaluate = (lon: number, lat: number) => {
          const { canonical, geometry } = pointAt(lon, lat, 8);
          const props = { kind: 'locality', class: 'town', name: 'x' };
          return filter.filter(
            { zoom: 8 } as never,
            { type: 1, properties: props, geometry } as never,
            canonical as never,
          );
        };
        expect(evaluate(112.33, 16.83), `${l.id} at Phú Lâm`).toBe(false);
        expect(evaluate(114.35, 10.38), `${l.id} at Ba Bình`).toBe(false);
        // The same town label on the mainland is drawn (where the layer takes towns at all).
        if (/places_locality|place-town/.test(l.id))
          expect(evaluate(105.975, 20.25), `${l.id} at Ninh Bình`).toBe(true);
      }
      expect(symbols.filter((l) => /places_locality|place-town/.test(l.id))).toHaveLength(1);
    });

    it('scales every layer by the opacity, and can be re-faded in place', () => {
      const half = basemapLayers(schema, { flavour, opacity: 0.5, fonts: FONTS });
      const road = half.roads[0]!;
      expect(paint(road)['line-opacity']).toBeCloseTo((paint(b.roads[0]!)['line-opacity'] as number) * 0.5, 3);
      const updates = opacityUpdates(allBasemapLayers(half), 0.2);
      expect(updates.map((u) => u.layer)).toEqual(allBasemapLayers(half).map((l) => l.id));
      const roadUpdate = updates.find((u) => u.layer === road.id)!;
      expect(roadUpdate.property).toBe('line-opacity');
      expect(roadUpdate.value).toBeCloseTo((paint(b.roads[0]!)['line-opacity'] as number) * 0.2, 3);
      // Opacity 0 hides, out-of-range values are clamped.
      const off = basemapLayers(schema, { flavour, opacity: -3, fonts: FONTS });
      for (const l of off.labels) expect(paint(l)['text-opacity']).toBe(0);
    });
  },
);

describe('Protomaps layer choice', () => {
  it('names only layers that @protomaps/basemaps still makes, so an upgrade that renames one fails here', () => {
    const ids = new Set(protomapsLibraryLayers('x', LIGHT, { lang: 'vi' }).map((l) => l.id));
    for (const id of [...PROTOMAPS_UNDER, ...PROTOMAPS_ROADS, ...PROTOMAPS_LABELS]) expect(ids, id).toContain(id);
  });
  it('leaves out casings, icons, neighbourhood names and sub-national boundaries', () => {
    const kept = [...PROTOMAPS_UNDER, ...PROTOMAPS_ROADS, ...PROTOMAPS_LABELS] as string[];
    for (const id of kept) expect(id).not.toMatch(/casing|shields|oneway|pois|subplace|address/);
    expect(kept).not.toContain('boundaries');
  });
});

describe('legacy filters become expressions with the same meaning', () => {
  const cases: [unknown, Record<string, unknown>[]][] = [
    [
      ['in', 'kind', 'river', 'stream'],
      [{ kind: 'river' }, { kind: 'lake' }, {}],
    ],
    [
      ['==', 'kind', 'locality'],
      [{ kind: 'locality' }, { kind: 'region' }],
    ],
    [
      ['<=', 'kind_detail', 2],
      [{ kind_detail: 2 }, { kind_detail: 4 }],
    ],
    [
      ['all', ['!has', 'is_tunnel'], ['==', 'kind', 'minor_road'], ['!=', 'kind_detail', 'service']],
      [{ kind: 'minor_road' }, { kind: 'minor_road', is_tunnel: true }, { kind: 'minor_road', kind_detail: 'service' }],
    ],
    [
      ['!in', 'kind', 'a', 'b'],
      [{ kind: 'a' }, { kind: 'c' }],
    ],
    [['==', '$type', 'Polygon'], [{}]],
  ];
  it.each(cases)('%j', (legacy, features) => {
    const converted = toExpressionFilter(legacy);
    for (const props of features) {
      for (const type of [1, 2, 3] as const)
        expect(passes(converted, props, type), JSON.stringify(props)).toBe(passes(legacy, props, type));
    }
  });
  it('leaves expression filters alone', () => {
    const f = ['==', ['get', 'oneway'], 'yes'];
    expect(toExpressionFilter(f)).toBe(f);
  });
});

describe('scaleNumber', () => {
  it('scales numbers and the outputs of zoom ramps, not their stops', () => {
    expect(scaleNumber(0.8, 0.5)).toBe(0.4);
    expect(scaleNumber(['interpolate', ['linear'], ['zoom'], 5, 1, 7, 0.5], 0.5)).toEqual([
      'interpolate',
      ['linear'],
      ['zoom'],
      5,
      0.5,
      7,
      0.25,
    ]);
    expect(scaleNumber(['step', ['zoom'], 1, 10, 2], 2)).toEqual(['step', ['zoom'], 2, 10, 4]);
  });
});

describe('basemapSource', () => {
  it('resolves the TileJSON path on the page origin and keeps the {z}/{x}/{y} template', () => {
    const s = basemapSource(TILEJSON, 'https://atlas.cand.local');
    expect(s.tiles).toEqual(['https://atlas.cand.local/tiles/basemap/ninh-binh/{z}/{x}/{y}.mvt?v=0123abcd']);
    expect(s).toMatchObject({ type: 'vector', minzoom: 0, maxzoom: 14, attribution: '© OpenStreetMap contributors' });
  });
  it('refuses tiles from another origin', () => {
    expect(() =>
      basemapSource({ ...TILEJSON, tiles: ['https://tiles.example.com/{z}/{x}/{y}.pbf'] }, 'https://atlas.cand.local'),
    ).toThrow(/same-origin/);
  });
});

describe('placing the basemap', () => {
  it('gives addLayer calls under their anchors and finds every basemap layer again to remove it', () => {
    const b = basemapLayers('openmaptiles', { flavour: 'grey', opacity: 1, fonts: FONTS });
    const calls = basemapAddLayerCalls(b, ANCHORS);
    expect(calls).toHaveLength(allBasemapLayers(b).length);
    expect(new Set(calls.map((c) => c.beforeId))).toEqual(new Set(Object.values(ANCHORS)));
    for (const c of calls) expect((c.layer as { source?: string }).source).toBe(BASEMAP_SOURCE);
    const style = styleWith('openmaptiles', 'grey');
    expect(basemapLayerIds(style.layers)).toEqual(allBasemapLayers(b).map((l) => l.id));
  });
  it('refuses an anchor the style does not have', () => {
    const b = basemapLayers('protomaps', { flavour: 'light', opacity: 1, fonts: FONTS });
    expect(() =>
      withBasemap(atlasStyle(), basemapSource(TILEJSON, 'http://x'), b, { ...ANCHORS, roads: 'nope' }),
    ).toThrow(/nope/);
  });
});
