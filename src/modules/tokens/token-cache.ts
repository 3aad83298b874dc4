import type { Database } from '../../db/database.js';
import type { ApiToken, TokenHolder } from './tokens.repository.js';

/** What resolving a token secret found. */
export interface ResolvedToken {
  readonly token: Readonly<ApiToken>;
  readonly holder: Readonly<TokenHolder>;
}

/**
 * Resolved API tokens, kept for a moment (one second by default) so a busy machine client costs one
 * query per request instead of two. An entry is never extended: a token in constant use is still read
 * from the database once per `ttlMs`. Whatever could withdraw a token's rights (revoking it, changing or
 * removing its holder's membership, changing their account) empties the cache on this process, and a
 * read that began before the emptying is not cached after it (generations); other Coral processes on
 * the same PostgreSQL see the change within `ttlMs`. Only tokens that would be honoured are cached.
 */
export class TokenCache {
  private readonly entries = new Map<string, { until: number; value: ResolvedToken }>();
  private generationCount = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  /** Pass to `set`: a read that started before the latest `forgetAll` is not kept. */
  get generation(): number {
    return this.generationCount;
  }

  get(tokenHash: string, now: number): ResolvedToken | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(tokenHash);
    return undefined;
  }

  /** Keeps what a database read found, unless the cache was emptied since the read began. */
  set(tokenHash: string, value: ResolvedToken, now: number, readGeneration: number): void {
    if (this.ttlMs <= 0 || readGeneration !== this.generationCount) return;
    this.entries.delete(tokenHash);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const frozen = Object.freeze({
      token: Object.freeze({ ...value.token }),
      holder: Object.freeze({ ...value.holder }),
    });
    this.entries.set(tokenHash, { until: now + this.ttlMs, value: frozen });
  }

  /** Empties the cache now and again once the surrounding transaction (if any) has ended. */
  async forgetAll(database: Database): Promise<void> {
    this.clear();
    await database.outsideTransaction(async () => this.clear());
  }

  private clear(): void {
    this.entries.clear();
    this.generationCount++;
  }
}
