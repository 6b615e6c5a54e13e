import { Type, type Static } from 'typebox';
import { DateParam, LevelParam } from '../http/params.schemas.ts';
import { DOWNLOAD_FORMATS } from './downloads.service.ts';

/** Indicators and months one download may hold (columns = indicators × months). */
export const MAX_DOWNLOAD_INDICATORS = 10;
export const MAX_DOWNLOAD_PERIODS = 24;

export const DownloadQuery = Type.Object(
  {
    format: Type.Enum([...DOWNLOAD_FORMATS], {
      description: 'gpkg = GeoPackage; shp = Shapefile (ZIP: .shp .shx .dbf .prj .cpg + field list); geojson; csv',
    }),
    level: LevelParam,
    /** Boundary date (default: today in Vietnam). */
    at: Type.Optional(DateParam),
    bbox: Type.Optional(
      Type.String({
        minLength: 7,
        maxLength: 200,
        description: 'west,south,east,north in WGS 84 longitude/latitude: the map view; units that intersect it',
      }),
    ),
    indicator: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 700,
        description: `indicator keys, comma-separated (at most ${MAX_DOWNLOAD_INDICATORS})`,
      }),
    ),
    period: Type.Optional(
      Type.String({
        minLength: 7,
        maxLength: 24 * 8,
        pattern: '^\\d{4}-(0[1-9]|1[0-2])(,\\d{4}-(0[1-9]|1[0-2]))*$',
        description: `months YYYY-MM, comma-separated (at most ${MAX_DOWNLOAD_PERIODS}): one value column per indicator and month`,
      }),
    ),
    crs: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          'EPSG:4326 (default; longitude first in every file), or a VN-2000 system: EPSG:3405, 3406, 5896–5899, 9205–9218 (short form or OGC URI)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DownloadQueryString = Static<typeof DownloadQuery>;
