import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from '../server/config.ts';
import { DataDirLockedError } from '../server/db/lock.ts';

/** Reads `.env` when present (real environment variables win), then validates the config. */
export function configFromEnv(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (e) {
    fail(e);
  }
}

/** Prints a failure without a stack trace for the errors users can fix, and exits non-zero. */
export function fail(e: unknown): never {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  if (e instanceof DataDirLockedError) {
    console.error(e.message);
    process.exit(3);
  }
  console.error(e);
  process.exit(1);
}
