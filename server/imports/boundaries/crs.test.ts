import { describe, expect, it } from 'vitest';
import { crsFromGeoJson, crsFromPrj, CrsError, VN2000_TOWGS84 } from './crs.ts';

// As written by GDAL for a Shapefile in EPSG:3405 (ESRI flavour: datum named, no TOWGS84).
const VN2000_UTM48_ESRI =
  'PROJCS["VN_2000_UTM_Zone_48N",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
// A provincial TM-3 zone (Ninh Bình, central meridian 105°00', k = 0.9999).
const VN2000_TM3 = VN2000_UTM48_ESRI.replace('VN_2000_UTM_Zone_48N', 'VN_2000_TM3_Ninh_Binh').replace(
  'PARAMETER["Scale_Factor",0.9996]',
  'PARAMETER["Scale_Factor",0.9999]',
);

describe('crs', () => {
  it('applies the Decision 05/2007 shift to VN-2000 .prj files that lack TOWGS84', () => {
    const utm = crsFromPrj(VN2000_UTM48_ESRI);
    expect('proj' in utm && utm.proj).toContain(`+towgs84=${VN2000_TOWGS84}`);
    expect('proj' in utm && utm.proj).toContain('+lon_0=105 +k=0.9996 +x_0=500000');
    const tm3 = crsFromPrj(VN2000_TM3);
    expect('proj' in tm3 && tm3.proj).toContain('+k=0.9999');
    expect(tm3.label).toContain('TM-3');
  });
  it('reads WGS 84 and EPSG authorities', () => {
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]]]')).toEqual(
      expect.objectContaining({ srid: 4326 }),
    );
    expect(crsFromGeoJson(undefined)).toEqual(expect.objectContaining({ srid: 4326 }));
    expect(crsFromGeoJson({ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } })).toEqual(
      expect.objectContaining({ srid: 4326 }),
    );
    expect(crsFromGeoJson({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3405' } })).toEqual(
      expect.objectContaining({ srid: 3405 }),
    );
  });
  it('refuses what it cannot place, saying why', () => {
    expect(() => crsFromPrj('')).toThrow(CrsError);
    expect(() => crsFromPrj('PROJCS["Lambert",GEOGCS["GCS_Unknown"],PROJECTION["Lambert_Conformal_Conic"]]')).toThrow(
      /unsupported/,
    );
    expect(() => crsFromPrj(VN2000_UTM48_ESRI.replace('105.0', '10.0'))).toThrow(/central meridian/);
    expect(() => crsFromGeoJson({ properties: { name: 'urn:x:local:grid' } })).toThrow(/unsupported/);
  });
});
