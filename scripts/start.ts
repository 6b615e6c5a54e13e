import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runPrimary, workerCount } from '../server/cluster/workers.ts';
import { startServer } from '../server/server.ts';
import { configFromEnv, fail } from './env.ts';

// `npm start`: build the web app if it is not built, then serve the portal — in this process, or
// in WORKERS processes sharing the port (server/cluster/workers.ts).
const config = configFromEnv();
let workers = 1;
try {
  workers = workerCount(config);
} catch (e) {
  fail(e);
}

function onSignals(stop: () => Promise<void>) {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (cluster.isPrimary) console.log('Đang dừng / shutting down…');
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

// Only the default folder is built here (vite writes there); a WEB_DIST chosen elsewhere is served
// as it is, or the API alone when it holds no build (tests set it to a missing folder).
const builtHere = resolve(config.WEB_DIST) === resolve('dist/web');
if (cluster.isPrimary && builtHere && !existsSync(join(config.WEB_DIST, 'index.html'))) {
  console.log('Đang build giao diện web (lần đầu) / building the web app…');
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
try {
  if (cluster.isPrimary && workers > 1) {
    onSignals(await runPrimary(workers));
  } else {
    // A worker says where it listens only once (the first); the others are quiet.
    const quiet = cluster.isWorker && cluster.worker!.id > 1;
    const { stop } = await startServer(config, quiet ? () => {} : console.log);
    onSignals(stop);
  }
} catch (e) {
  fail(e);
}
