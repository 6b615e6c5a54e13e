import { NUMERIC_KEYWORD, type NumericSpec } from '../../server/http/numbers.ts';

type Schema = Record<string, unknown>;

export interface NumericParam {
  part: 'params' | 'querystring' | 'body';
  /** Path inside the part: ['year'], ['items', '0', 'unitId'], ['scope_unit_ids', '0']. */
  path: string[];
  spec: NumericSpec;
}

/**
 * Every numeric parameter a route's request schemas declare (through Int/Num/Id), found by walking
 * the schemas Fastify registered: the fuzz test needs no list of its own. Arrays contribute their
 * first item; unions each of their branches.
 */
export function numericParams(schema: { params?: unknown; querystring?: unknown; body?: unknown }): NumericParam[] {
  const out: NumericParam[] = [];
  const walk = (part: NumericParam['part'], node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const s = node as Schema;
    const spec = s[NUMERIC_KEYWORD] as NumericSpec | undefined;
    if (spec) {
      out.push({ part, path, spec });
      return;
    }
    if (s.properties) for (const [k, v] of Object.entries(s.properties as Schema)) walk(part, v, [...path, k]);
    if (s.items) walk(part, s.items, [...path, '0']);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(s[key])) for (const b of s[key] as unknown[]) walk(part, b, path);
    }
  };
  for (const part of ['params', 'querystring', 'body'] as const) walk(part, schema[part], []);
  // A union may name the same parameter twice (e.g. `selected: Id | null`).
  return out.filter((p, i) => out.findIndex((q) => q.part === p.part && q.path.join('.') === p.path.join('.')) === i);
}

/** Strings that satisfy the patterns request schemas use; the first that matches is taken. */
const PATTERN_SAMPLES = ['2017-12-31', '2017-12', 'drug_cases:1', 'drug_cases', 'Reds', 'fuzz.user', 'x'];

/**
 * A small value the schema accepts: required properties only, the least a bound allows, the first
 * enum value, the first union branch. With `force`, the value at that path is replaced (and the
 * objects on the way made to exist), so one parameter at a time can be sent wrong.
 */
export function sampleValue(schema: unknown, force?: { path: string[]; value: unknown }): unknown {
  const s = (schema ?? {}) as Schema;
  if (force && force.path.length === 0) return force.value;
  const sub = (key: string) =>
    force && force.path[0] === key ? { path: force.path.slice(1), value: force.value } : undefined;
  if (s[NUMERIC_KEYWORD]) return (s[NUMERIC_KEYWORD] as NumericSpec).minimum;
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  if (Array.isArray(s.anyOf)) {
    // The branch that holds the forced path (or the first), e.g. `Int | null`.
    return sampleValue((s.anyOf as unknown[])[0], force);
  }
  if (s.type === 'object' || s.properties) {
    const props = (s.properties ?? {}) as Schema;
    const required = new Set((s.required as string[] | undefined) ?? []);
    if (force) required.add(force.path[0]!);
    const out: Record<string, unknown> = {};
    for (const k of required) out[k] = sampleValue(props[k], sub(k));
    return out;
  }
  if (s.type === 'array') {
    const n = Math.max(Number(s.minItems ?? 0), force ? 1 : 0);
    return Array.from({ length: n }, (_, i) => sampleValue(s.items, sub(String(i))));
  }
  if (s.type === 'string') {
    if (typeof s.pattern === 'string') {
      const re = new RegExp(s.pattern as string);
      const hit = PATTERN_SAMPLES.find((p) => re.test(p));
      if (hit) return hit;
    }
    return 'x'.repeat(Math.max(1, Number(s.minLength ?? 1)));
  }
  if (s.type === 'boolean') return false;
  if (s.type === 'null') return null;
  return {};
}
