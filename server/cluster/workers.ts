import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { ConfigError, type Config } from '../config.ts';

/**
 * How many server processes to run: WORKERS when set, else one per core with PostgreSQL. The
 * embedded database has a single writer in one process (its data folder is locked), so it always
 * runs one; asking for more with it is a configuration error, not a silent downgrade.
 */
export function workerCount(config: Pick<Config, 'WORKERS' | 'DATABASE_URL'>, cores = availableParallelism()): number {
  if (!config.DATABASE_URL) {
    if ((config.WORKERS ?? 1) > 1)
      throw new ConfigError([
        'WORKERS > 1 cần DATABASE_URL (CSDL nhúng chỉ chạy trong một tiến trình) / ' +
          'WORKERS > 1 needs DATABASE_URL: the embedded database runs in one process',
      ]);
    return 1;
  }
  return config.WORKERS ?? Math.max(1, cores);
}

/** A worker that dies within this long of starting is crashing, not failing once: stop restarting. */
const CRASH_WINDOW_MS = 10_000;
const MAX_QUICK_CRASHES = 5;

/**
 * The primary of `npm start` with several workers (Node's cluster: one port, connections handed
 * out round-robin). It serves nothing itself. The first worker starts alone — it migrates the
 * database, loads the demo when asked and creates the first accounts — and the others only when it
 * listens, so none of that runs twice. A worker that exits unexpectedly (the watchdog ends a stuck
 * process on purpose) is replaced; the workers are stateless, their caches kept coherent by the
 * domain events over LISTEN/NOTIFY, so a replacement needs nothing from the one it replaces.
 */
export async function runPrimary(n: number, log: (m: string) => void = console.log): Promise<() => Promise<void>> {
  let stopping = false;
  const quick: number[] = [];

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const started = Date.now();
      const w = cluster.fork();
      const onExit = (code: number | null) =>
        reject(new Error(`worker ${w.process.pid} exited (${code}) while starting`));
      w.once('exit', onExit);
      w.once('listening', () => {
        w.off('exit', onExit);
        w.once('exit', (code, signal) => {
          if (stopping) return;
          log(`Tiến trình ${w.process.pid} dừng (${signal ?? code}), khởi động lại / worker exited, restarting`);
          if (Date.now() - started < CRASH_WINDOW_MS) quick.push(Date.now());
          if (quick.filter((t) => Date.now() - t < 60_000).length >= MAX_QUICK_CRASHES) {
            log('Tiến trình liên tục lỗi, dừng máy chủ / workers keep crashing, stopping');
            process.exit(1);
          }
          fork().catch((e) => log(String(e)));
        });
        resolve(w);
      });
    });

  await fork();
  await Promise.all(Array.from({ length: n - 1 }, () => fork()));
  log(`${n} tiến trình máy chủ / server processes`);

  return async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            w.process.kill('SIGTERM');
          }),
      ),
    );
  };
}
