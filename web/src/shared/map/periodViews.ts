/**
 * Period views computed once: the map page's period step reads values, classes and ranks from
 * here instead of recomputing them (10,000 values, natural breaks and a sort per step took most of
 * a frame). One cache per indicator, measure and loaded matrices; a view is kept per period and
 * classification. After a load, the other periods are computed ahead in small idle tasks, nearest
 * first, so that stepping or playing through time finds them ready.
 */
import type { FixedBreaks } from './choropleth.ts';
import {
  choroplethOptions,
  classifyPeriod,
  pooledBreaks,
  type Classification,
  type PeriodView,
  type ValueInputs,
} from './viewModel.ts';

/** A task runner that yields to the browser between tasks (tests pass a synchronous one). */
export type Scheduler = (task: () => void) => () => void;

export const idleScheduler: Scheduler = (task) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 0);
  return () => clearTimeout(handle);
};

/** What a classification's views depend on besides the period (the first period of a change too). */
function classKey(c: Classification): string {
  const pooled = c.pooledOver ? `${c.pooledOver[0]}…${c.pooledOver[c.pooledOver.length - 1]}` : null;
  return JSON.stringify([choroplethOptions(c), c.from, c.change ?? null, pooled]);
}

function keyOf(period: string, c: Classification): string {
  return `${period}|${classKey(c)}`;
}

export class PeriodViews {
  private readonly views = new Map<string, PeriodView>();
  /** Breaks fitted over every period, by classification (computed once, then every step reads them). */
  private readonly pooled = new Map<string, FixedBreaks>();
  private cancel: (() => void) | null = null;
  /** Views computed (not found in the cache): tests and diagnostics. */
  computed = 0;

  constructor(
    readonly inputs: ValueInputs,
    private readonly schedule: Scheduler = idleScheduler,
  ) {}

  get(period: string, classification: Classification): PeriodView {
    const key = keyOf(period, classification);
    let view = this.views.get(key);
    if (!view) {
      view = classifyPeriod(this.inputs, period, classification, this.fixedFor(classification));
      this.computed += 1;
      this.views.set(key, view);
    }
    return view;
  }

  /** The breaks over every period when the classification pools them (undefined: per period). */
  fixedFor(classification: Classification): FixedBreaks | undefined {
    if (!classification.pooledOver) return undefined;
    const key = classKey(classification);
    let fixed = this.pooled.get(key);
    if (!fixed) {
      fixed = pooledBreaks(this.inputs, classification.pooledOver, classification);
      this.pooled.set(key, fixed);
    }
    return fixed;
  }

  /** Whether a period's view is ready. */
  has(period: string, classification: Classification): boolean {
    return this.views.has(keyOf(period, classification));
  }

  /**
   * Computes the other periods' views ahead, one per task, nearest to `around` first; `done` is
   * called once every period is ready. A new call (another classification, another period)
   * replaces the previous plan.
   */
  prefetch(periods: readonly string[], around: string, classification: Classification, done?: () => void): void {
    this.stop();
    const at = Math.max(0, periods.indexOf(around));
    const todo = [...periods]
      .map((p, i) => ({ p, d: Math.abs(i - at) + (i < at ? 0.5 : 0) }))
      .sort((a, b) => a.d - b.d)
      .map((x) => x.p)
      .filter((p) => !this.has(p, classification));
    const next = () => {
      const period = todo.shift();
      if (period === undefined) {
        this.cancel = null;
        return done?.();
      }
      this.get(period, classification);
      this.cancel = this.schedule(next);
    };
    this.cancel = this.schedule(next);
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }
}
