import type { AuditEntry } from './audit.repository.ts';

/** Why a request was refused, as security staff sort them. */
export type RefusalKind =
  /** No credentials, or an expired session: routine (a browser left open), counted only. */
  | 'unauthenticated'
  /** A bearer token that is unknown, revoked or expired. */
  | 'bad_token'
  /** Signed in, but the role may not use the route, or the service refused (403). */
  | 'forbidden'
  /** A state-changing request from a cookie session without the session's CSRF token. */
  | 'csrf'
  /** Too many requests (rate limit) or login attempts refused while delayed or locked. */
  | 'rate_limited'
  /** Wrong username or password. */
  | 'login_failed';

export const REFUSAL_KINDS: readonly RefusalKind[] = [
  'unauthenticated',
  'bad_token',
  'forbidden',
  'csrf',
  'rate_limited',
  'login_failed',
];

/** Who and what, as much as the refusal knows. */
export interface RefusalContext {
  ip: string | null;
  userId: number | null;
  username: string | null;
  method: string;
  /** The matched route pattern (not the URL as sent: that is the attacker's text). */
  route: string | null;
  code: string;
  status: number;
}

export interface RefusalOptions {
  /** Length of one counting window. */
  windowMs: number;
  /** Rows with a single refusal each, at most, per window (all kinds and addresses together). */
  maxLoggedPerWindow: number;
}

export const DEFAULT_REFUSAL_OPTIONS: RefusalOptions = { windowMs: 60_000, maxLoggedPerWindow: 20 };

/**
 * Counts every refusal and logs the suspicious ones in the audit log, without letting an attack
 * flood the table. The rule:
 *
 * - every refusal is counted by kind; once per window (a minute) that has any, one row
 *   `security.refusals` holds the counts, how many were logged one by one and how many only counted;
 * - a refusal of any kind but `unauthenticated` is suspicious and gets its own row
 *   (`security.refused`, or `auth.login_failed` for a wrong password: kind, code, route, address,
 *   user or the name tried) — the first of each kind, address and user in a window, and at most
 *   `maxLoggedPerWindow` such rows per window in all.
 *
 * So an attack from any number of addresses adds at most `maxLoggedPerWindow + 1` rows a minute per
 * server process. Writes go through `write`, never awaited by the request: a refusal is answered at
 * once, and a failing write is logged, not thrown.
 */
export class RefusalAudit {
  readonly #options: RefusalOptions;
  #window = -1;
  #counts = new Map<RefusalKind, number>();
  #logged = 0;
  #seen = new Set<string>();
  readonly #totals = new Map<RefusalKind, number>();
  #timer: NodeJS.Timeout | null = null;
  #pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly write: (entry: AuditEntry) => Promise<void>,
    options: Partial<RefusalOptions> = {},
    private readonly now: () => number = Date.now,
    private readonly onError: (err: unknown) => void = () => {},
  ) {
    this.#options = { ...DEFAULT_REFUSAL_OPTIONS, ...options };
  }

  /** Counts a refusal and, when suspicious and within the sample budget, logs it on its own. */
  note(kind: RefusalKind, ctx: RefusalContext): void {
    this.#roll();
    this.#counts.set(kind, (this.#counts.get(kind) ?? 0) + 1);
    this.#totals.set(kind, (this.#totals.get(kind) ?? 0) + 1);
    if (kind === 'unauthenticated') return;
    const key = `${kind}|${ctx.ip ?? ''}|${ctx.userId ?? ctx.username ?? ''}`;
    if (this.#seen.has(key) || this.#logged >= this.#options.maxLoggedPerWindow) return;
    this.#seen.add(key);
    this.#logged++;
    this.#enqueue({
      user_id: ctx.userId,
      username: ctx.userId === null ? null : ctx.username,
      ip: ctx.ip,
      // Failed sign-ins keep the action name they always had; they name the account tried.
      action: kind === 'login_failed' ? 'auth.login_failed' : 'security.refused',
      entity_type: kind === 'login_failed' ? 'user' : 'request',
      entity_id: ctx.route ? `${ctx.method} ${ctx.route}`.slice(0, 200) : ctx.method,
      before: null,
      after: {
        kind,
        code: ctx.code,
        status: ctx.status,
        ...(ctx.userId === null && ctx.username ? { username: ctx.username } : {}),
      },
    });
  }

  /** Refusals counted since this process started, by kind. */
  totals(): Record<RefusalKind, number> {
    return Object.fromEntries(REFUSAL_KINDS.map((k) => [k, this.#totals.get(k) ?? 0])) as Record<RefusalKind, number>;
  }

  /** Writes the counts of the current window now (tests, shutdown) and waits for pending writes. */
  async flush(): Promise<void> {
    this.#closeWindow();
    await this.#pending;
  }

  /** Writes each finished window's counts within a window of its end, also when no refusal follows. */
  start(): void {
    this.#timer ??= setInterval(() => this.#roll(), this.#options.windowMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  #roll(): void {
    const w = Math.floor(this.now() / this.#options.windowMs);
    if (w === this.#window) return;
    this.#closeWindow();
    this.#window = w;
  }

  #closeWindow(): void {
    const total = [...this.#counts.values()].reduce((a, b) => a + b, 0);
    if (total > 0) {
      const start = this.#window * this.#options.windowMs;
      this.#enqueue({
        user_id: null,
        username: null,
        ip: null,
        action: 'security.refusals',
        entity_type: 'request',
        entity_id: null,
        before: null,
        after: {
          from: new Date(start).toISOString(),
          to: new Date(Math.max(start + this.#options.windowMs, start)).toISOString(),
          counts: Object.fromEntries(this.#counts),
          total,
          logged: this.#logged,
          counted_only: total - this.#logged,
        },
      });
    }
    this.#counts = new Map();
    this.#seen = new Set();
    this.#logged = 0;
  }

  #enqueue(entry: AuditEntry): void {
    this.#pending = this.#pending.then(() => this.write(entry)).catch(this.onError);
  }
}

/** The kind of a refused answer, from its status and code; null when it is no refusal. */
export function refusalKind(status: number, code: string): RefusalKind | null {
  if (code === 'auth.login_failed') return 'login_failed';
  if (code === 'auth.invalid_token') return 'bad_token';
  if (code === 'auth.csrf') return 'csrf';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 423 || status === 429) return 'rate_limited';
  return null;
}
