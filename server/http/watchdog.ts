import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface LoopStats {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  mean_ms: number;
}

/** What a blocked loop reports, then does: in a thread of its own, since the main one is stuck. */
const ABORT_THREAD = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const beat = new BigInt64Array(workerData.beat);
setInterval(() => {
  const stalled = Date.now() - Number(Atomics.load(beat, 0));
  if (stalled < workerData.abortMs) return;
  writeSync(2, '[watchdog] the event loop has not turned for ' + Math.round(stalled / 1000) +
    ' s: ending the process so that its supervisor starts a fresh one\\n');
  process.kill(process.pid, 'SIGKILL');
}, Math.min(1000, workerData.abortMs / 4)).unref();
`;

/**
 * Watches the event loop. `stats()` is its delay since start (p50, p99, max: what the fuzz test
 * and `GET /api/admin/runtime` read); a check every few seconds logs a warning when the loop was
 * held longer than `warnMs`; and, when started with `abortAfterS`, a thread of its own ends the
 * process if the loop stops turning for that long — a request stuck in a loop would otherwise
 * leave the server up but deaf — so that systemd or the container runtime restarts it.
 */
export class EventLoopWatchdog {
  readonly #total: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  readonly #recent: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  #timers: NodeJS.Timeout[] = [];
  #thread: Worker | null = null;

  constructor(
    private readonly warn: (message: string, delayMs: number) => void,
    private readonly warnMs = 200,
  ) {
    this.#total.enable();
    this.#recent.enable();
    const check = setInterval(() => {
      const max = this.#recent.max / 1e6;
      this.#recent.reset();
      if (max > this.warnMs) this.warn(`event loop held for ${Math.round(max)} ms`, max);
    }, 5000);
    check.unref();
    this.#timers.push(check);
  }

  stats(): LoopStats {
    const h = this.#total;
    const ms = (ns: number) => Math.round((ns / 1e6) * 10) / 10;
    return { p50_ms: ms(h.percentile(50)), p99_ms: ms(h.percentile(99)), max_ms: ms(h.max), mean_ms: ms(h.mean) };
  }

  /** Starts the statistics again (when the server starts listening: start-up work is not service). */
  reset(): void {
    this.#total.reset();
  }

  /** Ends the process when the loop is stuck for `abortAfterS` seconds (0 = never). */
  startAbortThread(abortAfterS: number): void {
    if (abortAfterS <= 0 || this.#thread) return;
    const beat = new BigInt64Array(new SharedArrayBuffer(8));
    const tick = () => Atomics.store(beat, 0, BigInt(Date.now()));
    tick();
    const t = setInterval(tick, 250);
    t.unref();
    this.#timers.push(t);
    this.#thread = new Worker(ABORT_THREAD, {
      eval: true,
      workerData: { beat: beat.buffer, abortMs: abortAfterS * 1000 },
    });
    this.#thread.unref();
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    this.#total.disable();
    this.#recent.disable();
    await this.#thread?.terminate();
    this.#thread = null;
  }
}
