import { describe, expect, it } from 'vitest';
import type { BasemapArchive } from './catalogue.ts';
import { pickArchive } from './catalogue.ts';
import { basemapSettingKeys, parseBasemapSetting } from './choice.ts';

const archive = (id: string, maxzoom: number, bounds = [105, 20, 106, 21]): BasemapArchive => ({
  id,
  name: id,
  format: 'pmtiles',
  schema: 'protomaps',
  attribution: '© OpenStreetMap contributors',
  minzoom: 0,
  maxzoom,
  bounds,
  tilejson: `/tiles/basemap/${id}.json`,
});

describe('basemap choice in the address', () => {
  it('reads what it writes, defaults left out', () => {
    const s = { choice: 'grey' as const, archive: 'city', opacity: 0.4 };
    const keys = basemapSettingKeys(s);
    expect(keys).toEqual({ basemap: 'grey', bmap: 'city', bmo: '40' });
    const q = new URLSearchParams(Object.entries(keys).filter((e): e is [string, string] => e[1] !== null));
    expect(parseBasemapSetting(q)).toEqual(s);
    expect(basemapSettingKeys({ choice: 'light', archive: null, opacity: 1 })).toEqual({
      basemap: null,
      bmap: null,
      bmo: null,
    });
  });

  it('falls back to the light basemap at full opacity on odd values', () => {
    for (const bad of ['basemap=satellite&bmo=1e400', 'basemap=&bmo=5', 'bmo=-1', 'bmo=40.5', 'bmo=abc']) {
      const s = parseBasemapSetting(new URLSearchParams(bad));
      expect(s.choice, bad).toBe('light');
      expect(s.opacity, bad).toBe(1);
    }
    expect(parseBasemapSetting(new URLSearchParams('basemap=none')).choice).toBe('none');
  });
});

describe('pickArchive', () => {
  it('takes the archive asked for, else the deepest zoom, then the largest area, then list order', () => {
    const a = archive('a', 14);
    const b = archive('b', 15);
    const c = archive('c', 15, [100, 8, 110, 24]);
    expect(pickArchive([a, b, c])?.id).toBe('c');
    expect(pickArchive([a, b])?.id).toBe('b');
    expect(pickArchive([a, b], 'a')?.id).toBe('a');
    expect(pickArchive([a, b], 'gone')?.id).toBe('b');
    expect(pickArchive([archive('x', 14), archive('y', 14)])?.id).toBe('x');
    expect(pickArchive([])).toBeNull();
  });
});
