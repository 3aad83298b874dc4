import type { Database } from '../../db/database.js';
import type { ApiToken, TokenHolder } from './tokens.repository.js';

/** What resolving a token secret found. */
export interface ResolvedToken {
  token: ApiToken;
  holder: TokenHolder;
}

/**
 * Resolved API tokens, kept for a moment (one second by default) so a busy machine client costs one
 * query per request instead of two. Whatever could withdraw a token's rights (revoking it, changing or
 * removing its holder's membership, changing their account) empties the cache on this process once its
 * transaction has ended; other Coral processes on the same PostgreSQL see the change within `ttlMs`.
 * Expiry is checked on every request, cached or not. Unknown secrets are never cached.
 */
export class TokenCache {
  private readonly entries = new Map<string, { until: number; value: ResolvedToken }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now: number): ResolvedToken | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, value: ResolvedToken, now: number): void {
    if (this.ttlMs <= 0) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(tokenHash, { until: now + this.ttlMs, value });
  }

  /** Empties the cache now and again once the surrounding transaction (if any) has ended. */
  async forgetAll(database: Database): Promise<void> {
    this.entries.clear();
    await database.outsideTransaction(async () => this.entries.clear());
  }
}
