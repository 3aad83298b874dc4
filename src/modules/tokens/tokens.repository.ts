import type { Database } from '../../db/database.js';
import type { OrganisationRole } from '../../platform/actor.js';

/** An API token as stored: never the secret, only its SHA-256 and a short prefix to recognise it by. */
export interface ApiToken {
  id: string;
  userId: string;
  orgId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The account behind a token, as far as authorising a request needs it. */
export interface TokenHolder {
  disabled: boolean;
  platformAdmin: boolean;
  /** Their role in the token's organisation; null when they are no longer a member. */
  role: OrganisationRole | null;
}

/** API tokens' only door to the database. Tokens are tenant-owned: every query names the organisation. */
export class TokensRepository {
  constructor(private readonly database: Database) {}

  async insert(token: ApiToken): Promise<void> {
    await this.database.executor
      .insertInto('api_tokens')
      .values({
        id: token.id,
        user_id: token.userId,
        org_id: token.orgId,
        name: token.name,
        token_hash: token.tokenHash,
        prefix: token.prefix,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
        last_used_at: token.lastUsedAt,
        revoked_at: token.revokedAt,
      })
      .execute();
  }

  /**
   * The token with this hash, whatever its organisation (the hash is the credential), with what
   * authorising its holder needs, in one round trip: every token-authenticated request asks this.
   */
  async findByHash(tokenHash: string): Promise<{ token: ApiToken; holder: TokenHolder } | undefined> {
    const row = await this.database.executor
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .leftJoin('memberships', (join) =>
        join
          .onRef('memberships.user_id', '=', 'api_tokens.user_id')
          .onRef('memberships.org_id', '=', 'api_tokens.org_id'),
      )
      .selectAll('api_tokens')
      .select(['users.disabled_at', 'users.is_platform_admin', 'memberships.role'])
      .where('api_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      token: toToken(row),
      holder: {
        disabled: row.disabled_at !== null,
        platformAdmin: row.is_platform_admin,
        // checked: the table's CHECK constraint allows only these roles
        role: row.role === null ? null : (row.role as OrganisationRole),
      },
    };
  }

  async getById(orgId: string, id: string): Promise<ApiToken | undefined> {
    const row = await this.database.executor
      .selectFrom('api_tokens')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toToken(row);
  }

  /** Tokens of an organisation, optionally of one user only, newest first. */
  async listByOrg(orgId: string, userId?: string): Promise<ApiToken[]> {
    let query = this.database.executor
      .selectFrom('api_tokens')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('created_at', 'desc');
    if (userId) query = query.where('user_id', '=', userId);
    return (await query.execute()).map(toToken);
  }

  async revoke(orgId: string, id: string, at: Date): Promise<void> {
    await this.database.executor
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.database.executor
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .execute();
  }
}

function toToken(row: {
  id: string;
  user_id: string;
  org_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Date | string;
  expires_at: Date | string | null;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}): ApiToken {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    id: row.id,
    userId: row.user_id,
    orgId: row.org_id,
    name: row.name,
    tokenHash: row.token_hash,
    prefix: row.prefix,
    createdAt: new Date(row.created_at),
    expiresAt: date(row.expires_at),
    lastUsedAt: date(row.last_used_at),
    revokedAt: date(row.revoked_at),
  };
}
