/**
 * Works out the coordinate system of an uploaded boundary file, as something PostGIS's
 * ST_Transform understands: an SRID from its spatial_ref_sys, or a PROJ string.
 *
 * Land-office Shapefiles are usually in VN-2000 (UTM 48N/49N or a provincial TM-3 zone) and their
 * ESRI-style .prj names the datum but carries no TOWGS84, so a naive transform is off by ~100 m.
 * For VN-2000 we always apply the official seven-parameter shift of Decision 05/2007/QĐ-BTNMT (the
 * same one EPSG and PostGIS's spatial_ref_sys carry for EPSG:4756/3405/3406/5896–5899).
 */
import { VN2000_TOWGS84 } from '../../../geo/crs.ts';

export type Crs = { srid: number; label: string } | { proj: string; label: string };

export class CrsError extends Error {}

/** Decision 05/2007/QĐ-BTNMT, position-vector convention as PROJ expects it (one constant, in geo/crs.ts). */
export { VN2000_TOWGS84 };

export const WGS84: Crs = { srid: 4326, label: 'WGS 84 (EPSG:4326)' };

/** VN-2000 zones the portal recognises by name, besides any TM-3 central meridian read from a .prj. */
export const SUPPORTED_CRS_VI = [
  'WGS 84 (EPSG:4326, CRS84)',
  'VN-2000 / UTM 48N (EPSG:3405), UTM 49N (EPSG:3406)',
  'VN-2000 / TM-3 múi 3° với mọi kinh tuyến trục tỉnh (k = 0,9999, x₀ = 500 000 m), kể cả EPSG:5896–5899',
  'mọi mã EPSG có trong spatial_ref_sys của PostGIS',
];

/** From a GeoJSON `crs` member (2008 spec): `EPSG:3405`, `urn:ogc:def:crs:EPSG::3405`, CRS84. */
export function crsFromGeoJson(crs: unknown): Crs {
  if (crs === undefined || crs === null) return WGS84;
  const name = (crs as { properties?: { name?: unknown } }).properties?.name;
  if (typeof name !== 'string') throw new CrsError('GeoJSON "crs" has no properties.name');
  if (/CRS84$/i.test(name) || /EPSG:+4326$/i.test(name)) return WGS84;
  const m = /EPSG:+(\d{4,6})$/i.exec(name);
  if (m) return { srid: Number(m[1]), label: `EPSG:${m[1]}` };
  throw new CrsError(`Hệ tọa độ không hỗ trợ / unsupported GeoJSON crs "${name}"`);
}

function param(wkt: string, name: string): number | undefined {
  const m = new RegExp(`PARAMETER\\["${name}",\\s*(-?[\\d.eE+-]+)\\]`, 'i').exec(wkt);
  return m ? Number(m[1]) : undefined;
}

/** From the WKT of a .prj file (ESRI or OGC flavour). */
export function crsFromPrj(wkt: string): Crs {
  const text = wkt.trim();
  if (!text) throw new CrsError('Tệp .prj rỗng / empty .prj file');
  const epsg = /AUTHORITY\["EPSG",\s*"(\d+)"\]\s*\]\s*$/i.exec(text);
  const isVn2000 = /VN[-_ ]?2000|Vietnam[_ ]2000/i.test(text);
  if (!/^PROJCS\[/i.test(text)) {
    if (!/^GEOGCS\[/i.test(text)) throw new CrsError('Không đọc được tệp .prj / unreadable .prj (no PROJCS or GEOGCS)');
    if (isVn2000)
      return { proj: `+proj=longlat +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +no_defs`, label: 'VN-2000 (địa lý)' };
    if (/WGS[_ ]?(19)?84/i.test(text)) return WGS84;
    if (epsg) return { srid: Number(epsg[1]), label: `EPSG:${epsg[1]}` };
    throw new CrsError('Hệ tọa độ địa lý không hỗ trợ / unsupported geographic CRS in .prj');
  }
  if (!isVn2000) {
    if (epsg) return { srid: Number(epsg[1]), label: `EPSG:${epsg[1]}` };
    const utm = /WGS[_ ]?(19)?84[ _/]*UTM[_ ]zone[_ ](\d{1,2})N/i.exec(text);
    if (utm) return { srid: 32600 + Number(utm[2]), label: `WGS 84 / UTM ${utm[2]}N` };
    throw new CrsError('Hệ tọa độ chiếu không hỗ trợ / unsupported projected CRS in .prj (not VN-2000, no EPSG code)');
  }
  if (!/Transverse_Mercator/i.test(text))
    throw new CrsError('VN-2000 .prj with a projection other than Transverse Mercator');
  const lon0 = param(text, 'central_meridian');
  const k = param(text, 'scale_factor') ?? 0.9999;
  const x0 = param(text, 'false_easting') ?? 500000;
  const y0 = param(text, 'false_northing') ?? 0;
  const lat0 = param(text, 'latitude_of_origin') ?? 0;
  if (lon0 === undefined || lon0 < 100 || lon0 > 112) {
    throw new CrsError(`VN-2000 .prj without a central meridian inside Viet Nam (got ${lon0 ?? 'none'})`);
  }
  const label =
    Math.abs(k - 0.9996) < 1e-9 ? `VN-2000 / UTM (kinh tuyến ${lon0}°)` : `VN-2000 / TM-3 (kinh tuyến trục ${lon0}°)`;
  return {
    proj: `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=${k} +x_0=${x0} +y_0=${y0} +ellps=WGS84 +towgs84=${VN2000_TOWGS84} +units=m +no_defs`,
    label,
  };
}
