import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The one place configuration is read. Everything comes from the environment (optionally a `.env`
 * file loaded by the start script), is checked against this schema, and is then passed around as a
 * typed object — nothing else reads `process.env`.
 */
export const ConfigSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  /**
   * Streaming replicas of DATABASE_URL, comma-separated: read-only requests go to them (a session
   * reads its own writes; a replica that fails or lags is skipped). See docs/deploy.md.
   */
  DATABASE_REPLICA_URLS: Type.Optional(
    Type.String({ pattern: '^postgres(ql)?://[^,]+(,\\s*postgres(ql)?://[^,]+)*$' }),
  ),
  /** A replica behind the primary for longer than this is skipped until it catches up. */
  REPLICA_MAX_LAG_MS: Type.Integer({ minimum: 100, maximum: 600000, default: 5000 }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  LOG_LEVEL: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
  /** Load the synthetic demo dataset into an empty database. */
  DEMO_DATA: Type.Boolean({ default: true }),
  /**
   * Optional offline basemap: a `.pmtiles` or `.mbtiles` file, or a folder of them, served by the
   * portal itself (never from the internet). Checked at start: a missing or unusable file stops it.
   */
  BASEMAP_PATH: Type.Optional(Type.String({ minLength: 1 })),
  /** Folder of the built web app. */
  WEB_DIST: Type.String({ minLength: 1, default: './dist/web' }),
  /** Largest accepted request body, in bytes. */
  BODY_LIMIT: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  /** Largest accepted import upload (multipart file), in bytes; JSON bodies keep BODY_LIMIT. */
  IMPORT_MAX_BYTES: Type.Integer({ minimum: 1024, default: 200 * 1024 * 1024 }),
  /** Import requests (dry runs and commits) per client address and minute. */
  IMPORT_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 100000, default: 60 }),
  /**
   * OGC API requests (/ogc) per user (or client address before sign-in) and minute. QGIS and GDAL
   * page through layers one request per page: 600 lets a client read 6 million features a minute
   * at the largest page size while keeping a runaway script from monopolising the server.
   */
  OGC_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 100000, default: 600 }),
  /** Map data downloads (GeoPackage, Shapefile, GeoJSON, CSV) per user and minute. */
  DOWNLOAD_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 10000, default: 20 }),
  /** PostgreSQL pool size (ignored by the embedded database, which runs one query at a time). */
  DB_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  /** Password of the first `admin` account; generated and printed once when unset. */
  ADMIN_PASSWORD: Type.Optional(Type.String({ minLength: 12 })),
  /** Absolute session lifetime and idle timeout. */
  SESSION_TTL_HOURS: Type.Number({ minimum: 0.01, maximum: 720, default: 12 }),
  SESSION_IDLE_MINUTES: Type.Number({ minimum: 1, maximum: 43200, default: 120 }),
  /**
   * Keep a resolved session in memory this many milliseconds (0 = off): saves the two session
   * queries of every request. Sign-out, password changes, revocations and user edits take effect at
   * once in every server process — they are carried by PostgreSQL LISTEN/NOTIFY — and while that
   * channel is down the cache is not used. The bound only limits how long an idle-timeout or expiry
   * noticed late can lag.
   */
  SESSION_CACHE_MS: Type.Integer({ minimum: 0, maximum: 60000, default: 10000 }),
  /**
   * Server processes sharing the port (Node's cluster). Default: the number of cores with
   * PostgreSQL; always 1 with the embedded database, whose single writer lives in one process.
   */
  WORKERS: Type.Optional(Type.Integer({ minimum: 1, maximum: 64 })),
  /** Mark the session cookie Secure: `auto` = when the request came over HTTPS. */
  COOKIE_SECURE: Type.Enum(['auto', 'true', 'false'], { default: 'auto' }),
  /** Behind a reverse proxy: trust X-Forwarded-For/-Proto (client address, HTTPS for Secure cookies). */
  TRUST_PROXY: Type.Boolean({ default: false }),
  /** Sign-in attempts per client address and minute (successes do not count). */
  LOGIN_RATE_LIMIT: Type.Integer({ minimum: 1, maximum: 10000, default: 10 }),
  /** Failed sign-ins on one account name that lock it until an administrator unlocks it. */
  LOGIN_LOCK_AFTER: Type.Integer({ minimum: 4, maximum: 1000, default: 10 }),
  /**
   * The whole request (headers and body) must arrive within this many seconds, or the connection is
   * closed with 408: a client trickling a body cannot hold a connection open. Uploads of large
   * imports over slow links may need more.
   */
  REQUEST_TIMEOUT_S: Type.Integer({ minimum: 1, maximum: 3600, default: 120 }),
  /** The request headers must arrive within this many seconds. */
  HEADERS_TIMEOUT_S: Type.Integer({ minimum: 1, maximum: 600, default: 15 }),
  /**
   * When the event loop has not turned for this many seconds (a request stuck in a loop), a watchdog
   * thread logs it and ends the process so that its supervisor starts a fresh one. 0 = off.
   */
  WATCHDOG_ABORT_S: Type.Integer({ minimum: 0, maximum: 3600, default: 60 }),
});

export type Config = Static<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ / invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const KNOWN = new Set(Object.keys(ConfigSchema.properties));

/**
 * Short names accepted for a variable (`DEMO=false npm start`, as issue #14 and the README say);
 * the full name wins when both are set.
 */
const ALIASES: Record<string, keyof Config> = { DEMO: 'DEMO_DATA' };

/**
 * Variables that existed once and are no longer read, with what replaces them: a deployment that
 * still sets one expects something that would silently not happen, so the start says so.
 */
const REMOVED: Record<string, string> = {
  BASEMAP_STYLE_URL:
    'không còn dùng: chép tệp .pmtiles/.mbtiles vào máy chủ và đặt BASEMAP_PATH / no longer read: copy the ' +
    '.pmtiles/.mbtiles archive onto this server and set BASEMAP_PATH (README, "Basemap")',
};

/** Builds the config from an environment map; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  for (const key of KNOWN) {
    const v = env[key];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  for (const [alias, key] of Object.entries(ALIASES)) {
    const v = env[alias];
    if (v !== undefined && v !== '' && raw[key] === undefined) raw[key] = v;
  }
  const removed = Object.keys(REMOVED)
    .filter((k) => env[k] !== undefined && env[k] !== '')
    .map((k) => `${k}: ${REMOVED[k]}`);
  if (removed.length > 0) throw new ConfigError(removed);
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw)) as Record<string, unknown>;
  if (!Value.Check(ConfigSchema, withDefaults)) {
    const byKey = new Map<string, string>();
    for (const e of Value.Errors(ConfigSchema, withDefaults)) {
      const key = e.instancePath.replace(/^\//, '') || Object.values(e.params ?? {}).join(',');
      if (byKey.has(key)) continue;
      const prop = (ConfigSchema.properties as Record<string, { enum?: unknown[] }>)[key];
      const allowed = prop?.enum ? `must be one of ${prop.enum.join(', ')}` : e.message;
      byKey.set(key, `${key}=${JSON.stringify(raw[key] ?? null)}: ${allowed}`);
    }
    throw new ConfigError([...byKey.values()]);
  }
  return withDefaults as Config;
}
