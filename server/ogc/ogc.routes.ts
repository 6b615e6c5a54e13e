import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { READERS } from '../auth/roles.ts';
import { badRequest } from '../errors.ts';
import { originOf } from '../http/origin.ts';
import { errorResponses } from '../http/errors.schemas.ts';
import { userRateLimit } from '../http/rate-limit.ts';
import { landingHtml } from './ogc.html.ts';
import { ogcOpenApi } from './ogc.openapi.ts';
import {
  Collection,
  CollectionParams,
  Collections,
  Conformance,
  FeatureParams,
  FeatureQuery,
  ItemsQuery,
  LandingPage,
  MetaQuery,
} from './ogc.schemas.ts';
import { GEOJSON, OPENAPI_JSON, type RawQuery } from './ogc.service.ts';

/**
 * A parameter sent twice with the same value counts once (GDAL's OAPIF driver repeats the query of
 * the URL it was given on every next link, which already holds it); `indicator` lists are joined;
 * two different values of one parameter are refused, naming it.
 */
async function collapseRepeats(request: FastifyRequest): Promise<void> {
  const q = request.query as Record<string, unknown>;
  for (const [k, v] of Object.entries(q)) {
    if (!Array.isArray(v)) continue;
    const distinct = [...new Set(v.map(String))];
    if (k === 'indicator') q[k] = distinct.join(',');
    else if (distinct.length === 1) q[k] = distinct[0];
    else {
      throw badRequest(
        'params.repeated',
        `Tham số "${k}" lặp lại với giá trị khác nhau / parameter "${k}" repeated with different values`,
        { field: k, params: { field: k } },
      );
    }
  }
}

/** Whether the client prefers HTML to JSON (a browser), unless `f` says which. */
export function wantsHtml(f: string | undefined, accept: string | undefined): boolean {
  if (f) return f === 'html';
  const q = (type: string) => {
    let best = 0;
    for (const part of (accept ?? '').split(',')) {
      const [t, ...params] = part.trim().toLowerCase().split(';');
      const match = t === type || t === `${type.split('/')[0]}/*` || t === '*/*';
      if (!match) continue;
      const qv = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      const weight = (qv === undefined ? 1 : Number(qv)) - (t === type ? 0 : 0.0001);
      best = Math.max(best, weight);
    }
    return best;
  };
  return q('text/html') > q('application/json');
}

const contentCrs = (reply: FastifyReply, uri: string) => reply.header('content-crs', `<${uri}>`);

/**
 * OGC API – Features under /ogc (server/ogc/ogc.service.ts holds the rules). The landing page,
 * conformance and API definition carry no data and are public; collections and features need a
 * signed-in caller (session cookie or API token) and are limited to their scope, rate-limited per user.
 */
export const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const ogc = () => app.services.ogc;
  const rateLimit = userRateLimit(app.config.OGC_RATE_LIMIT);
  const base = (request: FastifyRequest) => `${originOf(request)}/ogc`;

  app.get(
    '/ogc',
    {
      config: { access: 'public', rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: trang đầu / landing page (JSON or HTML)',
        querystring: MetaQuery,
        response: { 200: LandingPage, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      ogc().checkQuery(request.query);
      const origin = originOf(request);
      const landing = ogc().landing(origin, await app.services.demo.isDemo());
      reply.header('vary', 'Accept');
      if (wantsHtml(request.query.f, request.headers.accept)) {
        return reply.type('text/html; charset=utf-8').send(landingHtml(origin, landing) as never);
      }
      return reply.type('application/json; charset=utf-8').send(landing);
    },
  );

  app.get(
    '/ogc/conformance',
    {
      config: { access: 'public', rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: chuẩn tuân thủ / conformance',
        querystring: MetaQuery,
        response: { 200: Conformance, ...errorResponses(400) },
      },
    },
    async (request) => {
      ogc().checkQuery(request.query);
      return ogc().conformance();
    },
  );

  app.get(
    '/ogc/api',
    {
      config: { access: 'public', rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: OpenAPI 3.0',
        querystring: MetaQuery,
        response: errorResponses(400),
      },
    },
    async (request, reply) => {
      ogc().checkQuery(request.query);
      const indicators = (await app.services.indicators.list()).map((i) => i.key);
      return reply.type(OPENAPI_JSON).send(JSON.stringify(ogcOpenApi(originOf(request), indicators)) as never);
    },
  );

  app.get(
    '/ogc/collections',
    {
      config: { access: READERS, rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: các lớp / collections',
        querystring: MetaQuery,
        response: { 200: Collections, ...errorResponses(400) },
      },
    },
    async (request) => {
      ogc().checkQuery(request.query);
      return ogc().collections(request.ctx, base(request));
    },
  );

  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { access: READERS, rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: một lớp / one collection',
        params: CollectionParams,
        querystring: MetaQuery,
        response: { 200: Collection, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      ogc().checkQuery(request.query);
      return ogc().collection(request.ctx, base(request), request.params.collectionId);
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { access: READERS, rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: các đối tượng / features (GeoJSON)',
        description:
          'A page of features valid at `datetime` in the caller’s scope, keyset-paged by id (`next`/`prev` links), ' +
          'with indicator values for `period` when `indicator` is given; coordinates in `crs` (Content-Crs header).',
        params: CollectionParams,
        querystring: ItemsQuery,
        response: errorResponses(400, 404),
      },
    },
    async (request, reply) => {
      const { body, crs } = await ogc().items(
        request.ctx,
        base(request),
        request.params.collectionId,
        request.query,
        request.query as RawQuery,
      );
      return contentCrs(reply, crs.uri).type(`${GEOJSON}; charset=utf-8`).send(body);
    },
  );

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      config: { access: READERS, rateLimit },
      preValidation: collapseRepeats,
      schema: {
        tags: ['ogc'],
        summary: 'OGC API Features: một đối tượng / one feature (GeoJSON)',
        params: FeatureParams,
        querystring: FeatureQuery,
        response: errorResponses(400, 404),
      },
    },
    async (request, reply) => {
      const { collectionId, featureId } = request.params;
      const { body, crs } = await ogc().feature(request.ctx, base(request), collectionId, featureId, request.query);
      return contentCrs(reply, crs.uri).type(`${GEOJSON}; charset=utf-8`).send(body);
    },
  );
};
