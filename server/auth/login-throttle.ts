import { AppError } from '../errors.ts';
import type { LoginThrottleRepository } from './login-throttle.repository.ts';

export interface ThrottleConfig {
  /** Failures on an account name before each next attempt has to wait. */
  free: number;
  /** Failures on an account name that lock it until an administrator lifts the lock. */
  lockAfter: number;
  /** Attempts from one client address per minute. */
  perAddressPerMinute: number;
}

/** The wait before the next attempt after `failures` failed ones: none, then 2 s, 4 s, 8 s… */
export function accountDelaySeconds(failures: number, free: number): number {
  return failures < free ? 0 : 2 ** (failures - free + 1);
}

/** The key of an account name as typed (NFC, lower case, trimmed): existing or not, all are throttled alike. */
export const accountKey = (username: string) => `user:${username.normalize('NFC').trim().toLowerCase().slice(0, 64)}`;
const addressKey = (ip: string) => `ip:${ip}`;

/**
 * Sign-in limits per account name and per client address. Every attempt is first admitted (and
 * counted as a failure in advance, atomically); a success clears the account's count. An account
 * name waits 2^n seconds between attempts after `free` failures and is locked after `lockAfter`.
 * Names that belong to nobody are throttled and locked exactly like real ones, so neither the
 * delays nor the lock tell an attacker which accounts exist.
 */
export class LoginThrottle {
  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly config: ThrottleConfig,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits an attempt or throws the refusal (423 locked, 429 wait). True when a failure of it locks the account. */
  async admit(username: string, ip: string): Promise<{ locksOnFailure: boolean }> {
    const account = accountKey(username);
    const admitted = await this.repo.admitAccount(account, this.config.free, this.config.lockAfter);
    if (!admitted) {
      const row = await this.repo.get(account);
      if (!row || row.locked_at) throw locked();
      const wait = accountDelaySeconds(row.failures, this.config.free) * 1000;
      throw tooSoon('auth.login_delayed', this.#secondsLeft(row.last_failed_at, wait));
    }
    const byAddress = await this.repo.admitAddress(addressKey(ip), this.config.perAddressPerMinute);
    if (!byAddress) {
      await this.repo.refund(account, this.config.lockAfter);
      const row = await this.repo.get(addressKey(ip));
      throw tooSoon('auth.too_many_attempts', this.#secondsLeft(row?.window_start ?? null, 60_000));
    }
    return { locksOnFailure: admitted.locked_at !== null };
  }

  /** A correct password: the account's count starts again; the attempt does not count for the address. */
  async succeeded(username: string, ip: string): Promise<void> {
    await this.repo.clear(accountKey(username));
    await this.repo.refund(addressKey(ip));
  }

  /** Lifts a lock (an administrator's action) or forgets a name's failures (a new user of that name). */
  unlock(username: string): Promise<boolean> {
    return this.repo.clear(accountKey(username));
  }

  async lockedNames(usernames: readonly string[]): Promise<Set<string>> {
    const keys = await this.repo.locked(usernames.map(accountKey));
    return new Set(usernames.filter((u) => keys.has(accountKey(u))));
  }

  #secondsLeft(from: Date | null, waitMs: number): number {
    const since = from ? new Date(from).getTime() : this.now();
    return Math.max(1, Math.ceil((since + waitMs - this.now()) / 1000));
  }
}

function locked(): AppError {
  return new AppError(
    423,
    'auth.account_locked',
    'Tài khoản bị khóa do đăng nhập sai nhiều lần; liên hệ quản trị viên để mở khóa / ' +
      'this account is locked after too many failed sign-ins: ask an administrator to unlock it',
  );
}

function tooSoon(code: 'auth.login_delayed' | 'auth.too_many_attempts', seconds: number): AppError {
  const vi =
    code === 'auth.login_delayed'
      ? `Đăng nhập sai nhiều lần; thử lại sau ${seconds} giây`
      : `Quá nhiều lần đăng nhập từ địa chỉ này; thử lại sau ${seconds} giây`;
  const en =
    code === 'auth.login_delayed'
      ? `too many failed sign-ins for this account: try again in ${seconds} s`
      : `too many sign-in attempts from this address: try again in ${seconds} s`;
  return new AppError(429, code, `${vi} / ${en}`, { params: { retry_after_s: seconds } });
}
