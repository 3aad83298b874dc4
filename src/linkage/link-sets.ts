import { linkWithBlocking, toScoredPairs } from './blocked-linkage.js';
import type { ScoredPair } from './matching.js';
import { parallelCandidatePairs } from './parallel-match.js';
import { candidatePairs, type FilterSet } from './similarity.js';

/** How two sets are compared: every pair (exact), blocking (LSH), or chosen by size. */
export type LinkMethod = 'auto' | 'all-pairs' | 'blocking';

/** Above this many pairs, `auto` blocks: all pairs would take more than several seconds on 2 cores. */
export const blockingAbovePairs = 1e9;
/** Below this many pairs, comparing on this thread beats starting workers. */
const workersAbovePairs = 2.5e7;

/**
 * Every pair of one filter of `a` and one of `b` with Dice ≥ `threshold`, ordered by `a` then `b`.
 * All pairs are compared (exactly, popcount-pruned, on worker threads when there are many) up to
 * {@link blockingAbovePairs} pairs; above that `auto` uses blocked linkage, which finds true matches of
 * people almost surely but pairs just above the threshold only sometimes (see `blocked-linkage.ts`).
 *
 * @example
 * const pairs = await linkSets(packFilters(ours), packFilters(theirs), 0.8); // [{ a: 0, b: 17, score: 0.91 }, …]
 */
export async function linkSets(
  a: FilterSet,
  b: FilterSet,
  threshold: number,
  method: LinkMethod = 'auto',
): Promise<ScoredPair[]> {
  const pairs = a.count * b.count;
  if (method === 'blocking' || (method === 'auto' && pairs > blockingAbovePairs)) {
    return toScoredPairs(await linkWithBlocking(a, b, threshold));
  }
  if (pairs < workersAbovePairs) return candidatePairs(a, b, threshold);
  return parallelCandidatePairs(a, b, threshold);
}
