import { AppError } from '../platform/errors.js';
import type { CandidatePair } from './blocking.js';

/**
 * Deciding which records match once pairs are scored (Dice coefficients of CLKs, or any similarity
 * where higher is closer). Two parties: a greedy one-to-one assignment, best pair first. Several
 * parties: a greedy merge of clusters that keeps at most one record per party in each cluster. Neither
 * computes similarities: callers pass scored pairs, or a `score(aIndex, bIndex)` callback, so the
 * similarity engine can change without touching the matching rules.
 */

/** A scored pair of the first party's record `a` and the second party's record `b`. */
export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/** Similarity of the first party's record `aIndex` and the second party's record `bIndex`. */
export type PairScore = (aIndex: number, bIndex: number) => number;

/**
 * Scores candidate pairs (from blocking, or all pairs) and keeps those at or above the threshold, in the
 * candidates' order. NaN scores never pass.
 *
 * @example
 * const pairs = scoreCandidates(candidateBlocks(a, b, lsh), (i, j) => dice(a[i], b[j]), 0.8);
 */
export function scoreCandidates(
  candidates: Iterable<CandidatePair>,
  score: PairScore,
  threshold: number,
): ScoredPair[] {
  const kept: ScoredPair[] = [];
  for (const [a, b] of candidates) {
    const value = score(a, b);
    if (value >= threshold) kept.push({ a, b, score: value });
  }
  return kept;
}

/** Highest score first; equal scores by the lower `a`, then the lower `b`, so the order never depends on input order. */
function byScore(x: ScoredPair, y: ScoredPair): number {
  return y.score - x.score || x.a - y.a || x.b - y.b;
}

/**
 * Greedy one-to-one assignment between two parties: pairs from the highest score down, each taken
 * when neither of its records is taken yet. Ties go to the pair with the lower `a` index, then the lower
 * `b` index. Returns the matches in the order they were taken (highest score first). Greedy is not the
 * optimal assignment, but for CLKs, where a true match usually scores well above its rivals, it is what
 * anonlink uses and it is near-linear in the number of pairs.
 *
 * @example
 * greedyAssignment([{ a: 0, b: 0, score: 0.9 }, { a: 0, b: 1, score: 0.95 }, { a: 1, b: 1, score: 0.85 }]);
 * // [{ a: 0, b: 1, score: 0.95 }] (record 1 of A is left without a match: its only partner is taken)
 */
export function greedyAssignment(pairs: readonly ScoredPair[]): ScoredPair[] {
  const takenA = new Set<number>();
  const takenB = new Set<number>();
  const matches: ScoredPair[] = [];
  for (const pair of [...pairs].sort(byScore)) {
    if (Number.isNaN(pair.score) || takenA.has(pair.a) || takenB.has(pair.b)) continue;
    takenA.add(pair.a);
    takenB.add(pair.b);
    matches.push(pair);
  }
  return matches;
}

/** One record of one party: the party's number and the record's index in that party's list. */
export interface RecordRef {
  readonly party: number;
  readonly index: number;
}

/** A scored pair of records held by two different parties. */
export interface PartyPair {
  readonly a: RecordRef;
  readonly b: RecordRef;
  readonly score: number;
}

/** Records taken to be one person: at most one record per party, and the pairs that tie them together. */
export interface LinkGroup {
  /** The records, by party and then index. */
  readonly members: RecordRef[];
  /** The accepted pairs inside the group, highest score first: those that merged it and those that confirm it. */
  readonly links: PartyPair[];
}

/**
 * Similarity of party `p`'s record `i` and party `q`'s record `j`, where p < q. Callers supply the
 * candidate pairs of each pair of parties (blocking) and the scores.
 */
export interface CrossPartyScoring {
  /** Number of parties, numbered 0 … parties − 1. */
  readonly parties: number;
  /** Candidate pairs (i in party p, j in party q) for parties p < q. */
  candidates(p: number, q: number): Iterable<CandidatePair>;
  /** Similarity of record i of party p and record j of party q. */
  score(p: number, i: number, q: number, j: number): number;
  /** Pairs below this score are dropped. */
  readonly threshold: number;
}

/**
 * Every scored pair at or above the threshold between records of different parties, for
 * {@link clusterParties}.
 *
 * @example
 * const pairs = crossPartyPairs({ parties: 3, threshold: 0.8,
 *   candidates: (p, q) => candidateBlocks(clks[p], clks[q], lsh),
 *   score: (p, i, q, j) => dice(clks[p][i], clks[q][j]) });
 */
export function crossPartyPairs(scoring: CrossPartyScoring): PartyPair[] {
  const pairs: PartyPair[] = [];
  for (let p = 0; p < scoring.parties; p++) {
    for (let q = p + 1; q < scoring.parties; q++) {
      for (const { a, b, score } of scoreCandidates(
        scoring.candidates(p, q),
        (i, j) => scoring.score(p, i, q, j),
        scoring.threshold,
      )) {
        pairs.push({ a: { party: p, index: a }, b: { party: q, index: b }, score });
      }
    }
  }
  return pairs;
}

const compareRefs = (x: RecordRef, y: RecordRef): number => x.party - y.party || x.index - y.index;
const refKey = (ref: RecordRef): string => `${ref.party}:${ref.index}`;

/** The pair with its lower record (by party, then index) first; rejects pairs inside one party. */
function orient(pair: PartyPair): PartyPair {
  if (pair.a.party === pair.b.party) {
    throw new AppError('bad_request', 'Multi-party clustering links records of different parties only.');
  }
  return compareRefs(pair.a, pair.b) < 0 ? pair : { a: pair.b, b: pair.a, score: pair.score };
}

/** Highest score first, then by the records, so ties never depend on input order. */
function byPartyScore(x: PartyPair, y: PartyPair): number {
  return y.score - x.score || compareRefs(x.a, y.a) || compareRefs(x.b, y.b);
}

interface Cluster {
  members: RecordRef[];
  parties: Set<number>;
  links: PartyPair[];
}

/**
 * Multi-party clustering by greedy merging. Every record starts alone; pairs are taken from the highest
 * score down (ties by the records' party and index), and a pair
 * - inside one cluster already is kept as a confirming link;
 * - joining two clusters merges them only if no party has a record in both, so that a cluster never
 *   holds two records of one party (each party is taken to have deduplicated its own records);
 * - otherwise is dropped: a better-scoring pair has already tied one of its records to that party.
 * Pairs are expected at or above the caller's threshold (see {@link crossPartyPairs}); a pair given twice
 * counts once. Returns the groups of two or more records, ordered by their first member.
 *
 * @example
 * clusterParties([
 *   { a: { party: 0, index: 4 }, b: { party: 1, index: 2 }, score: 0.93 },
 *   { a: { party: 1, index: 2 }, b: { party: 2, index: 7 }, score: 0.9 },
 * ]); // [{ members: [0:4, 1:2, 2:7], links: [0.93, 0.9] }]
 */
export function clusterParties(pairs: readonly PartyPair[]): LinkGroup[] {
  const clusterOf = new Map<string, Cluster>();
  const clusterFor = (ref: RecordRef): Cluster => {
    let cluster = clusterOf.get(refKey(ref));
    if (cluster === undefined) {
      cluster = { members: [ref], parties: new Set([ref.party]), links: [] };
      clusterOf.set(refKey(ref), cluster);
    }
    return cluster;
  };
  const seen = new Set<string>();
  for (const pair of pairs.map(orient).sort(byPartyScore)) {
    const key = `${refKey(pair.a)}|${refKey(pair.b)}`;
    if (Number.isNaN(pair.score) || seen.has(key)) continue;
    seen.add(key);
    const [x, y] = [clusterFor(pair.a), clusterFor(pair.b)];
    if (x === y) {
      x.links.push(pair);
      continue;
    }
    if ([...y.parties].some((party) => x.parties.has(party))) continue;
    // Merge the smaller cluster into the larger, so every record is moved O(log n) times.
    const [into, from] = x.members.length >= y.members.length ? [x, y] : [y, x];
    for (const ref of from.members) {
      into.members.push(ref);
      into.parties.add(ref.party);
      clusterOf.set(refKey(ref), into);
    }
    into.links.push(...from.links, pair);
  }
  const groups = new Set([...clusterOf.values()].filter((cluster) => cluster.members.length > 1));
  return (
    [...groups]
      .map((cluster) => ({
        members: [...cluster.members].sort(compareRefs),
        links: [...cluster.links].sort(byPartyScore),
      }))
      // Every group kept has at least two members, so members[0] exists.
      .sort((x, y) => compareRefs(x.members[0] as RecordRef, y.members[0] as RecordRef))
  );
}
