import { CRS84_URI, CRS_LIST, type CrsDef } from '../../geo/crs.ts';
import { TILE_LAYERS } from '../tiles/mvt.ts';
import { todayInVietnam } from '../../geo/periods.ts';
import { displayNames } from './display-names.ts';
import { COLLECTION_INFO, CONFORMANCE } from './ogc.collections.ts';
import { featureJson, keyOf, kindsOf } from './ogc.features.ts';
import { badRequest, notFound, notFoundInScope } from '../errors.ts';
import type { ExportsService } from '../exports/exports.service.ts';
import type { RequestContext } from '../auth/context.ts';
import type { ValuesService } from '../values/values.service.ts';
import { valueTable, type ValueTable } from '../values/value-table.ts';
import { ExportWindow, listingKey } from './export-window.ts';
import { keyText, parseBbox, parseCrs, parseCursor, parseDateTime, parseKey, parseList } from './ogc.params.ts';
import {
  COLLECTIONS,
  type CollectionId,
  type FeatureRow,
  type OgcRepository,
  type PageQuery,
} from './ogc.repository.ts';
import {
  DEFAULT_LIMIT,
  MAX_INDICATORS,
  type Collection,
  type FeatureQuery,
  type ItemsQuery,
  type MetaQuery,
} from './ogc.schemas.ts';

export const GEOJSON = 'application/geo+json';
export const OPENAPI_JSON = 'application/vnd.oai.openapi+json;version=3.0';

export interface OgcDeps {
  repo: OgcRepository;
  values: ValuesService;
  exports: ExportsService;
  /** Changes whenever units or hotspots change (the tile service's data version): extents are cached by it. */
  dataVersion: () => Promise<string>;
  isDemo: () => Promise<boolean>;
  /** The offline basemap archives (id, name): their TileJSON is linked from the landing page. */
  basemaps: () => { id: string; name: string }[];
  today?: () => string;
}

const TILE_LAYER_NAMES: Record<(typeof TILE_LAYERS)[number], string> = {
  ward: 'phường, xã / wards',
  group: 'tổ dân phố, thôn / residential groups',
  hotspot: 'địa bàn phức tạp / hotspots',
};

export interface ItemsAnswer {
  body: string;
  crs: CrsDef;
}

/** Query values as the links repeat them (validated, so plain strings and numbers). */
export type RawQuery = Record<string, string | number | undefined>;

/**
 * OGC API – Features over the portal's data: collections, pages of features with their unique
 * display names and indicator values, in any served CRS, always within the caller's scope, and
 * audited as exports by the rule of export-window.ts.
 */
export class OgcService {
  private readonly window = new ExportWindow();
  private readonly extents = new Map<string, Promise<Collection['extent']>>();
  private readonly today: () => string;

  constructor(private readonly deps: OgcDeps) {
    this.today = deps.today ?? (() => todayInVietnam());
  }

  /** The landing page: where everything is, including the vector tiles' TileJSON for QGIS and MapLibre. */
  landing(origin: string, demo: boolean) {
    const base = `${origin}/ogc`;
    const links = [
      { href: base, rel: 'self', type: 'application/json', title: 'Trang này / this document' },
      { href: `${base}?f=html`, rel: 'alternate', type: 'text/html', title: 'Trang này dạng HTML / this page as HTML' },
      {
        href: `${base}/api`,
        rel: 'service-desc',
        type: OPENAPI_JSON,
        title: 'Mô tả API (OpenAPI 3.0) / API definition',
      },
      {
        href: `${base}/conformance`,
        rel: 'conformance',
        type: 'application/json',
        title: 'Chuẩn tuân thủ / conformance',
      },
      { href: `${base}/collections`, rel: 'data', type: 'application/json', title: 'Các lớp dữ liệu / collections' },
      ...TILE_LAYERS.map((layer) => ({
        href: `${origin}/tiles/${layer}.json`,
        rel: 'related',
        type: 'application/json',
        title: `TileJSON: ${TILE_LAYER_NAMES[layer]}`,
      })),
      ...this.deps.basemaps().map((b) => ({
        href: `${origin}/tiles/basemap/${b.id}.json`,
        rel: 'related',
        type: 'application/json',
        title: `TileJSON: bản đồ nền / basemap ${b.name}`,
      })),
    ];
    return {
      title: 'ANTT Atlas — OGC API Features',
      description:
        'Ranh giới phường, xã, tổ dân phố, địa bàn phức tạp và kế hoạch chuyển hóa cùng số liệu chỉ tiêu, trong phạm vi của bạn / ' +
        'wards, residential groups, hotspots and plan items with indicator values, within your scope' +
        (demo ? ' — DỮ LIỆU MẪU / DEMO DATA (synthetic)' : ''),
      demo,
      links,
    };
  }

  /** The items' parameters given to a metadata document: checked (garbage is a 400 anywhere), then unused. */
  checkQuery(q: MetaQuery): void {
    parseCrs(q.crs, 'crs');
    const bboxCrs = parseCrs(q['bbox-crs'], 'bbox-crs');
    if (q.bbox !== undefined) parseBbox(q.bbox, bboxCrs);
    if (q.datetime !== undefined) parseDateTime(q.datetime, this.today());
    parseList(q.indicator, 'indicator', MAX_INDICATORS);
  }

  conformance(): { conformsTo: string[] } {
    return { conformsTo: [...CONFORMANCE] };
  }

  async collections(ctx: RequestContext, base: string) {
    const collections = await Promise.all(COLLECTIONS.map((id) => this.describe(ctx, base, id)));
    return {
      links: [
        { href: `${base}/collections`, rel: 'self', type: 'application/json', title: 'Các lớp dữ liệu / collections' },
      ],
      collections,
    };
  }

  async collection(ctx: RequestContext, base: string, id: string): Promise<Collection> {
    return this.describe(ctx, base, collectionId(id));
  }

  async items(ctx: RequestContext, base: string, id: string, q: ItemsQuery, raw: RawQuery): Promise<ItemsAnswer> {
    const collection = collectionId(id);
    const crs = parseCrs(q.crs, 'crs');
    const bboxCrs = parseCrs(q['bbox-crs'], 'bbox-crs');
    if (q['bbox-crs'] !== undefined && q.bbox === undefined) {
      throw badRequest('params.bbox_crs_without_bbox', '"bbox-crs" cần "bbox" / bbox-crs without bbox', {
        field: 'bbox-crs',
        params: { field: 'bbox-crs' },
      });
    }
    const time = parseDateTime(q.datetime, this.today());
    const bbox = q.bbox === undefined ? null : { coords: parseBbox(q.bbox, bboxCrs), srid: bboxCrs.srid };
    if (q.after !== undefined && q.before !== undefined) {
      throw badRequest('params.invalid_cursor', 'Chỉ một trong "after", "before" / give after or before, not both', {
        field: 'before',
        params: { field: 'before' },
      });
    }
    const twoPart = collection === 'plan-items';
    const after = q.after === undefined ? undefined : parseCursor(q.after, twoPart, 'after');
    const before = q.before === undefined ? undefined : parseCursor(q.before, twoPart, 'before');
    const limit = q.limit ?? DEFAULT_LIMIT;
    const indicators = this.indicatorsOf(q);

    const base0 = { collection, time, bbox, scope: ctx.scope, actorId: ctx.actor?.id ?? null };
    const page: PageQuery = { ...base0, limit: limit + 1, ...(after ? { after } : {}), ...(before ? { before } : {}) };
    const [rows, matched, demo] = await Promise.all([
      this.deps.repo.page(page, { crs, geometry: 'geojson' }),
      this.deps.repo.count(base0),
      this.deps.isDemo(),
    ]);
    // One row beyond the page says whether there is more in the direction of travel.
    const more = rows.length > limit;
    const shown = before ? rows.slice(more ? 1 : 0) : rows.slice(0, limit);
    const hasNext = before ? true : more;
    const hasPrev = before ? more : after !== undefined;
    const [values, names] = await Promise.all([
      this.values(collection, shown, indicators, q.period, ctx),
      displayNames(this.deps.repo, shown, kindsOf(collection)),
    ]);

    const itemsUrl = `${base}/collections/${collection}/items`;
    const keep = Object.fromEntries(
      Object.entries(raw).filter(([k, v]) => k !== 'after' && k !== 'before' && v !== undefined),
    );
    const link = (extra: Record<string, string>) =>
      `${itemsUrl}?${new URLSearchParams({ ...stringify(keep), ...extra })}`;
    const links: object[] = [
      { href: link({}), rel: 'self', type: GEOJSON, title: 'Trang này / this page' },
      { href: `${base}/collections/${collection}`, rel: 'collection', type: 'application/json' },
    ];
    if (shown.length && hasNext)
      links.push({
        href: link({ after: keyText(keyOf(collection, shown[shown.length - 1]!)) }),
        rel: 'next',
        type: GEOJSON,
        title: 'Trang sau / next page',
      });
    if (shown.length && hasPrev)
      links.push({
        href: link({ before: keyText(keyOf(collection, shown[0]!)) }),
        rel: 'prev',
        type: GEOJSON,
        title: 'Trang trước / previous page',
      });

    const features = shown.map((r, i) => featureJson(collection, r, names[i]!, values));
    const body =
      `{"type":"FeatureCollection","demo":${demo},"timeStamp":"${new Date().toISOString()}",` +
      `"numberMatched":${matched},"numberReturned":${shown.length},"links":${JSON.stringify(links)},` +
      `"features":[${features.join(',')}]}`;

    if (!after && !before && this.window.shouldRecord(listingKey(ctx.actor?.id ?? null, collection, raw))) {
      await this.deps.exports.record(ctx, {
        format: 'ogc',
        kind: collection,
        detail: { ...auditDetail(raw), number_matched: matched },
      });
    }
    return { body, crs };
  }

  async feature(
    ctx: RequestContext,
    base: string,
    id: string,
    featureId: string,
    q: FeatureQuery,
  ): Promise<ItemsAnswer> {
    const collection = collectionId(id);
    const key = parseKey(featureId, collection === 'plan-items');
    if (!key) throw notFoundInScope('feature', featureId, 'featureId');
    const crs = parseCrs(q.crs, 'crs');
    const indicators = this.indicatorsOf(q);
    // Without a date: the feature as on its last valid day up to today (any version of it may be asked for).
    const time =
      q.datetime === undefined
        ? { start: null, end: this.today(), instant: false }
        : parseDateTime(q.datetime, this.today());
    if (q.datetime !== undefined && !time.instant) {
      throw badRequest(
        'params.invalid_datetime',
        '"datetime" của một đối tượng là một ngày / a feature is asked for at one date',
        { field: 'datetime', params: { field: 'datetime' } },
      );
    }
    const [rows, demo] = await Promise.all([
      this.deps.repo.page(
        { collection, time, bbox: null, scope: ctx.scope, actorId: ctx.actor?.id ?? null, limit: 1, key },
        { crs, geometry: 'geojson' },
      ),
      this.deps.isDemo(),
    ]);
    const row = rows[0];
    // Absent, out of scope or not valid on the date: one answer (it names only what was sent).
    if (!row) throw notFoundInScope('feature', featureId, 'featureId');
    const [values, [name]] = await Promise.all([
      this.values(collection, [row], indicators, q.period, ctx),
      displayNames(this.deps.repo, [row], kindsOf(collection)),
    ]);
    const links = [
      { href: `${base}/collections/${collection}/items/${keyText(key)}`, rel: 'self', type: GEOJSON },
      { href: `${base}/collections/${collection}`, rel: 'collection', type: 'application/json' },
    ];
    const json = featureJson(collection, row, name!, values);
    const body = `${json.slice(0, -1)},"demo":${demo},"links":${JSON.stringify(links)}}`;
    const raw = { ...stringify(q as RawQuery), feature: keyText(key) };
    if (this.window.shouldRecord(listingKey(ctx.actor?.id ?? null, collection, raw))) {
      await this.deps.exports.record(ctx, {
        format: 'ogc',
        kind: collection,
        id: row.id,
        detail: { ...auditDetail(raw), feature: keyText(key) },
      });
    }
    return { body, crs };
  }

  private indicatorsOf(q: { indicator?: string | undefined; period?: string | undefined }): string[] {
    const indicators = parseList(q.indicator, 'indicator', MAX_INDICATORS);
    if (indicators.length && !q.period) {
      throw badRequest(
        'params.period_required',
        'Cần "period" (YYYY-MM) cho giá trị chỉ tiêu / "period" (YYYY-MM) is needed with "indicator"',
        { field: 'period', params: { field: 'period' } },
      );
    }
    return indicators;
  }

  /** Value tables for the rows, one per reference date (an interval spans boundary versions). */
  private async values(
    collection: CollectionId,
    rows: FeatureRow[],
    indicators: string[],
    period: string | undefined,
    ctx: RequestContext,
  ): Promise<Map<string, ValueTable>> {
    const out = new Map<string, ValueTable>();
    if (!indicators.length || !period) return out;
    for (const at of new Set(rows.map((r) => r.ref))) {
      const level = COLLECTION_INFO[collection].level;
      out.set(at, await valueTable(this.deps.values, { indicators, periods: [period], level, at, scope: ctx.scope }));
    }
    // A page without rows still checks the indicators (a wrong key is a 400, not an empty success).
    if (!rows.length) {
      const level = COLLECTION_INFO[collection].level;
      await valueTable(this.deps.values, { indicators, periods: [period], level, at: this.today(), scope: ctx.scope });
    }
    return out;
  }

  private async describe(ctx: RequestContext, base: string, id: CollectionId): Promise<Collection> {
    const info = COLLECTION_INFO[id];
    return {
      id,
      title: `${info.titleVi} / ${info.titleEn}`,
      description: info.description,
      links: [
        { href: `${base}/collections/${id}`, rel: 'self', type: 'application/json' },
        { href: `${base}/collections/${id}/items`, rel: 'items', type: GEOJSON, title: info.titleVi },
      ],
      extent: await this.extent(ctx, id),
      itemType: 'feature',
      crs: CRS_LIST.map((c) => c.uri),
      storageCrs: CRS84_URI,
    };
  }

  private async extent(ctx: RequestContext, id: CollectionId): Promise<Collection['extent']> {
    const actorId = ctx.actor?.id ?? null;
    const key = [await this.deps.dataVersion(), id, ctx.scope.key, id === 'plan-items' ? actorId : ''].join('|');
    let hit = this.extents.get(key);
    if (!hit) {
      hit = this.deps.repo.extent(id, ctx.scope, actorId).then((e) => ({
        spatial: { bbox: [e.bbox ?? [-180, -90, 180, 90]], crs: CRS84_URI },
        temporal: {
          interval: [[e.from ? `${e.from}T00:00:00+07:00` : null, e.open || !e.to ? null : `${e.to}T00:00:00+07:00`]],
          trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
        },
      }));
      hit.catch(() => this.extents.delete(key));
      // Plan items change without the data version moving: their extent is not kept.
      if (id !== 'plan-items') {
        while (this.extents.size >= 64) this.extents.delete(this.extents.keys().next().value!);
        this.extents.set(key, hit);
      }
    }
    return hit;
  }
}

function collectionId(id: string): CollectionId {
  if ((COLLECTIONS as readonly string[]).includes(id)) return id as CollectionId;
  throw notFound(
    'ogc.collection_not_found',
    `Không có lớp dữ liệu này / no such collection; collections: ${COLLECTIONS.join(', ')}`,
    { field: 'collectionId', params: { field: 'collectionId', collections: [...COLLECTIONS] } },
  );
}

const stringify = (q: RawQuery): Record<string, string> =>
  Object.fromEntries(
    Object.entries(q)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

function auditDetail(raw: RawQuery): Record<string, unknown> {
  const pick = ['datetime', 'bbox', 'bbox-crs', 'crs', 'indicator', 'period'];
  return Object.fromEntries(pick.filter((k) => raw[k] !== undefined).map((k) => [k.replace('-', '_'), raw[k]]));
}
