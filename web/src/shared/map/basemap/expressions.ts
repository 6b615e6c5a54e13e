/**
 * Small pure helpers the two basemap styles share: the name to draw, legacy filters turned into
 * expressions (so they can be combined with `within`), and opacity that the user can turn down
 * without rebuilding the style.
 */
import type { BasemapSchema, LayerSpecification } from './types.ts';

type Json = unknown;
type Expression = unknown[];

/**
 * The label of a feature: the Vietnamese name, then the local one. OpenMapTiles builds by
 * tilemaker 2 write the local name as `name:latin` only (no `name`), hence the third choice.
 */
export function nameField(schema: BasemapSchema): Expression {
  return schema === 'protomaps'
    ? ['coalesce', ['get', 'name:vi'], ['get', 'name']]
    : ['coalesce', ['get', 'name:vi'], ['get', 'name'], ['get', 'name:latin']];
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

function legacyKey(key: string): Expression {
  if (key === '$type') return ['geometry-type'];
  if (key === '$id') return ['id'];
  return ['get', key];
}

/** Whether a filter is in the expression syntax (`['==', ['get', 'k'], v]`) rather than the legacy one. */
function isExpression(filter: Json): boolean {
  if (!Array.isArray(filter) || filter.length === 0) return false;
  const [op, ...args] = filter as [string, ...Json[]];
  if (op === 'all' || op === 'any' || op === 'none') return args.every((a) => isExpression(a));
  if (op === 'has' || op === '!has' || op === '!in') return op === 'has' && Array.isArray(args[0]);
  if (op === 'in') return Array.isArray(args[0]) || (args.length === 2 && Array.isArray(args[1]));
  if (COMPARISONS.has(op)) return typeof args[0] !== 'string';
  return true;
}

/**
 * A filter in the expression syntax. Legacy filters (Protomaps still writes some, e.g.
 * `['in', 'kind', 'river', 'stream']`) cannot be mixed with expressions inside one `all`.
 */
export function toExpressionFilter(filter: Json): Expression {
  if (filter === undefined) return ['literal', true];
  if (isExpression(filter)) return filter as Expression;
  const [op, ...args] = filter as [string, ...Json[]];
  if (op === 'all' || op === 'any') return [op, ...args.map(toExpressionFilter)];
  if (op === 'none') return ['!', ['any', ...args.map(toExpressionFilter)]];
  if (op === 'has') return args[0] === '$id' ? ['!=', ['id'], null] : ['has', args[0] as string];
  if (op === '!has') return ['!', ['has', args[0] as string]];
  if (op === 'in' || op === '!in') {
    const [key, ...values] = args as [string, ...Json[]];
    const test = values.length === 0 ? false : ['match', legacyKey(key), values, true, false];
    return op === 'in'
      ? test === false
        ? ['literal', false]
        : test
      : test === false
        ? ['literal', true]
        : ['!', test];
  }
  const [key, value] = args as [string, Json];
  return [op, legacyKey(key), value];
}

/** A number, or a zoom `interpolate`/`step` whose outputs are numbers, times `k`. */
export function scaleNumber(value: Json, k: number): Json {
  if (typeof value === 'number') return round(value * k);
  if (!Array.isArray(value)) return k;
  const [op] = value;
  if (op === 'interpolate') {
    // ['interpolate', type, input, stop, out, stop, out…]: outputs at even offsets from 4.
    return value.map((v, i) => (i >= 4 && i % 2 === 0 ? scaleNumber(v, k) : v));
  }
  if (op === 'step') {
    // ['step', input, out0, stop, out, …]: outputs at 2 and at even offsets after.
    return value.map((v, i) => (i >= 2 && i % 2 === 0 ? scaleNumber(v, k) : v));
  }
  return ['*', value, k];
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

const OPACITY: Partial<Record<LayerSpecification['type'], string>> = {
  background: 'background-opacity',
  fill: 'fill-opacity',
  line: 'line-opacity',
  symbol: 'text-opacity',
};

/** Where a layer's own opacity is kept, so the basemap opacity can be changed later. */
const BASE_OPACITY = 'atlas:base-opacity';

/** The layer with its opacity scaled by `opacity`, its own opacity remembered in `metadata`. */
export function withOpacity(layer: LayerSpecification, opacity: number): LayerSpecification {
  const prop = OPACITY[layer.type];
  if (!prop) return layer;
  const paint = { ...((layer as { paint?: Record<string, Json> }).paint ?? {}) };
  const base = paint[prop] ?? 1;
  paint[prop] = scaleNumber(base, opacity);
  const metadata = { ...((layer.metadata as Record<string, Json> | undefined) ?? {}), [BASE_OPACITY]: base };
  return { ...layer, paint, metadata } as LayerSpecification;
}

export interface PaintUpdate {
  layer: string;
  property: string;
  value: Json;
}

/**
 * The `setPaintProperty` calls that bring basemap layers to a new opacity (0–1), without
 * rebuilding the style or reloading a tile. Layers not made by this module are left alone.
 */
export function opacityUpdates(layers: readonly LayerSpecification[], opacity: number): PaintUpdate[] {
  const out: PaintUpdate[] = [];
  for (const layer of layers) {
    const prop = OPACITY[layer.type];
    const meta = layer.metadata as Record<string, Json> | undefined;
    if (!prop || !meta || !(BASE_OPACITY in meta)) continue;
    out.push({ layer: layer.id, property: prop, value: scaleNumber(meta[BASE_OPACITY], clamp01(opacity)) });
  }
  return out;
}

export function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 1;
}
