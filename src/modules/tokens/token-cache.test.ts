import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.js';
import { type ResolvedToken, TokenCache } from './token-cache.js';
import type { TokenHolder } from './tokens.repository.js';

const resolved = (): ResolvedToken => ({
  token: {
    id: 't1',
    userId: 'u1',
    orgId: 'o1',
    name: 'nightly',
    tokenHash: 'h1',
    prefix: 'coral_ab',
    createdAt: new Date(0),
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
  },
  holder: { disabled: false, platformAdmin: false, role: 'analyst' },
});

/** No transaction open: `outsideTransaction` runs the task at once. */
const noTransaction = { outsideTransaction: async (task: () => Promise<void>) => task() } as Database;

describe('TokenCache', () => {
  it('keeps an entry for its time to live from the database read, however often it is used', () => {
    const cache = new TokenCache(1000);
    cache.set('h1', resolved(), 0, cache.generation);
    for (const now of [200, 400, 600, 800, 999]) expect(cache.get('h1', now)).toBeDefined();
    expect(cache.get('h1', 1000)).toBeUndefined();
  });

  it('does not keep a read that began before the cache was emptied', async () => {
    const cache = new TokenCache(1000);
    const readBegan = cache.generation;
    await cache.forgetAll(noTransaction); // a revocation commits while the read is under way
    cache.set('h1', resolved(), 0, readBegan);
    expect(cache.get('h1', 1)).toBeUndefined();
    cache.set('h1', resolved(), 0, cache.generation);
    expect(cache.get('h1', 1)).toBeDefined();
  });

  it('empties on forgetAll, and again once the surrounding transaction ends', async () => {
    const cache = new TokenCache(1000);
    let afterwards: (() => Promise<void>) | undefined;
    const inTransaction = {
      outsideTransaction: async (task: () => Promise<void>) => {
        afterwards = task;
      },
    } as Database;
    cache.set('h1', resolved(), 0, cache.generation);
    await cache.forgetAll(inTransaction);
    expect(cache.get('h1', 1)).toBeUndefined();
    const readDuringTransaction = cache.generation;
    cache.set('h1', resolved(), 1, readDuringTransaction); // read the old row before the commit
    expect(cache.get('h1', 2)).toBeDefined();
    await afterwards?.();
    expect(cache.get('h1', 3)).toBeUndefined();
  });

  it('hands out frozen copies, so no request can change what the next one sees', () => {
    const cache = new TokenCache(1000);
    const holder: TokenHolder = { disabled: false, platformAdmin: false, role: 'analyst' };
    cache.set('h1', { ...resolved(), holder }, 0, cache.generation);
    holder.role = 'admin';
    const cached = cache.get('h1', 1);
    expect(cached?.holder.role).toBe('analyst');
    expect(Object.isFrozen(cached?.holder)).toBe(true);
    expect(Object.isFrozen(cached?.token)).toBe(true);
  });

  it('caches nothing with a time to live of zero, and drops the oldest entry when full', () => {
    expect(
      (() => {
        const off = new TokenCache(0);
        off.set('h1', resolved(), 0, off.generation);
        return off.get('h1', 0);
      })(),
    ).toBeUndefined();
    const small = new TokenCache(1000, 2);
    for (const hash of ['a', 'b', 'c']) small.set(hash, resolved(), 0, small.generation);
    expect([small.get('a', 1), small.get('b', 1), small.get('c', 1)].map(Boolean)).toEqual([
      false,
      true,
      true,
    ]);
  });
});
