import { describe, expect, it } from 'vitest';
import { boundaryFileKind, csvHeader, fileColumns, geojsonColumns, guessMapping, mappingParam } from './columns.ts';
import { groupProblems, rejectedRows } from './importProblems.ts';

describe('boundary file columns', () => {
  it('reads a CSV header with BOM, quotes and semicolons, without the WKT column', () => {
    expect(csvHeader('\uFEFFMA_XA;"TEN; XA";wkt\r\n1;a;b')).toEqual(['MA_XA', 'TEN; XA', 'wkt']);
    expect(fileColumns('csv', 'code,name,WKT\n')).toEqual(['code', 'name']);
  });

  it("reads the first feature's properties from a GeoJSON's first bytes, even when cut later", () => {
    const head =
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"MA":"1","TEN":"Phường {A}","x":{"y":1}},' +
      '"geometry":{"type":"Polygon","coordinates":[[[106,20],[106.1';
    expect(geojsonColumns(head)).toEqual(['MA', 'TEN', 'x']);
    expect(geojsonColumns('{"type":"FeatureCollection","features":[{"properties":{"MA":"1"')).toEqual([]);
    expect(fileColumns('shapefile', 'PK…')).toEqual([]);
  });

  it('guesses the mapping from land-office names and sends only what differs from the defaults', () => {
    const m = guessMapping(['MA_XA', 'Tên xã', 'LOAI', 'MA_HUYEN', 'DIEN_TICH']);
    expect(m).toEqual({ code: 'MA_XA', name: 'Tên xã', kind: 'LOAI', parent_code: 'MA_HUYEN' });
    expect(guessMapping(['code', 'name', 'kind', 'parent_code'])).toEqual({
      code: 'code',
      name: 'name',
      kind: 'kind',
      parent_code: 'parent_code',
    });
    expect(mappingParam(guessMapping(['code', 'name', 'kind', 'parent_code']))).toEqual({});
    expect(mappingParam({ ...m, kind: ' kind ' })).toEqual({ code: 'MA_XA', name: 'Tên xã', parent_code: 'MA_HUYEN' });
    // No kind or parent column: none is sent as "", so the server reads the kind from the name prefix.
    expect(guessMapping(['code', 'name'])).toMatchObject({ kind: '', parent_code: '' });
    expect(mappingParam(guessMapping(['code', 'name']))).toEqual({ kind: '', parent_code: '' });
    // A DBF keeps 10 characters of a name: GDAL writes parent_code as parent_cod.
    expect(guessMapping(['code', 'name', 'kind', 'parent_cod']).parent_code).toBe('parent_cod');
    // A group layer: its own code wins, the ward code is the parent.
    expect(guessMapping(['MA_TDP', 'TEN_TDP', 'MA_XA'])).toMatchObject({ code: 'MA_TDP', parent_code: 'MA_XA' });
    expect(boundaryFileKind('Ranh_gioi.GPKG')).toBe('geopackage');
  });

  it('knows the file kinds by extension', () => {
    expect(['a.geojson', 'b.JSON', 'c.zip', 'd.csv', 'e.shp'].map(boundaryFileKind)).toEqual([
      'geojson',
      'geojson',
      'shapefile',
      'csv',
      null,
    ]);
  });
});

describe('indicator import problems', () => {
  it('groups unmatched, ambiguous and out-of-scope units apart from bad values, and lists rejected rows', () => {
    const problems = [
      { row: 3, column: 'Tên đơn vị', message: 'Không tìm thấy đơn vị tên "X" / unmatched unit name "X"' },
      { row: 4, column: 'Tên đơn vị', message: 'Tên "Y" trùng 2 đơn vị; hãy ghi mã / ambiguous unit name, give the code' },
      { row: 5, column: 'Mã đơn vị', message: 'Đơn vị mã "Z" ngoài phạm vi của bạn / unit outside your scope' },
      { row: 5, column: 'Ma túy [drug_cases]', message: 'a count must be a whole number ≥ 0 (got -1)' },
      { row: 1, column: 'abc', message: 'Cột không nhận ra / unknown column "abc"' },
    ];
    const g = groupProblems(problems);
    expect([g.unmatched.length, g.ambiguous.length, g.scope.length, g.value.length, g.file.length]).toEqual([
      1, 1, 1, 1, 1,
    ]);
    expect(rejectedRows(problems)).toEqual([1, 3, 4, 5]);
  });
});

describe('featureBounds', () => {
  it('spans polygons and multipolygons, and is null for nothing', async () => {
    const { featureBounds } = await import('./bounds.ts');
    const sq = (x: number, y: number) => [
      [
        [x, y],
        [x + 1, y],
        [x + 1, y + 1],
        [x, y],
      ],
    ];
    expect(
      featureBounds({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: sq(105, 20) } },
          { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [sq(106, 19)] } },
        ],
      }),
    ).toEqual([
      [105, 19],
      [107, 21],
    ]);
    expect(featureBounds({ type: 'FeatureCollection', features: [] })).toBeNull();
  });
});
