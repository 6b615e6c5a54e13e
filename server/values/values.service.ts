import { createHash } from 'node:crypto';
import { kindsOfLevel, type MapLevel } from '../../geo/levels.ts';
import { monthIndex, monthRange } from '../../geo/periods.ts';
import type { Scope } from '../auth/scope.ts';
import { badRequest } from '../errors.ts';
import type { IndicatorRow } from '../indicators/indicators.repository.ts';
import type { IndicatorsService } from '../indicators/indicators.service.ts';
import type { UnitsRepository } from '../units/units.repository.ts';
import type { ValuesGrid } from '../../geo/values-codec.ts';
import { forEachCell, type CellColumns, type ValuesRepository } from './values.repository.ts';

export const MAX_PERIODS = 240;

export interface ValuesQuery {
  indicator: string;
  level: MapLevel;
  from: string;
  to: string;
  at: string;
  scope: Scope;
}

export interface ValuesMatrix {
  indicator: string;
  level: MapLevel;
  at: string;
  periods: string[];
  ids: number[];
  /** values[i][j]: unit ids[i] in periods[j]; null when missing. */
  values: (number | null)[][];
  /** [i, j] of cells re-expressed from another boundary version through the crosswalk. */
  reexpressed: [number, number][];
}

/**
 * The values contract: all periods of one indicator for the units of one boundary version, with
 * groups summed into wards by the indicator's rules and ratios formed from summed parts.
 */
export class ValuesService {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly units: UnitsRepository,
    private readonly values: ValuesRepository,
    /**
     * A value that changes whenever units or their validity change (the tile service's boundary
     * version, re-read at most every few seconds); without it the ids list is read every time.
     */
    private readonly boundaryVersion?: () => Promise<string>,
  ) {}

  private readonly idsCache = new Map<string, Promise<IdList>>();

  /** Units or their validity changed (a domain event): the ids lists are built again. */
  forgetIds(): void {
    this.idsCache.clear();
  }

  async matrix(q: ValuesQuery): Promise<ValuesMatrix> {
    return toMatrix(await this.grid(q));
  }

  /**
   * The matrix as typed arrays (row-major, NaN = null): what the binary and JSON encoders read, and
   * how 100,000 units × 24 months stay a few MB instead of millions of JS objects.
   */
  async grid(q: ValuesQuery): Promise<ValuesGrid & { level: MapLevel; idsVersion: string }> {
    checkPeriodOrder(q.from, q.to);
    // Counted before the list is built: the bound sets the size of everything allocated below.
    if (monthIndex(q.to) - monthIndex(q.from) + 1 > MAX_PERIODS) {
      throw badRequest(
        'params.too_many_periods',
        `Tối đa ${MAX_PERIODS} tháng / at most ${MAX_PERIODS} months per request`,
        {
          field: 'to',
          params: { max: MAX_PERIODS },
        },
      );
    }
    const periods = monthRange(q.from, q.to);
    const def = await this.indicators.get(q.indicator);
    if (!def.levels.includes(q.level)) throw notAtLevel(def, q.level);
    const ids = await this.ids(q.level, q.at, q.scope);
    const cells = await this.cells(def, q, ids, periods.length);
    return { indicator: def.key, level: q.level, at: q.at, periods, ids: ids.typed, idsVersion: ids.version, ...cells };
  }

  /**
   * Ids of the units of a level valid at `at` in scope, the rows of every matrix for that boundary
   * version, with `version` = a hash of their Int32 bytes. Kept per boundary version (a few lists).
   */
  async ids(level: MapLevel, at: string, scope: Scope): Promise<IdList> {
    const load = async (): Promise<IdList> => {
      const list = await this.units.idsAt(kindsOfLevel(level), at, scope);
      const typed = Int32Array.from(list);
      const version = createHash('sha256')
        .update(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength))
        .digest('base64url')
        .slice(0, 27);
      let row: Map<number, number> | undefined;
      return { list, typed, version, row: () => (row ??= new Map(list.map((id, i) => [id, i]))) };
    };
    if (!this.boundaryVersion) return load();
    const key = [await this.boundaryVersion(), level, at, scope.key].join('|');
    let hit = this.idsCache.get(key);
    if (hit) {
      this.idsCache.delete(key); // most recently used last
    } else {
      hit = load();
      hit.catch(() => this.idsCache.delete(key));
      while (this.idsCache.size >= IDS_CACHE_ENTRIES) this.idsCache.delete(this.idsCache.keys().next().value!);
    }
    this.idsCache.set(key, hit);
    return hit;
  }

  private async cells(def: IndicatorRow, q: ValuesQuery, ids: IdList, p: number): Promise<Cells> {
    if (def.kind === 'ratio' && def.numerator_key && def.denominator_key) {
      const [num, den] = await Promise.all([
        this.baseCells(await this.indicators.get(def.numerator_key), q, ids, p),
        this.baseCells(await this.indicators.get(def.denominator_key), q, ids, p),
      ]);
      const values = new Float64Array(num.values.length);
      for (let k = 0; k < values.length; k++) {
        const n = num.values[k]!;
        const d = den.values[k]!;
        values[k] = n !== n || d !== d || d === 0 ? NaN : n / d;
      }
      return { values, reexpressed: mergeSorted(num.reexpressed, den.reexpressed) };
    }
    return this.baseCells(def, q, ids, p);
  }

  private async baseCells(def: IndicatorRow, q: ValuesQuery, ids: IdList, p: number): Promise<Cells> {
    let c: CellColumns;
    if (def.entry_level === q.level) {
      c = await this.values.ownColumns(def.key, q.from, q.to, q.scope);
    } else if (def.entry_level === 'group' && q.level === 'ward') {
      c = await this.values.childSumColumns(def.key, q.at, q.from, q.to, q.scope);
    } else {
      throw notAtLevel(def, q.level);
    }
    const row = ids.row();
    const values = new Float64Array(ids.typed.length * p).fill(NaN);
    forEachCell(c.direct, (u, j, v) => {
      const i = row.get(u);
      if (i !== undefined) values[i * p + j] = v;
    });
    // Re-expressed cells fill only what was not observed.
    const rx: number[] = [];
    forEachCell(c.via, (u, j, v) => {
      const i = row.get(u);
      if (i === undefined) return;
      const cell = i * p + j;
      if (values[cell] === values[cell]) return;
      values[cell] = v;
      rx.push(cell);
    });
    return { values, reexpressed: Uint32Array.from(rx).sort() };
  }
}

/** A window's first month may not come after its last. */
export function checkPeriodOrder(from: string, to: string): void {
  if (monthIndex(from) > monthIndex(to)) {
    throw badRequest('params.period_order', `"from" (${from}) phải trước "to" (${to}) / from must not be after to`, {
      field: 'from',
      params: { from, to },
    });
  }
}

function notAtLevel(def: IndicatorRow, level: MapLevel) {
  return badRequest(
    'indicator.not_at_level',
    `Chỉ tiêu "${def.key}" không có ở cấp "${level}" / not available at level ${level}; levels: ${def.levels.join(', ')}`,
    { field: 'level', params: { indicator: def.key, level, levels: def.levels } },
  );
}

/** How many ids lists (boundary version × level × date × scope) stay in memory; 100,000 ids ≈ 5 MB with the lookup map. */
export const IDS_CACHE_ENTRIES = 32;

export interface IdList {
  list: number[];
  typed: Int32Array;
  /** Hash of the Int32 bytes: the ETag of /api/values/ids and `idsVersion` of binary bodies. */
  version: string;
  /** Unit id → row index, built once per list. */
  row(): Map<number, number>;
}

interface Cells {
  values: Float64Array;
  reexpressed: Uint32Array;
}

/** The union of two sorted lists of cell indices, sorted, without duplicates. */
function mergeSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    const next = y >= b.length || (x < a.length && a[x]! <= b[y]!) ? a[x++]! : b[y++]!;
    if (out[out.length - 1] !== next) out.push(next);
  }
  return Uint32Array.from(out);
}

/** The JSON contract's shape of a grid: `values[i][j]` with null for missing, `[i, j]` pairs. */
export function toMatrix(g: ValuesGrid & { level: MapLevel }): ValuesMatrix {
  const p = g.periods.length;
  const values: (number | null)[][] = new Array(g.ids.length);
  for (let i = 0; i < g.ids.length; i++) {
    const row: (number | null)[] = new Array(p);
    for (let j = 0; j < p; j++) {
      const v = g.values[i * p + j]!;
      row[j] = v === v ? v : null;
    }
    values[i] = row;
  }
  const reexpressed = Array.from(g.reexpressed, (c): [number, number] => [Math.floor(c / p), c % p]);
  return {
    indicator: g.indicator,
    level: g.level,
    at: g.at,
    periods: g.periods,
    ids: Array.from(g.ids),
    values,
    reexpressed,
  };
}
