import type { ApiToken } from './tokens.repository.js';
import type { TokenView } from './tokens.schema.js';

/** What the API shows of a token. The hash stays in the database. */
export function presentToken(token: ApiToken): TokenView {
  return {
    id: token.id,
    name: token.name,
    prefix: token.prefix,
    userId: token.userId,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
