import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import type { CandidatePair } from './blocking.js';
import {
  clusterParties,
  crossPartyPairs,
  greedyAssignment,
  type LinkGroup,
  type PartyPair,
  type RecordRef,
  type ScoredPair,
  scoreCandidates,
} from './matching.js';

/** Scores from a short list, so that ties are common. */
const score = fc.constantFrom(0.8, 0.85, 0.9, 0.95, 1);

const scoredPairs = fc.array(
  fc.record({ a: fc.integer({ min: 0, max: 6 }), b: fc.integer({ min: 0, max: 6 }), score }),
  { maxLength: 30 },
);

const ref = (party: number, index: number): RecordRef => ({ party, index });
const key = (r: RecordRef) => `${r.party}:${r.index}`;

const partyPairs = fc.array(
  fc
    .record({
      a: fc.record({ party: fc.integer({ min: 0, max: 3 }), index: fc.integer({ min: 0, max: 3 }) }),
      b: fc.record({ party: fc.integer({ min: 0, max: 3 }), index: fc.integer({ min: 0, max: 3 }) }),
      score,
    })
    .filter((pair) => pair.a.party !== pair.b.party),
  { maxLength: 30 },
);

/** The same list in another order. */
const shuffled = <T>(items: readonly T[], seed: number): T[] =>
  items
    .map((item, i) => ({ item, rank: Math.sin(seed * 9973 + i * 7919) }))
    .sort((x, y) => x.rank - y.rank)
    .map(({ item }) => item);

describe('scoreCandidates', () => {
  it('keeps the candidates scoring at or above the threshold, never NaN', () => {
    const candidates: CandidatePair[] = [
      [0, 0],
      [0, 1],
      [1, 1],
      [2, 0],
    ];
    const scores: Record<string, number> = { '0,0': 0.8, '0,1': 0.79, '1,1': Number.NaN, '2,0': 0.95 };
    expect(scoreCandidates(candidates, (a, b) => scores[`${a},${b}`] ?? 0, 0.8)).toEqual([
      { a: 0, b: 0, score: 0.8 },
      { a: 2, b: 0, score: 0.95 },
    ]);
  });
});

describe('greedyAssignment', () => {
  it('takes the best pair first and leaves a record without a match when its partner is taken', () => {
    const pairs = [
      { a: 0, b: 0, score: 0.9 },
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 1, score: 0.85 },
      { a: 1, b: 0, score: 0.8 },
    ];
    expect(greedyAssignment(pairs)).toEqual([
      { a: 0, b: 1, score: 0.95 },
      { a: 1, b: 0, score: 0.8 },
    ]);
  });

  it('breaks ties by the lower index of the first party, then of the second', () => {
    const pairs = [
      { a: 1, b: 0, score: 0.9 },
      { a: 1, b: 1, score: 0.9 },
      { a: 0, b: 1, score: 0.9 },
      { a: 0, b: 0, score: 0.9 },
    ];
    expect(greedyAssignment(pairs)).toEqual([
      { a: 0, b: 0, score: 0.9 },
      { a: 1, b: 1, score: 0.9 },
    ]);
  });

  it('matches each record at most once, and every pair left out has a taken record with a score as good', () => {
    fc.assert(
      fc.property(scoredPairs, (pairs) => {
        const matches = greedyAssignment(pairs);
        expect(new Set(matches.map((m) => m.a)).size).toBe(matches.length);
        expect(new Set(matches.map((m) => m.b)).size).toBe(matches.length);
        const byA = new Map(matches.map((m) => [m.a, m]));
        const byB = new Map(matches.map((m) => [m.b, m]));
        for (const pair of pairs) {
          const blockers = [byA.get(pair.a), byB.get(pair.b)].filter((m): m is ScoredPair => m !== undefined);
          expect(blockers.some((m) => m.score >= pair.score)).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(scoredPairs, fc.integer(), (pairs, seed) => {
        expect(greedyAssignment(shuffled(pairs, seed))).toEqual(greedyAssignment(pairs));
      }),
    );
  });
});

describe('clusterParties', () => {
  it('joins records of three parties through their pairs', () => {
    const groups = clusterParties([
      { a: ref(0, 4), b: ref(1, 2), score: 0.93 },
      { a: ref(2, 7), b: ref(1, 2), score: 0.9 },
    ]);
    expect(groups).toEqual([
      {
        members: [ref(0, 4), ref(1, 2), ref(2, 7)],
        links: [
          { a: ref(0, 4), b: ref(1, 2), score: 0.93 },
          { a: ref(1, 2), b: ref(2, 7), score: 0.9 },
        ],
      },
    ]);
  });

  it('keeps a pair that closes a triangle as a confirming link', () => {
    const [group] = clusterParties([
      { a: ref(0, 0), b: ref(1, 0), score: 0.9 },
      { a: ref(1, 0), b: ref(2, 0), score: 0.85 },
      { a: ref(0, 0), b: ref(2, 0), score: 0.8 },
    ]);
    expect(group?.members).toHaveLength(3);
    expect(group?.links.map((link) => link.score)).toEqual([0.9, 0.85, 0.8]);
  });

  it('refuses a merge that would put two records of one party in a group', () => {
    const groups = clusterParties([
      { a: ref(0, 1), b: ref(2, 0), score: 0.95 },
      { a: ref(0, 0), b: ref(1, 0), score: 0.9 },
      { a: ref(1, 0), b: ref(2, 0), score: 0.85 },
    ]);
    expect(groups.map((group) => group.members)).toEqual([
      [ref(0, 0), ref(1, 0)],
      [ref(0, 1), ref(2, 0)],
    ]);
  });

  it('counts a pair given twice, in either order, once', () => {
    const groups = clusterParties([
      { a: ref(0, 0), b: ref(1, 0), score: 0.9 },
      { a: ref(1, 0), b: ref(0, 0), score: 0.9 },
    ]);
    expect(groups[0]?.links).toHaveLength(1);
  });

  it('rejects a pair inside one party', () => {
    expect(() => clusterParties([{ a: ref(1, 0), b: ref(1, 1), score: 0.9 }])).toThrow(AppError);
  });

  it('holds at most one record per party in a group, and drops a pair only when its groups share a party', () => {
    fc.assert(
      fc.property(partyPairs, (pairs) => {
        const groups = clusterParties(pairs);
        const groupOf = new Map<string, LinkGroup>();
        for (const group of groups) {
          const parties = group.members.map((member) => member.party);
          expect(new Set(parties).size).toBe(parties.length);
          for (const member of group.members) groupOf.set(key(member), group);
        }
        const partiesOf = (r: RecordRef) => groupOf.get(key(r))?.members.map((m) => m.party) ?? [r.party];
        for (const pair of pairs) {
          const [x, y] = [groupOf.get(key(pair.a)), groupOf.get(key(pair.b))];
          if (x !== undefined && x === y) continue;
          const partiesOfB = new Set(partiesOf(pair.b));
          expect(partiesOf(pair.a).some((party) => partiesOfB.has(party))).toBe(true);
        }
        for (const group of groups) {
          const members = new Set(group.members.map(key));
          for (const link of group.links)
            expect(members.has(key(link.a)) && members.has(key(link.b))).toBe(true);
        }
      }),
    );
  });

  it('does not depend on the order of its input', () => {
    fc.assert(
      fc.property(partyPairs, fc.integer(), (pairs: PartyPair[], seed) => {
        expect(clusterParties(shuffled(pairs, seed))).toEqual(clusterParties(pairs));
      }),
    );
  });
});

describe('crossPartyPairs', () => {
  it('scores the candidates of every pair of parties and keeps those at or above the threshold', () => {
    const asked: string[] = [];
    const pairs = crossPartyPairs({
      parties: 3,
      threshold: 0.8,
      candidates: (p, q) => {
        asked.push(`${p}-${q}`);
        return [[0, 0]];
      },
      score: (p, _i, q) => (p === 0 && q === 2 ? 0.5 : 0.9),
    });
    expect(asked).toEqual(['0-1', '0-2', '1-2']);
    expect(pairs).toEqual([
      { a: ref(0, 0), b: ref(1, 0), score: 0.9 },
      { a: ref(1, 0), b: ref(2, 0), score: 0.9 },
    ]);
  });
});
