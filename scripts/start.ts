import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../server/server.ts';
import { configFromEnv, fail } from './env.ts';

// `npm start`: build the web app if it is not built, then serve the portal.
const config = configFromEnv();
if (!existsSync(join(config.WEB_DIST, 'index.html'))) {
  console.log('Đang build giao diện web (lần đầu) / building the web app…');
  const { build } = await import('vite');
  await build({ configFile: 'vite.config.ts', logLevel: 'warn' });
}
try {
  const { stop } = await startServer(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('Đang dừng / shutting down…');
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (e) {
  fail(e);
}
