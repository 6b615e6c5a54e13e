import { describe, expect, it } from 'vitest';
import type { AuditEntry } from './audit.repository.ts';
import { RefusalAudit, refusalKind, type RefusalContext } from './refusals.ts';

const ctx = (over: Partial<RefusalContext> = {}): RefusalContext => ({
  ip: '10.0.0.1',
  userId: null,
  username: null,
  method: 'GET',
  route: '/api/admin/users',
  code: 'auth.csrf',
  status: 403,
  ...over,
});

function harness(maxLoggedPerWindow = 3) {
  const rows: AuditEntry[] = [];
  let now = 60_000 * 1000;
  const audit = new RefusalAudit(
    async (e) => void rows.push(e),
    { windowMs: 60_000, maxLoggedPerWindow },
    () => now,
  );
  return { rows, audit, advance: (ms: number) => (now += ms) };
}

describe('refusal audit: counted always, suspicious ones logged, sampled', () => {
  it('logs the first suspicious refusal of each kind, address and user once per window', async () => {
    const { rows, audit } = harness();
    for (let i = 0; i < 50; i++) audit.note('csrf', ctx());
    await audit.flush();
    expect(rows.filter((r) => r.action === 'security.refused')).toHaveLength(1);
    const summary = rows.find((r) => r.action === 'security.refusals')!;
    expect(summary.after).toMatchObject({ counts: { csrf: 50 }, total: 50, logged: 1, counted_only: 49 });
  });

  it('caps single rows per window whatever the number of addresses: an attack adds at most cap + 1 rows', async () => {
    const { rows, audit, advance } = harness(3);
    for (let i = 0; i < 1000; i++)
      audit.note('forbidden', ctx({ ip: `10.0.${i >> 8}.${i & 255}`, code: 'auth.role_not_allowed' }));
    advance(60_000);
    audit.note('csrf', ctx());
    await audit.flush();
    // Window 1: 3 single rows + its summary; window 2: 1 single row + its summary.
    expect(rows).toHaveLength(6);
    expect(
      rows.filter((r) => r.action === 'security.refusals').map((r) => (r.after as { total: number }).total),
    ).toEqual([1000, 1]);
  });

  it('counts routine refusals (no credentials, expired session) without a row of their own', async () => {
    const { rows, audit } = harness();
    for (let i = 0; i < 10; i++) audit.note('unauthenticated', ctx({ code: 'auth.required', status: 401 }));
    await audit.flush();
    expect(rows.map((r) => r.action)).toEqual(['security.refusals']);
    expect(audit.totals()).toMatchObject({ unauthenticated: 10, csrf: 0 });
  });

  it('keeps the name tried for failed sign-ins, under their usual action', async () => {
    const { rows, audit } = harness();
    audit.note(
      'login_failed',
      ctx({ method: 'POST', route: '/api/auth/login', username: 'chihuy', code: 'auth.login_failed', status: 401 }),
    );
    await audit.flush();
    expect(rows[0]).toMatchObject({ action: 'auth.login_failed', after: { username: 'chihuy', kind: 'login_failed' } });
  });

  it('sorts answers into kinds by status and code', () => {
    expect(refusalKind(401, 'auth.required')).toBe('unauthenticated');
    expect(refusalKind(401, 'auth.invalid_token')).toBe('bad_token');
    expect(refusalKind(401, 'auth.login_failed')).toBe('login_failed');
    expect(refusalKind(403, 'auth.csrf')).toBe('csrf');
    expect(refusalKind(403, 'auth.role_not_allowed')).toBe('forbidden');
    expect(refusalKind(429, 'auth.login_delayed')).toBe('rate_limited');
    expect(refusalKind(423, 'auth.account_locked')).toBe('rate_limited');
    expect(refusalKind(404, 'plan.not_found')).toBeNull();
    expect(refusalKind(400, 'params.not_integer')).toBeNull();
  });
});
