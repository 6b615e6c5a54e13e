import { describe, expect, it } from 'vitest';
import { detectSchema, isGzip, parseBounds, parseCenter, plainAttribution } from './archive.ts';
import { archiveId } from './basemap.service.ts';

const layers = (...ids: string[]) => ids.map((id) => ({ id }));

describe('detectSchema', () => {
  it('tells Protomaps from OpenMapTiles by their layer names, and knows nothing else', () => {
    expect(
      detectSchema(
        layers(
          'boundaries',
          'buildings',
          'earth',
          'landcover',
          'landuse',
          'places',
          'pois',
          'roads',
          'transit',
          'water',
        ),
      ),
    ).toBe('protomaps');
    expect(
      detectSchema(
        layers(
          'aeroway',
          'boundary',
          'building',
          'landcover',
          'landuse',
          'place',
          'transportation',
          'transportation_name',
          'water',
          'waterway',
        ),
      ),
    ).toBe('openmaptiles');
    expect(detectSchema(layers('roads', 'water'))).toBeUndefined();
    expect(detectSchema([])).toBeUndefined();
  });
});

describe('plainAttribution', () => {
  it('keeps the text of HTML attributions, drops tags and links, and falls back to the OSM credit', () => {
    expect(plainAttribution('<a href="https://openstreetmap.org/copyright">&copy; OpenStreetMap</a>')).toBe(
      '© OpenStreetMap',
    );
    expect(plainAttribution('<img src=x onerror=alert(1)>© Sở TN&amp;MT')).toBe('© Sở TN&MT');
    expect(plainAttribution('a < b')).toBe('a b');
    expect(plainAttribution(undefined)).toBe('© OpenStreetMap contributors');
    expect(plainAttribution('<b></b>')).toBe('© OpenStreetMap contributors');
  });
});

describe('archive metadata', () => {
  it('parses bounds and centre, falling back to the world and the middle of the bounds', () => {
    expect(parseBounds('105.94,20.22,106.01,20.28')).toEqual([105.94, 20.22, 106.01, 20.28]);
    expect(parseBounds('-180,-90,180,90')).toEqual([-180, -85.0511, 180, 85.0511]);
    expect(parseBounds('1,2,x,4')).toEqual([-180, -85.0511, 180, 85.0511]);
    expect(parseCenter('105.975,20.25,7', [105, 20, 106, 21], 0, 14)).toEqual([105.975, 20.25, 7]);
    expect(parseCenter('105.975,20.25,30', [105, 20, 106, 21], 0, 14)).toEqual([105.975, 20.25, 14]);
    expect(parseCenter(undefined, [105, 20, 106, 21], 4, 14)).toEqual([105.5, 20.5, 6]);
  });
  it('recognises gzip by its magic number', () => {
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(new Uint8Array([0x1a, 0x0b]))).toBe(false);
    expect(isGzip(new Uint8Array([]))).toBe(false);
  });
});

describe('archiveId', () => {
  it('folds file names to URL-safe ids', () => {
    expect(archiveId('/maps/Ninh Bình.pmtiles')).toBe('ninh-binh');
    expect(archiveId('/maps/Đà_Nẵng 2025.mbtiles')).toBe('da-nang-2025');
    expect(archiveId('/maps/vietnam.pmtiles')).toBe('vietnam');
    expect(archiveId('/maps/....mbtiles')).toBe('basemap');
  });
});
