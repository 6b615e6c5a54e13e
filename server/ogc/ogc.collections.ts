/**
 * What the OGC API offers: the conformance classes it claims and its collections' titles (vi/en),
 * descriptions and map level — the catalogue the landing page, /collections and the HTML pages read.
 */
import type { MapLevel } from '../../geo/levels.ts';
import type { CollectionId } from './ogc.repository.ts';

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
];

export interface CollectionInfo {
  titleVi: string;
  titleEn: string;
  description: string;
  /** The map level whose values its features carry. */
  level: MapLevel;
}

export const COLLECTION_INFO: Record<CollectionId, CollectionInfo> = {
  wards: {
    titleVi: 'Phường, xã',
    titleEn: 'Wards and communes',
    description:
      'Phường, xã, thị trấn của phiên bản ranh giới có hiệu lực vào ngày `datetime` / wards of the boundary version in force on the date asked',
    level: 'ward',
  },
  groups: {
    titleVi: 'Tổ dân phố, thôn',
    titleEn: 'Residential groups and hamlets',
    description:
      'Tổ dân phố, thôn có hiệu lực vào ngày `datetime`, với phường/xã của chúng / residential groups valid on the date, with their ward',
    level: 'group',
  },
  hotspots: {
    titleVi: 'Địa bàn phức tạp',
    titleEn: 'Hotspots (complex residential groups)',
    description:
      'Tổ dân phố, thôn phức tạp đã xác định đến ngày `datetime`, với trạng thái chuyển hóa vào ngày đó / hotspots designated by the date, with their status then',
    level: 'group',
  },
  'plan-items': {
    titleVi: 'Tổ trong kế hoạch chuyển hóa',
    titleEn: 'Groups in transformation plans',
    description:
      'Các tổ dân phố, thôn trong kế hoạch chuyển hóa bạn được xem (trừ bản đã được thay thế) / groups of the plans you may open (superseded revisions left out)',
    level: 'group',
  },
};
