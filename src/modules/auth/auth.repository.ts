import { sql } from 'kysely';
import type { Database } from '../../db/database.js';

/** A server-side session. The cookie holds the secret; only its SHA-256 (`idHash`) is stored. */
export interface Session {
  idHash: string;
  userId: string;
  orgId: string | null;
  mfaVerified: boolean;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

/** Failed sign-ins against one account key. */
export interface ThrottleState {
  failures: number;
  lockedUntil: Date | null;
}

/** Sessions' and sign-in throttling's only door to the database. */
export class AuthRepository {
  constructor(private readonly database: Database) {}

  async insertSession(session: Session): Promise<void> {
    await this.database.executor
      .insertInto('sessions')
      .values({
        id_hash: session.idHash,
        user_id: session.userId,
        org_id: session.orgId,
        mfa_verified: session.mfaVerified,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<Session | undefined> {
    const row = await this.database.executor
      .selectFrom('sessions')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      idHash: row.id_hash,
      userId: row.user_id,
      orgId: row.org_id,
      mfaVerified: row.mfa_verified,
      csrfToken: row.csrf_token,
      createdAt: new Date(row.created_at),
      lastSeenAt: new Date(row.last_seen_at),
    };
  }

  async updateSession(
    idHash: string,
    changes: Partial<Pick<Session, 'orgId' | 'mfaVerified' | 'lastSeenAt'>>,
  ): Promise<void> {
    await this.database.executor
      .updateTable('sessions')
      .set({ org_id: changes.orgId, mfa_verified: changes.mfaVerified, last_seen_at: changes.lastSeenAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.database.executor.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user but, optionally, one. */
  async deleteSessionsOfUser(userId: string, exceptIdHash?: string): Promise<void> {
    let query = this.database.executor.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptIdHash) query = query.where('id_hash', '<>', exceptIdHash);
    await query.execute();
  }

  /** Removes sessions idle since before `idleBefore` or created before `createdBefore`. */
  async deleteExpiredSessions(idleBefore: Date, createdBefore: Date): Promise<number> {
    const result = await this.database.executor
      .deleteFrom('sessions')
      .where((eb) => eb.or([eb('last_seen_at', '<', idleBefore), eb('created_at', '<', createdBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async getThrottle(keyHash: string): Promise<ThrottleState | undefined> {
    const row = await this.database.executor
      .selectFrom('login_throttle')
      .select(['failures', 'locked_until'])
      .where('key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      failures: row.failures,
      lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    };
  }

  /**
   * Counts one failure atomically (concurrent attempts cannot lose a count): failures older than
   * `windowStart` are forgotten; reaching `maxFailures` locks the key until `lockUntil`.
   */
  async recordFailure(options: {
    keyHash: string;
    now: Date;
    windowStart: Date;
    maxFailures: number;
    lockUntil: Date;
  }): Promise<ThrottleState> {
    const { keyHash, now, windowStart, maxFailures, lockUntil } = options;
    const fresh = sql`login_throttle.window_started_at < ${windowStart}::timestamptz`;
    const count = sql`CASE WHEN ${fresh} THEN 1 ELSE login_throttle.failures + 1 END`;
    const result = await sql<{ failures: number; locked_until: Date | string | null }>`
      INSERT INTO login_throttle (key_hash, failures, window_started_at, locked_until)
      VALUES (${keyHash}, 1, ${now}::timestamptz, ${maxFailures <= 1 ? lockUntil : null}::timestamptz)
      ON CONFLICT (key_hash) DO UPDATE SET
        failures = ${count},
        window_started_at = CASE WHEN ${fresh} THEN ${now}::timestamptz ELSE login_throttle.window_started_at END,
        locked_until = CASE WHEN ${count} >= ${maxFailures}::int THEN ${lockUntil}::timestamptz ELSE login_throttle.locked_until END
      RETURNING failures, locked_until`.execute(this.database.executor);
    const row = result.rows[0];
    if (!row) throw new Error('login_throttle upsert returned no row');
    return {
      failures: row.failures,
      lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
    };
  }

  /** Deletes counters whose window started before `windowBefore` and whose lock (if any) ended before `now`. */
  async deleteStaleThrottles(windowBefore: Date, now: Date): Promise<void> {
    await this.database.executor
      .deleteFrom('login_throttle')
      .where('window_started_at', '<', windowBefore)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .execute();
  }

  async clearThrottle(keyHash: string): Promise<void> {
    await this.database.executor.deleteFrom('login_throttle').where('key_hash', '=', keyHash).execute();
  }
}
