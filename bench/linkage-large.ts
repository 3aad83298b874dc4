/**
 * `npx tsx bench/linkage-large.ts`: linkage of BENCH_PEOPLE (default 100,000) synthetic people against
 * their corrupted duplicates (`synthetic-people.ts`), encoded with the FEBRL schema, then matched with
 * blocking (`linkWithBlocking`: pairs-of-sub-keys LSH, scoring on worker threads) at threshold 0.8 and
 * a greedy one-to-one assignment. Prints JSON:
 * - encoding: timed on its own (one thread). BENCH_CLK_CACHE=<file> keeps the encodings in that file
 *   and reuses them on the next run with the same size (the file holds CLKs, not the records).
 * - linkage: blocking + scoring wall time, Dice comparisons made, pairs ≥ threshold; the assignment.
 * - recall and precision of the matches against the truth.
 * - blocking recall against all-pairs comparison, measured exactly on BENCH_SAMPLE (default 200)
 *   random rows of A compared with all of B; and on the true pairs: how many reach the threshold at
 *   all (what all-pairs would find of them) and how many of those blocking finds.
 * - all-pairs time, estimated from the sample on one thread (BENCH_ALLPAIRS=1 runs it on all cores).
 * The machine may be shared with other work: timings are noisy; run twice before trusting one.
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { linkWithBlocking, toScoredPairs } from '../src/linkage/blocked-linkage.js';
import { createClkEncoder } from '../src/linkage/clk-encoder.js';
import { parseLinkageSchema } from '../src/linkage/linkage-schema.js';
import { greedyAssignment } from '../src/linkage/matching.js';
import { parallelCandidatePairs } from '../src/linkage/parallel-match.js';
import { seededRandom } from '../src/linkage/seeded-random.js';
import { candidatePairs, dice, type FilterSet, packFilters } from '../src/linkage/similarity.js';
import { syntheticPeople } from '../src/linkage/synthetic-people.js';
import { referenceFile } from '../src/testing/reference.js';

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const sampleRows = Math.min(people, Number(process.env.BENCH_SAMPLE ?? 200));
const cacheFile = process.env.BENCH_CLK_CACHE;
const threshold = 0.8;
const workers = availableParallelism();
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));
const ratio = (x: number, y: number) => Number((x / Math.max(1, y)).toFixed(4));

const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
  schema: unknown;
  secret: string;
};
const encoder = createClkEncoder(parseLinkageSchema(vectors.schema), vectors.secret);
const bytesPerClk = encoder.bits / 8;

let started = performance.now();
const { a: recordsA, b: recordsB, truth } = syntheticPeople(people, { seed: 1 });
const generateSeconds = seconds(started);

/** Both parties' CLKs, one after another: encoded now, or read from the cache of an earlier run. */
function encodeBoth(): { clks: Uint8Array; seconds: number | null } {
  const size = 2 * people * bytesPerClk;
  if (cacheFile && existsSync(cacheFile)) {
    const cached = new Uint8Array(readFileSync(cacheFile));
    if (cached.length === size) return { clks: cached, seconds: null };
  }
  const from = performance.now();
  const clks = new Uint8Array(size);
  for (const [k, record] of [...recordsA, ...recordsB].entries())
    clks.set(encoder.encode(record), k * bytesPerClk);
  const took = seconds(from);
  if (cacheFile) writeFileSync(cacheFile, clks);
  return { clks, seconds: took };
}
const encoded = encodeBoth();
const clkAt = (k: number) => encoded.clks.subarray(k * bytesPerClk, (k + 1) * bytesPerClk);
const setA = packFilters(Array.from({ length: people }, (_, i) => clkAt(i)));
const setB = packFilters(Array.from({ length: people }, (_, j) => clkAt(people + j)));

// Linkage: blocking and scoring (one call), then the assignment.
started = performance.now();
const found = await linkWithBlocking(setA, setB, threshold, { workers });
const linkSeconds = seconds(started);
started = performance.now();
const matches = greedyAssignment(toScoredPairs(found));
const assignmentSeconds = seconds(started);
const correct = matches.filter((match) => truth[match.a] === match.b).length;

/** Whether blocking reported the pair (a, b): binary search in its (a, b) order. */
function blockingFound(a: number, b: number): boolean {
  let [lo, hi] = [0, found.a.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const [x, y] = [found.a[mid] as number, found.b[mid] as number];
    if (x < a || (x === a && y < b)) lo = mid + 1;
    else hi = mid;
  }
  return found.a[lo] === a && found.b[lo] === b;
}

// All-pairs on a sample of A's rows: exactly what it finds there, and how long it takes.
const random = seededRandom(7);
const rows = [...new Set(Array.from({ length: sampleRows }, () => Math.floor(random() * people)))];
const sampleSet: FilterSet = packFilters(rows.map((i) => clkAt(i)));
started = performance.now();
const sampled = candidatePairs(sampleSet, setB, threshold);
const sampleSeconds = (performance.now() - started) / 1000;
const sampledFound = sampled.filter((pair) => blockingFound(rows[pair.a] as number, pair.b)).length;

// The true pairs: those at or above the threshold are what all-pairs comparison would find of them.
let trueAbove = 0;
let trueAboveFound = 0;
for (let i = 0; i < people; i++) {
  const j = truth[i] as number;
  if (dice(clkAt(i), clkAt(people + j)) < threshold) continue;
  trueAbove++;
  if (blockingFound(i, j)) trueAboveFound++;
}

const perCoreSeconds = sampleSeconds * (people / rows.length);
let allPairsMeasured: { seconds: number; pairsAboveThreshold: number; blockingRecall: number } | null = null;
if (process.env.BENCH_ALLPAIRS === '1') {
  started = performance.now();
  const every = await parallelCandidatePairs(setA, setB, threshold, { workers });
  const everyFound = every.filter((pair) => blockingFound(pair.a, pair.b)).length;
  allPairsMeasured = {
    seconds: seconds(started),
    pairsAboveThreshold: every.length,
    blockingRecall: ratio(everyFound, every.length),
  };
}

const summary = {
  benchmark: 'linkage-large',
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    node: process.version,
    workers,
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  },
  people,
  threshold,
  generateSeconds,
  encoding: {
    records: 2 * people,
    seconds: encoded.seconds ?? 'cached',
    recordsPerSecond: encoded.seconds === null ? null : Math.round((2 * people) / encoded.seconds),
    threads: 1,
  },
  linkage: {
    seconds: linkSeconds,
    tables: found.tables,
    subKeys: found.positions.length,
    subKeyBits: found.positions[0]?.length,
    comparisons: found.comparisons,
    comparisonShareOfAllPairs: Number((found.comparisons / (people * people)).toExponential(3)),
    pairsAboveThreshold: found.a.length,
    assignmentSeconds,
    matches: matches.length,
    recallAgainstTruth: ratio(correct, people),
    precision: ratio(correct, matches.length),
  },
  blockingRecallAgainstAllPairs: {
    sampleRows: rows.length,
    sampleAllPairsAboveThreshold: sampled.length,
    sampleFoundByBlocking: sampledFound,
    recall: ratio(sampledFound, sampled.length),
    truePairsAboveThreshold: trueAbove,
    truePairsAboveThresholdFound: trueAboveFound,
    truePairsRecall: ratio(trueAboveFound, trueAbove),
  },
  allPairs: allPairsMeasured ?? {
    estimatedSecondsOneCore: Number(perCoreSeconds.toFixed(1)),
    estimatedSecondsAllCores: Number((perCoreSeconds / workers).toFixed(1)),
    fromSampleRows: rows.length,
  },
  targets: {
    linkageUnder60s: linkSeconds < 60,
    recallAtLeast098: correct / people >= 0.98,
  },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
