import { Type, type TUnsafe } from 'typebox';

/**
 * Numbers are numbers: the one schema helper for every numeric request parameter (path, query and
 * body). Ajv's own `integer`/`number` with `coerceTypes` lets `1e400` through as Infinity (its
 * bounds are skipped for non-finite values) and reads `0x10` as 16, so numeric parameters do not use
 * them: they carry the `x-numeric` keyword below, which checks the value as sent — a plain decimal
 * (no exponent, sign `+`, hex, blanks or leading zeros), finite, an integer where one is asked, within
 * its stated bounds — and only then stores the number. The app refuses to start when a request
 * schema uses a bare `integer` or `number` (see `assertNumbersUseHelper`).
 */
export const NUMERIC_KEYWORD = 'x-numeric';

export interface NumericSpec {
  integer: boolean;
  minimum: number;
  maximum: number;
  /** JSON null is accepted (and kept) too. Not a union with Type.Null: Ajv would coerce "" to null. */
  nullable?: boolean;
}

interface NumberOptions {
  minimum: number;
  maximum: number;
  default?: number;
  description?: string;
}

/** The largest id a PostgreSQL `integer` column holds. */
export const MAX_ID = 2147483647;

/** An integer parameter within [minimum, maximum]. */
export function Int(opts: NumberOptions): TUnsafe<number> {
  return numeric(true, opts);
}

/** A row id (1 … 2^31 − 1). */
export function Id(description?: string): TUnsafe<number> {
  return Int({ minimum: 1, maximum: MAX_ID, ...(description ? { description } : {}) });
}

/** A finite decimal number within [minimum, maximum]. */
export function Num(opts: NumberOptions): TUnsafe<number> {
  return numeric(false, opts);
}

/** An integer within bounds, or null (a value to clear). */
export function IntOrNull(opts: NumberOptions): TUnsafe<number | null> {
  return numeric(true, opts, true) as TUnsafe<number | null>;
}

/** A decimal within bounds, or null (a value to clear). */
export function NumOrNull(opts: NumberOptions): TUnsafe<number | null> {
  return numeric(false, opts, true) as TUnsafe<number | null>;
}

function numeric(integer: boolean, { minimum, maximum, ...rest }: NumberOptions, nullable = false): TUnsafe<number> {
  if (!(Number.isFinite(minimum) && Number.isFinite(maximum) && minimum <= maximum)) {
    throw new Error(`numeric parameter needs finite bounds, got [${minimum}, ${maximum}]`);
  }
  const spec: NumericSpec = { integer, minimum, maximum, ...(nullable ? { nullable } : {}) };
  return Type.Unsafe<number>({ [NUMERIC_KEYWORD]: spec, ...rest });
}

export type NumericProblem = 'params.not_integer' | 'params.not_number' | 'params.out_of_range';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const DECIMAL = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;
/** Longer than this the text cannot be a number any bound here allows; it is not even parsed. */
const MAX_DIGITS = 40;

/** The number a raw value stands for, or what is wrong with it. Pure: unit-tested on its own. */
export function parseNumeric(raw: unknown, spec: NumericSpec): number | NumericProblem {
  const wrongKind: NumericProblem = spec.integer ? 'params.not_integer' : 'params.not_number';
  let n: number;
  if (typeof raw === 'number') {
    n = raw;
  } else if (typeof raw === 'string') {
    if (raw.length > MAX_DIGITS) return /^-?[0-9]+$/.test(raw) ? 'params.out_of_range' : wrongKind;
    if (!(spec.integer ? INTEGER : DECIMAL).test(raw)) return wrongKind;
    n = Number(raw);
  } else {
    return wrongKind;
  }
  if (!Number.isFinite(n)) return typeof raw === 'string' ? 'params.out_of_range' : wrongKind;
  if (spec.integer && !Number.isInteger(n)) return wrongKind;
  if (spec.integer && !Number.isSafeInteger(n)) return 'params.out_of_range';
  if (n < spec.minimum || n > spec.maximum) return 'params.out_of_range';
  return n;
}

interface KeywordContext {
  parentData?: Record<string | number, unknown>;
  parentDataProperty?: string | number;
}

interface AjvLike {
  addKeyword(definition: object): unknown;
}

/** The Ajv plugin that implements `x-numeric` (given to Fastify's `ajv.plugins`). */
export function numericKeyword<A extends object>(instance: A): A {
  const ajv = instance as unknown as AjvLike;
  ajv.addKeyword({
    keyword: NUMERIC_KEYWORD,
    schemaType: 'object',
    modifying: true,
    errors: true,
    validate: function validate(
      this: unknown,
      spec: NumericSpec,
      data: unknown,
      _parentSchema: unknown,
      cxt?: KeywordContext,
    ): boolean {
      const self = validate as unknown as { errors?: object[] };
      if (data === null && spec.nullable) {
        self.errors = [];
        return true;
      }
      const result = parseNumeric(data, spec);
      if (typeof result === 'number') {
        if (cxt?.parentData && cxt.parentDataProperty !== undefined) cxt.parentData[cxt.parentDataProperty] = result;
        self.errors = [];
        return true;
      }
      self.errors = [
        {
          keyword: NUMERIC_KEYWORD,
          message: describeProblem(result, spec),
          params: { code: result, minimum: spec.minimum, maximum: spec.maximum, integer: spec.integer },
        },
      ];
      return false;
    },
  });
  return instance;
}

export function describeProblem(problem: NumericProblem, spec: NumericSpec): string {
  const range = `${spec.minimum} … ${spec.maximum}`;
  if (problem === 'params.out_of_range') return `must be between ${range}`;
  return spec.integer
    ? `must be a whole number written in digits, between ${range}`
    : `must be a decimal number written in digits, between ${range}`;
}

/**
 * Throws when a request schema declares `integer` or `number` itself instead of using Int/Num/Id:
 * such a parameter would take `1e400` as Infinity. Called for every route at registration.
 */
export function assertNumbersUseHelper(schema: unknown, where: string): void {
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    const o = node as Record<string, unknown>;
    const type = o.type;
    const types = Array.isArray(type) ? type : [type];
    if (types.includes('integer') || types.includes('number')) {
      throw new Error(`${where}${path}: numeric request parameters must use Int/Num/Id from server/http/numbers.ts`);
    }
    for (const [k, v] of Object.entries(o)) if (k !== NUMERIC_KEYWORD) walk(v, `${path}/${k}`);
  };
  walk(schema, '');
}

/** OpenAPI: shows `x-numeric` parameters as the integer/number they are (a copy; schemas stay as they are). */
export function documentNumbers<T>(doc: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = walk(v);
    const spec = (node as Record<string, unknown>)[NUMERIC_KEYWORD] as NumericSpec | undefined;
    if (spec && typeof spec === 'object' && 'integer' in spec) {
      out.type = spec.integer ? 'integer' : 'number';
      if (spec.nullable) out.nullable = true;
      out.minimum = spec.minimum;
      out.maximum = spec.maximum;
    }
    return out;
  };
  return walk(doc) as T;
}
