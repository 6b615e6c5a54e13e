import { describe, expect, it } from 'vitest';
import type { Hotspot, UnitsCollection } from '../api/types.ts';
import { filterHotspots, hotspotLayers, hotspotsAt, statusBands, statusDate } from './hotspots.ts';
import { periodsBetween } from '../../../../geo/periods.ts';
import { STATUS_COLORS } from './style.ts';

const hotspot = (over: Partial<Hotspot>): Hotspot => ({
  id: 1,
  unit_id: 101,
  code: 'T101',
  name: 'Tổ 1',
  display_name: 'Tổ 1 · Phường A',
  ward_id: 1,
  ward_name: 'Phường A',
  categories: ['drugs', 'gambling'],
  designated_on: '2017-02-10',
  target_date: null,
  note: '',
  status: 'transformed',
  status_since: '2018-05-01',
  history: [
    { status: 'identified', changed_on: '2017-02-10', note: '' },
    { status: 'transforming', changed_on: '2017-06-01', note: '' },
    { status: 'transformed', changed_on: '2018-05-01', note: '' },
  ],
  ...over,
});

const groups: UnitsCollection = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [2, 0],
            [2, 2],
            [0, 2],
            [0, 0],
          ],
        ],
      },
      properties: { id: 101 } as UnitsCollection['features'][number]['properties'],
    },
  ],
};

describe('hotspots at a date', () => {
  it('take the status of the end of the period, and leave out those designated later', () => {
    expect(statusDate('2017-Q2')).toBe('2017-06-28');
    expect(hotspotsAt([hotspot({})], '2017-01')).toEqual([]);
    expect(hotspotsAt([hotspot({})], '2017-03')[0]).toMatchObject({ status: 'identified', status_since: '2017-02-10' });
    expect(hotspotsAt([hotspot({})], '2017')[0]!.status).toBe('transforming');
    expect(hotspotsAt([hotspot({})], '2018-12')[0]!.status).toBe('transformed');
  });
  it('filter by status and problem', () => {
    const list = hotspotsAt([hotspot({})], '2017');
    expect(filterHotspots(list, { categories: ['drugs'], statuses: ['transforming'] })).toHaveLength(1);
    expect(filterHotspots(list, { categories: ['sanitation'], statuses: ['transforming'] })).toHaveLength(0);
    expect(filterHotspots(list, { categories: ['drugs'], statuses: ['identified'] })).toHaveLength(0);
  });
  it('draw an outline by status and an icon per shown problem, side by side at the label point', () => {
    const layers = hotspotLayers(hotspotsAt([hotspot({})], '2017'), groups);
    expect(layers.polygons.features).toHaveLength(1);
    expect(layers.polygons.features[0]!.properties).toEqual({ status: 'transforming', unit_id: 101 });
    expect(layers.points.features.map((f) => f.properties!.icon)).toEqual([
      'hotspot-drugs-transforming',
      'hotspot-gambling-transforming',
    ]);
    expect(layers.points.features.map((f) => f.properties!.offset)).toEqual([
      [-25, 0],
      [25, 0],
    ]);
    const only = hotspotLayers(hotspotsAt([hotspot({})], '2017'), groups, ['gambling']);
    expect(only.points.features.map((f) => f.properties!.offset)).toEqual([[0, 0]]);
    // A group without geometry (not loaded) is not drawn.
    expect(hotspotLayers([hotspot({ unit_id: 999 })], groups).polygons.features).toHaveLength(0);
  });
});

describe('status bands on a chart', () => {
  it('span the periods each status held, read at each period end as the map does', () => {
    const periods = periodsBetween('2017-01', '2018-12', 'quarter'); // 8 quarters
    const bands = statusBands(hotspot({}).history, periods);
    // Q1 2017 (designated 10/02): identified; Q2 ends 28/06, after 01/06: transforming until Q1 2018;
    // Q2 2018 ends after 01/05/2018: transformed to the end.
    expect(bands.map((b) => [b.status, periods[b.from], periods[b.to]])).toEqual([
      ['identified', '2017-Q1', '2017-Q1'],
      ['transforming', '2017-Q2', '2018-Q1'],
      ['transformed', '2018-Q2', '2018-Q4'],
    ]);
    expect(bands[0]!.color).toBe(STATUS_COLORS.identified);
    expect(statusBands(hotspot({}).history, ['2016-12'])).toEqual([]);
  });
});
