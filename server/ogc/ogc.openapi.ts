/**
 * The OGC API's own OpenAPI 3.0 document (`/ogc/api`, conformance class oas30), made from the
 * same TypeBox schemas the routes validate with, so the description cannot drift from the
 * behaviour; a test validates real answers against it with Ajv. GDAL and QGIS read it (the `limit`
 * bound, the parameters of each path).
 */
import { documentNumbers } from '../http/numbers.ts';
import { ErrorResponse } from '../http/errors.schemas.ts';
import { CRS_LIST } from '../../geo/crs.ts';
import { COLLECTIONS } from './ogc.repository.ts';
import {
  Collection,
  Collections,
  Conformance,
  Feature,
  FeatureCollection,
  FeatureQuery,
  ItemsQuery,
  LandingPage,
} from './ogc.schemas.ts';
import { GEOJSON, OPENAPI_JSON } from './ogc.service.ts';

type Json = Record<string, unknown>;

/** JSON Schema (TypeBox) → OpenAPI 3.0 schema: `null` unions become `nullable`, `const` an enum. */
export function toOpenApi30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApi30);
  if (typeof schema !== 'object' || schema === null) return schema;
  const s = { ...(schema as Json) };
  if (Array.isArray(s.anyOf)) {
    const branches = s.anyOf as Json[];
    const rest = branches.filter((b) => b.type !== 'null');
    if (rest.length < branches.length) {
      delete s.anyOf;
      // OpenAPI 3.0 reads `nullable` only next to a `type`: several branches of one type (the
      // geometry kinds are all objects) carry that type alongside their anyOf.
      const types = new Set(rest.map((b) => b.type));
      const shared = types.size === 1 && rest[0]!.type !== undefined ? { type: rest[0]!.type } : {};
      const merged =
        rest.length === 1
          ? { ...s, ...(toOpenApi30(rest[0]) as Json) }
          : { ...s, ...shared, anyOf: rest.map(toOpenApi30) };
      return { ...merged, nullable: true };
    }
  }
  if ('const' in s) {
    s.enum = [s.const];
    delete s.const;
  }
  if (Array.isArray(s.enum) && s.type === undefined && (s.enum as unknown[]).every((v) => typeof v === 'string')) {
    s.type = 'string';
  }
  for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'x-numeric') s[k] = toOpenApi30(v);
  return s;
}

const schema = (x: unknown) => toOpenApi30(JSON.parse(JSON.stringify(documentNumbers(x))));

function queryParameters(obj: { properties: Record<string, unknown> }, refs: Record<string, string>): Json[] {
  return Object.entries(obj.properties).map(([name, s]) =>
    refs[name]
      ? { $ref: `#/components/parameters/${refs[name]}` }
      : { name, in: 'query', required: false, style: 'form', explode: false, schema: schema(s) },
  );
}

const json = (ref: string) => ({ 'application/json': { schema: { $ref: `#/components/schemas/${ref}` } } });
const errors = {
  '400': { description: 'bad request: the parameter named in `field` and why', content: json('Error') },
  '401': { description: 'not signed in, or the API token is invalid or expired', content: json('Error') },
  '429': { description: 'too many requests', content: json('Error') },
};

/** The document, with absolute URLs on the caller's origin and the indicator keys available now. */
export function ogcOpenApi(origin: string, indicators: readonly string[]): Json {
  const ids = { name: 'collectionId', in: 'path', required: true, schema: { type: 'string', enum: [...COLLECTIONS] } };
  const crsList = CRS_LIST.map((c) => c.uri);
  const itemsParams = queryParameters(ItemsQuery, {
    limit: 'limit',
    bbox: 'bbox',
    datetime: 'datetime',
    crs: 'crs',
    'bbox-crs': 'bbox-crs',
  });
  const contentCrs = {
    'Content-Crs': {
      description: 'the system of the coordinates, as <URI>',
      schema: { type: 'string', enum: crsList.map((u) => `<${u}>`) },
    },
  };
  return {
    openapi: '3.0.3',
    info: {
      title: 'ANTT Atlas — OGC API Features',
      version: '1.0.0',
      description:
        'Ranh giới và số liệu chỉ tiêu ANTT trong phạm vi của người dùng / boundaries and security indicators within ' +
        'the caller’s scope. Sign in with the portal’s session cookie or `Authorization: Bearer <API token>`.',
    },
    servers: [{ url: `${origin}/ogc` }],
    security: [{ bearer: [] }, { session: [] }],
    paths: {
      '/': {
        get: {
          operationId: 'getLandingPage',
          summary: 'Trang đầu / landing page',
          parameters: [{ name: 'f', in: 'query', schema: { type: 'string', enum: ['json', 'html'] } }],
          security: [],
          responses: {
            '200': {
              description: 'links to the API definition, conformance, collections and TileJSON',
              content: { ...json('LandingPage'), 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/conformance': {
        get: {
          operationId: 'getConformance',
          summary: 'Các chuẩn tuân thủ / conformance classes',
          security: [],
          responses: { '200': { description: 'conformance classes', content: json('Conformance') } },
        },
      },
      '/api': {
        get: {
          operationId: 'getApi',
          summary: 'Tài liệu này / this document',
          security: [],
          responses: {
            '200': { description: 'OpenAPI 3.0', content: { [OPENAPI_JSON]: { schema: { type: 'object' } } } },
          },
        },
      },
      '/collections': {
        get: {
          operationId: 'getCollections',
          summary: 'Các lớp dữ liệu / collections',
          responses: { '200': { description: 'the collections', content: json('Collections') }, ...errors },
        },
      },
      '/collections/{collectionId}': {
        get: {
          operationId: 'describeCollection',
          summary: 'Mô tả một lớp / one collection',
          parameters: [ids],
          responses: {
            '200': { description: 'the collection', content: json('Collection') },
            '404': { description: 'no such collection', content: json('Error') },
            ...errors,
          },
        },
      },
      '/collections/{collectionId}/items': {
        get: {
          operationId: 'getFeatures',
          summary: 'Các đối tượng / features',
          description:
            'Features valid at `datetime` in the caller’s scope, ordered by id; `next`/`prev` links page through them. ' +
            `Indicators available: ${indicators.join(', ') || '(none)'}.`,
          parameters: [ids, ...itemsParams],
          responses: {
            '200': {
              description: 'a page of features',
              headers: contentCrs,
              content: { [GEOJSON]: { schema: { $ref: '#/components/schemas/FeatureCollection' } } },
            },
            '404': { description: 'no such collection', content: json('Error') },
            ...errors,
          },
        },
      },
      '/collections/{collectionId}/items/{featureId}': {
        get: {
          operationId: 'getFeature',
          summary: 'Một đối tượng / one feature',
          parameters: [
            ids,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' } },
            ...queryParameters(FeatureQuery, { crs: 'crs' }),
          ],
          responses: {
            '200': {
              description: 'the feature',
              headers: contentCrs,
              content: { [GEOJSON]: { schema: { $ref: '#/components/schemas/Feature' } } },
            },
            '404': { description: 'no such feature in your scope (or not valid on the date)', content: json('Error') },
            ...errors,
          },
        },
      },
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'personal API token (atlas_…), from the account page' },
        session: { type: 'apiKey', in: 'cookie', name: 'atlas_session' },
      },
      parameters: {
        limit: {
          name: 'limit',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: schema(ItemsQuery.properties.limit),
        },
        bbox: {
          name: 'bbox',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
          description: 'minx,miny,maxx,maxy in bbox-crs (latitude first for EPSG:4326); features that intersect it',
        },
        datetime: {
          name: 'datetime',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: schema(ItemsQuery.properties.datetime),
        },
        crs: {
          name: 'crs',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'string', format: 'uri', enum: crsList },
        },
        'bbox-crs': {
          name: 'bbox-crs',
          in: 'query',
          required: false,
          style: 'form',
          explode: false,
          schema: { type: 'string', format: 'uri', enum: crsList },
        },
      },
      schemas: {
        LandingPage: schema(LandingPage),
        Conformance: schema(Conformance),
        Collection: schema(Collection),
        Collections: {
          ...(schema(Collections) as Json),
          properties: {
            links: (schema(Collections) as { properties: Json }).properties.links,
            collections: { type: 'array', items: { $ref: '#/components/schemas/Collection' } },
          },
        },
        Feature: schema(Feature),
        FeatureCollection: {
          ...(schema(FeatureCollection) as Json),
          properties: {
            ...(schema(FeatureCollection) as { properties: Json }).properties,
            features: { type: 'array', items: { $ref: '#/components/schemas/Feature' } },
          },
        },
        Error: schema(ErrorResponse),
      },
    },
  };
}
