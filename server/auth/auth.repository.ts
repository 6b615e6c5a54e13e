import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

export interface SessionLookup {
  session_id: string;
  user_id: number;
  csrf_token: string;
  last_seen_at: Date;
  expires_at: Date;
}

/** Sessions and API tokens, looked up only by the SHA-256 of their secret. */
export class AuthRepository {
  constructor(private readonly db: Kysely<DB>) {}

  async createSession(s: {
    id: string;
    user_id: number;
    csrf_token: string;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
  }): Promise<void> {
    await this.db.insertInto('user_session').values(s).execute();
  }

  /** A live session: not revoked, not past its absolute expiry, its user not disabled. */
  async findSession(id: string, now: Date): Promise<SessionLookup | undefined> {
    return this.db
      .selectFrom('user_session as s')
      .innerJoin('app_user as u', 'u.id', 's.user_id')
      .select(['s.id as session_id', 's.user_id', 's.csrf_token', 's.last_seen_at', 's.expires_at'])
      .where('s.id', '=', id)
      .where('s.revoked_at', 'is', null)
      .where('s.expires_at', '>', now)
      .where('u.disabled', '=', false)
      .executeTakeFirst();
  }

  async touchSession(id: string, now: Date): Promise<void> {
    await this.db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', id).execute();
  }

  async revokeSession(id: string): Promise<void> {
    await this.db.updateTable('user_session').set({ revoked_at: new Date() }).where('id', '=', id).execute();
  }

  async revokeUserSessions(userId: number, exceptId?: string): Promise<number> {
    let q = this.db
      .updateTable('user_session')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (exceptId) q = q.where('id', '<>', exceptId);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  }

  async createToken(t: { user_id: number; name: string; token_hash: string; prefix: string; expires_at: Date }) {
    return this.db
      .insertInto('api_token')
      .values(t)
      .returning(['id', 'name', 'prefix', 'created_at', 'expires_at'])
      .executeTakeFirstOrThrow();
  }

  /** A live token: not revoked, not expired, younger than the maximum lifetime now in force, its user enabled. */
  async findToken(hash: string, now: Date, maxDays: number): Promise<{ id: number; user_id: number } | undefined> {
    return this.db
      .selectFrom('api_token as t')
      .innerJoin('app_user as u', 'u.id', 't.user_id')
      .select(['t.id', 't.user_id'])
      .where('t.token_hash', '=', hash)
      .where('t.revoked_at', 'is', null)
      .where('t.expires_at', '>', now)
      .where('t.created_at', '>', new Date(now.getTime() - maxDays * 86400_000))
      .where('u.disabled', '=', false)
      .executeTakeFirst();
  }

  async revokeUserTokens(userId: number): Promise<number> {
    const r = await this.db
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0);
  }

  async touchToken(id: number, now: Date): Promise<void> {
    await this.db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', id).execute();
  }

  async listTokens(userId: number) {
    return this.db
      .selectFrom('api_token')
      .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  async revokeToken(userId: number, id: number): Promise<boolean> {
    const r = await this.db
      .updateTable('api_token')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows ?? 0) > 0;
  }
}
