import { describe, expect, it } from 'vitest';
import { CRS84, CRS_LIST, crsForFiles, crsWkt, EPSG4326, findCrs, meridianLabel, VN2000_TOWGS84 } from './crs.ts';

describe('CRS catalogue', () => {
  it('finds systems by URI, URN and short id, case-insensitively', () => {
    expect(findCrs('http://www.opengis.net/def/crs/OGC/1.3/CRS84')).toBe(CRS84);
    expect(findCrs('http://www.opengis.net/def/crs/EPSG/0/4326')).toBe(EPSG4326);
    expect(findCrs('urn:ogc:def:crs:EPSG::3405')?.epsg).toBe(3405);
    expect(findCrs('epsg:9210')?.tm).toEqual({ lon0: 105.75, k: 0.9999 });
    expect(findCrs('[EPSG:5897]')?.tm?.lon0).toBe(105);
    expect(findCrs('EPSG:3857')).toBeUndefined();
    expect(findCrs('http://www.opengis.net/def/crs/EPSG/0/32648')).toBeUndefined();
  });

  it('has one entry per EPSG code, only EPSG:4326 with latitude first', () => {
    const ids = CRS_LIST.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(CRS_LIST.filter((c) => c.latFirst).map((c) => c.id)).toEqual(['EPSG:4326']);
    // every provincial central meridian of Circular 973/2001 (102°–108°30′) has its zone
    const meridians = CRS_LIST.filter((c) => c.tm?.k === 0.9999).map((c) => c.tm!.lon0);
    expect(meridians).toEqual([
      102, 103, 104, 104.5, 104.75, 105, 105.5, 105.75, 106, 106.25, 106.5, 107, 107.25, 107.5, 107.75, 108, 108.25,
      108.5,
    ]);
  });

  it('shifts every VN-2000 system by the same Decision 05/2007 parameters as the importer (one constant)', () => {
    for (const c of CRS_LIST.filter((x) => x.projected)) {
      expect(c.proj).toContain(`+towgs84=${VN2000_TOWGS84}`);
      expect(c.proj).toContain(`+lon_0=${c.tm!.lon0} +k=${c.tm!.k} +x_0=500000`);
      expect(crsWkt(c)).toContain(`TOWGS84[${VN2000_TOWGS84}]`);
      expect(crsWkt(c)).toMatch(new RegExp(`AUTHORITY\\["EPSG","${c.epsg}"\\]\\]$`));
    }
    expect(CRS84.proj).toBeNull();
  });

  it('stores files longitude first: EPSG:4326 in a file is CRS84', () => {
    expect(crsForFiles(4326)).toBe(CRS84);
    expect(crsForFiles(9210)?.name).toBe('VN-2000 / TM-3 105-45');
    expect(crsForFiles(5899)?.name).toBe('VN-2000 / TM-3 107-45');
    expect(crsForFiles(5897)?.name).toBe('VN-2000 / TM-3 zone 482');
    expect(crsForFiles(3857)).toBeUndefined();
  });

  it('writes central meridians in degrees and minutes', () => {
    expect(meridianLabel(105.75)).toBe('105°45′');
    expect(meridianLabel(104.5)).toBe('104°30′');
    expect(meridianLabel(103)).toBe('103°00′');
  });
});

describe('the SRIDs PostGIS transforms with', () => {
  it('are registered by the migration with the same PROJ strings', async () => {
    const m = await import('../migrations/2026-12-03T1210_vn2000_srids.ts');
    const projected = CRS_LIST.filter((c) => c.projected);
    expect(m.VN2000_ZONES.map(([epsg]) => epsg).sort()).toEqual(projected.map((c) => c.epsg).sort());
    for (const [epsg, lon0, k] of m.VN2000_ZONES) {
      const c = projected.find((x) => x.epsg === epsg)!;
      expect(c.srid).toBe(m.SRID_OFFSET + epsg);
      expect(m.zoneProj(lon0, k)).toBe(c.proj);
    }
    expect(CRS84.srid).toBe(4326);
    expect(EPSG4326.srid).toBe(4326);
  });
});
