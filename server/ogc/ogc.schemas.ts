/**
 * The OGC API – Features contract (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference):
 * request parameters as the routes validate them, and the documents they answer with. The same
 * schemas make the API's own OpenAPI 3.0 document (ogc.openapi.ts) and the Ajv test of its answers.
 */
import { Type, type Static } from 'typebox';
import { Int } from '../http/numbers.ts';
import { MonthParam } from '../http/params.schemas.ts';

/** Largest page; GDAL and QGIS read the bound from the OpenAPI document (`limit` maximum). */
export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;
/** Indicators one request may join to its features. */
export const MAX_INDICATORS = 10;

const Format = (values: string[]) =>
  Type.Optional(Type.Enum(values, { description: 'representation; otherwise chosen by the Accept header' }));

const Uri = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 200, description }));

export const CollectionParams = Type.Object({
  collectionId: Type.String({ minLength: 1, maxLength: 100, description: 'wards, groups, hotspots or plan-items' }),
});

export const FeatureParams = Type.Object({
  collectionId: CollectionParams.properties.collectionId,
  featureId: Type.String({
    minLength: 1,
    maxLength: 40,
    description: 'the feature `id`: a unit or hotspot id, or `plan.unit` for a plan item',
  }),
});

const ValueParams = {
  indicator: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 700,
      description:
        `indicator keys, comma-separated (at most ${MAX_INDICATORS}): each adds the property \`<key>_<YYYY>_<MM>\` ` +
        'with the value of `period`, computed as /api/values computes it for the map',
    }),
  ),
  /** YYYY-MM: the month of the indicator values. */
  period: Type.Optional(MonthParam),
};

const DateTimeParam = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 80,
    description:
      'a date (YYYY-MM-DD), an RFC 3339 date-time, or an interval start/end with ".." for an open end; ' +
      'units valid then (the boundary version in force on that date). Default: today in Vietnam.',
  }),
);

export const ItemsQuery = Type.Object(
  {
    f: Format(['json']),
    limit: Type.Optional(
      Int({ minimum: 1, maximum: MAX_LIMIT, description: `features per page (default ${DEFAULT_LIMIT})` }),
    ),
    bbox: Type.Optional(
      Type.String({
        minLength: 7,
        maxLength: 200,
        description: 'minx,miny,maxx,maxy in bbox-crs (latitude first for EPSG:4326); features that intersect it',
      }),
    ),
    'bbox-crs': Uri('the system of bbox (default CRS84)'),
    crs: Uri('the system of the answer’s coordinates (default CRS84); see the collection’s `crs` list'),
    datetime: DateTimeParam,
    after: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'paging cursor (next link)' })),
    before: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'paging cursor (prev link)' })),
    ...ValueParams,
  },
  { additionalProperties: false },
);
export type ItemsQuery = Static<typeof ItemsQuery>;

/**
 * The metadata documents (landing page, conformance, API, collections) accept the items'
 * parameters too, checked and otherwise unused: GDAL's OAPIF driver adds the query of the URL it
 * was given (`OAPIF:…/ogc?datetime=2017-12-31`) to every request it makes, these included.
 */
export const MetaQuery = Type.Object(
  { ...ItemsQuery.properties, f: Format(['json', 'html']) },
  { additionalProperties: false },
);
export type MetaQuery = Static<typeof MetaQuery>;

export const FeatureQuery = Type.Object(
  {
    f: Format(['json']),
    crs: ItemsQuery.properties.crs,
    datetime: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 80,
        description:
          'a date or date-time: the feature as on that day (404 when not valid then); default: its last valid day up to today',
      }),
    ),
    ...ValueParams,
  },
  { additionalProperties: false },
);
export type FeatureQuery = Static<typeof FeatureQuery>;

export const Link = Type.Object({
  href: Type.String(),
  rel: Type.String(),
  type: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  hreflang: Type.Optional(Type.String()),
});

export const LandingPage = Type.Object({
  title: Type.String(),
  description: Type.String(),
  demo: Type.Boolean({ description: 'true while the data served is the synthetic demo' }),
  links: Type.Array(Link),
});

export const Conformance = Type.Object({ conformsTo: Type.Array(Type.String()) });

const Bbox = Type.Array(Type.Number(), { minItems: 4, maxItems: 4 });

export const Collection = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  links: Type.Array(Link),
  extent: Type.Object({
    spatial: Type.Object({ bbox: Type.Array(Bbox, { minItems: 1 }), crs: Type.String() }),
    temporal: Type.Object({
      interval: Type.Array(Type.Array(Type.Union([Type.String(), Type.Null()]), { minItems: 2, maxItems: 2 })),
      trs: Type.String(),
    }),
  }),
  itemType: Type.Literal('feature'),
  crs: Type.Array(Type.String()),
  storageCrs: Type.String(),
});
export type Collection = Static<typeof Collection>;

export const Collections = Type.Object({ links: Type.Array(Link), collections: Type.Array(Collection) });

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** Properties every feature carries; collections add theirs (hotspot status, plan fields) and values. */
export const FeatureProperties = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    display_name: Type.String({ description: 'unique among units of the same date (geo/unit-names.ts)' }),
    kind: Type.String(),
    parent_code: Nullable(Type.String()),
    parent_name: Nullable(Type.String()),
    households: Type.Union([Type.Integer(), Type.Null()]),
    valid_from: Type.String(),
    valid_to: Nullable(Type.String()),
    unit_id: Type.Integer(),
  },
  { additionalProperties: true },
);

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
export const Geometry = Type.Union([
  Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(Type.Array(Position, { minItems: 4 }))),
  }),
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Position, { minItems: 4 })) }),
  Type.Null(),
]);

export const Feature = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Union([Type.Integer(), Type.String()]),
  geometry: Geometry,
  properties: FeatureProperties,
  links: Type.Optional(Type.Array(Link)),
});

export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Feature),
  links: Type.Array(Link),
  timeStamp: Type.String({ format: 'date-time' }),
  numberMatched: Type.Integer({ minimum: 0 }),
  numberReturned: Type.Integer({ minimum: 0 }),
  demo: Type.Boolean(),
});
