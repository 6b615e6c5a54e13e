/**
 * The coordinate reference systems the portal serves data in (OGC API – Features Part 2, downloads):
 * WGS 84 (OGC CRS84 and EPSG:4326) and the VN-2000 systems Vietnamese land offices work in — UTM
 * zones 48N/49N and every 3° Transverse Mercator zone with a provincial central meridian of Circular
 * 973/2001/TT-TCĐC, all registered by EPSG (5896–5899, 9205–9218; checked against PROJ's proj.db).
 *
 * Data are stored in WGS 84 and transformed by PostGIS from the PROJ strings below. Every VN-2000
 * string carries the official seven-parameter shift of Decision 05/2007/QĐ-BTNMT (the one EPSG,
 * PostGIS's spatial_ref_sys and the boundary importer use), so a transform never depends on which
 * EPSG codes a PostGIS build happens to know (PostGIS 3.3's table has no 9205–9218).
 *
 * Pure data and text: the web offers the same list in its download dialog.
 */

/** Decision 05/2007/QĐ-BTNMT, position-vector convention as PROJ expects it (the boundary importer uses it too). */
export const VN2000_TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278';

export const CRS84_URI = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG_URI = 'http://www.opengis.net/def/crs/EPSG/0/';

export interface CrsDef {
  /** Short id: `CRS84` or `EPSG:<code>`. */
  id: string;
  /** The OGC URI clients send and receive (`crs`, `bbox-crs`, `Content-Crs`). */
  uri: string;
  /** EPSG code of the system (CRS84 is EPSG:4326 with longitude first). */
  epsg: number;
  /** The authority's name, as GeoPackage and .prj readers show it: `VN-2000 / TM-3 105-45`. */
  name: string;
  nameVi: string;
  nameEn: string;
  projected: boolean;
  /**
   * Whether coordinates go latitude first when a client asks by this URI: EPSG:4326 as EPSG defines
   * it (OGC API Part 2 honours the authority's axis order). Files (GeoPackage, Shapefile, CSV) always
   * store longitude first, as GIS software reads them.
   */
  latFirst: boolean;
  /** PROJ definition; null for the stored system (WGS 84, no transform). */
  proj: string | null;
  /**
   * The SRID PostGIS transforms with: the migration 2026-12-03T1210_vn2000_srids registers each
   * VN-2000 system as 900000 + EPSG code with `proj` (PostGIS caches a PROJ object per SRID, not per
   * text); 4326 for WGS 84.
   */
  srid: number;
  /** Decimal places that keep about a millimetre to a centimetre. */
  precision: number;
  /** Transverse Mercator parameters of the VN-2000 zones. */
  tm?: { lon0: number; k: number };
}

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],' +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]';

const VN2000_GEOGCS =
  'GEOGCS["VN-2000",DATUM["Vietnam_2000",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],' +
  `TOWGS84[${VN2000_TOWGS84}],AUTHORITY["EPSG","6756"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],` +
  'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4756"]]';

/** "105-45" for 105.75°: how EPSG names the TM-3 zones. */
function meridianName(lon0: number): string {
  const deg = Math.floor(lon0);
  return `${deg}-${String(Math.round((lon0 - deg) * 60)).padStart(2, '0')}`;
}

/** 105°45′ for 105.75. */
export function meridianLabel(lon0: number): string {
  const deg = Math.floor(lon0);
  return `${deg}°${String(Math.round((lon0 - deg) * 60)).padStart(2, '0')}′`;
}

function tmerc(epsg: number, name: string, lon0: number, k: number, vi: string, en: string): CrsDef {
  return {
    id: `EPSG:${epsg}`,
    uri: `${EPSG_URI}${epsg}`,
    epsg,
    nameVi: vi,
    nameEn: en,
    projected: true,
    latFirst: false,
    proj:
      `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=${k} +x_0=500000 +y_0=0 +ellps=WGS84 ` +
      `+towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    precision: 3,
    tm: { lon0, k },
    name,
    srid: 900000 + epsg,
  };
}

function tm3(epsg: number, lon0: number, zone?: string): CrsDef {
  const name = zone ? `VN-2000 / TM-3 zone ${zone}` : `VN-2000 / TM-3 ${meridianName(lon0)}`;
  return tmerc(
    epsg,
    name,
    lon0,
    0.9999,
    `VN-2000 / TM-3 kinh tuyến trục ${meridianLabel(lon0)} (EPSG:${epsg})`,
    `VN-2000 / TM-3 central meridian ${meridianLabel(lon0)} (EPSG:${epsg})`,
  );
}

export const CRS84: CrsDef = {
  id: 'CRS84',
  uri: CRS84_URI,
  epsg: 4326,
  name: 'WGS 84',
  nameVi: 'WGS 84 kinh độ, vĩ độ (OGC CRS84)',
  nameEn: 'WGS 84 longitude, latitude (OGC CRS84)',
  projected: false,
  latFirst: false,
  proj: null,
  srid: 4326,
  precision: 7,
};

export const EPSG4326: CrsDef = {
  ...CRS84,
  id: 'EPSG:4326',
  uri: `${EPSG_URI}4326`,
  nameVi: 'WGS 84 (EPSG:4326)',
  nameEn: 'WGS 84 (EPSG:4326)',
  latFirst: true,
};

/** Every system served, WGS 84 first, then VN-2000 UTM, then the TM-3 zones by central meridian. */
export const CRS_LIST: readonly CrsDef[] = [
  CRS84,
  EPSG4326,
  tmerc(
    3405,
    'VN-2000 / UTM zone 48N',
    105,
    0.9996,
    'VN-2000 / UTM múi 48N (EPSG:3405)',
    'VN-2000 / UTM zone 48N (EPSG:3405)',
  ),
  tmerc(
    3406,
    'VN-2000 / UTM zone 49N',
    111,
    0.9996,
    'VN-2000 / UTM múi 49N (EPSG:3406)',
    'VN-2000 / UTM zone 49N (EPSG:3406)',
  ),
  ...[
    tm3(5896, 102, '481'),
    tm3(9205, 103),
    tm3(9206, 104),
    tm3(9207, 104.5),
    tm3(9208, 104.75),
    tm3(5897, 105, '482'),
    tm3(9209, 105.5),
    tm3(9210, 105.75),
    tm3(9211, 106),
    tm3(9212, 106.25),
    tm3(9213, 106.5),
    tm3(9214, 107),
    tm3(9215, 107.25),
    tm3(9216, 107.5),
    tm3(5899, 107.75),
    tm3(5898, 108, '491'),
    tm3(9217, 108.25),
    tm3(9218, 108.5),
  ],
];

const BY_KEY = new Map<string, CrsDef>();
for (const c of CRS_LIST) {
  BY_KEY.set(c.uri.toLowerCase(), c);
  BY_KEY.set(c.id.toLowerCase(), c);
}
// Spellings clients use besides the URI: OGC URNs and `[EPSG:4326]`-free short forms.
BY_KEY.set('urn:ogc:def:crs:ogc:1.3:crs84', CRS84);
BY_KEY.set('ogc:crs84', CRS84);
for (const c of CRS_LIST) {
  if (c === CRS84) continue;
  BY_KEY.set(`urn:ogc:def:crs:epsg::${c.epsg}`, c);
  BY_KEY.set(`https://www.opengis.net/def/crs/epsg/0/${c.epsg}`, c);
}
BY_KEY.set('https://www.opengis.net/def/crs/ogc/1.3/crs84', CRS84);

/** The system a client named (URI, URN or `EPSG:n`), or undefined when it is not served. */
export function findCrs(name: string): CrsDef | undefined {
  return BY_KEY.get(
    name
      .trim()
      .replace(/^\[|\]$/g, '')
      .toLowerCase(),
  );
}

/** The system with this EPSG code as files store it (longitude first): CRS84 for 4326. */
export function crsForFiles(epsg: number): CrsDef | undefined {
  if (epsg === 4326) return CRS84;
  return CRS_LIST.find((c) => c.epsg === epsg && c.projected);
}

/**
 * OGC WKT 1 of a system, as GeoPackage's gpkg_spatial_ref_sys and a Shapefile's .prj carry it.
 * VN-2000 includes TOWGS84 (the Decision 05/2007 shift) so that QGIS, ArcGIS and GDAL place the
 * data where the portal does instead of guessing a datum shift; AUTHORITY lets them name the EPSG code.
 */
export function crsWkt(c: CrsDef): string {
  if (!c.projected) return WGS84_WKT;
  const { lon0, k } = c.tm!;
  return (
    `PROJCS["${c.name}",${VN2000_GEOGCS},PROJECTION["Transverse_Mercator"],` +
    `PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${lon0}],PARAMETER["scale_factor",${k}],` +
    'PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],' +
    `AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","${c.epsg}"]]`
  );
}
