/**
 * Who is signed in, and whether the data shown is the demo: asked once when the app starts, shared
 * by every page (no page asks `/api/auth/me` or `/api/health` again). No session, no data: pages
 * show the sign-in form.
 */
import { ApiError } from '../shared/api/http.ts';
import { describeError } from '../shared/api/errors.ts';
import type { Me } from '../shared/api/types.ts';
import { common } from '../shared/i18n/common.texts.ts';
import { fetchHealth, fetchMe, login, logout } from './api.ts';
import { router } from './router.svelte.ts';

class Session {
  me = $state.raw<Me | null>(null);
  /** The data shown is synthetic demo data (`/api/health`, or a values answer saying so). */
  demo = $state(false);
  needsLogin = $state(false);
  /** Why the session could not be checked (the server unreachable), in the chosen language. */
  private failure = $state.raw<unknown>(null);
  private started = false;

  get error(): string | null {
    return this.failure === null ? null : common.t.sessionFailed(describeError(this.failure));
  }

  /** Asks who is signed in and whether the data is the demo; once. */
  start(): void {
    if (this.started) return;
    this.started = true;
    fetchHealth().then(
      (health) => (this.demo = this.demo || health.demo),
      () => {},
    );
    fetchMe().then(
      (me) => (this.me = me),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) this.needsLogin = true;
        else this.failure = err;
      },
    );
  }

  markDemo(): void {
    this.demo = true;
  }

  /** Signs in; a refusal is thrown for the form to show. */
  async signIn(username: string, password: string): Promise<void> {
    try {
      this.me = await login(username, password);
    } catch (err) {
      // Any refusal of the credentials reads the same, whatever the server's wording.
      if (err instanceof ApiError && err.status === 401 && !err.code?.startsWith('auth.login')) {
        throw new ApiError(401, err.message, err.url, err.field, { code: 'auth.login_failed', params: err.params });
      }
      throw err;
    }
    this.needsLogin = false;
  }

  async signOut(): Promise<void> {
    try {
      await logout();
    } finally {
      // A fresh page, on the map: nothing of the session's data stays in memory.
      window.location.replace(router.href('map', {}));
    }
  }
}

export const session = new Session();
