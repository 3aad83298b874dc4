/**
 * `npx tsx bench/linkage-large.ts`: linkage of BENCH_PEOPLE (default 100,000) synthetic people against
 * their corrupted duplicates (`synthetic-people.ts`), encoded with the FEBRL schema: encoding rate,
 * then matching with λ-fold LSH blocking planned for threshold 0.8 and recall 0.98 — blocking, Dice
 * scoring of the candidates on worker threads, greedy assignment — timed, with recall and precision
 * against the truth. All-pairs comparison (|A|·|B| Dice scores) runs only with BENCH_ALLPAIRS=1;
 * otherwise its time is estimated from a sample. Prints JSON.
 *
 * Not yet an npm script: it works at 5,000 people, but at 20,000 and above candidate generation runs out
 * of memory (blocking keeps every candidate pair as a JavaScript tuple, and on these filters it yields
 * far more candidates than planned). See docs/benchmarks.md, issue 7.
 */

import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { candidateBlocks, chooseLshParameters } from '../src/linkage/blocking.js';
import { type ClkRecord, clkPopcount, createClkEncoder } from '../src/linkage/clk-encoder.js';
import { parseLinkageSchema } from '../src/linkage/linkage-schema.js';
import { greedyAssignment } from '../src/linkage/matching.js';
import { parallelCandidatePairs } from '../src/linkage/parallel-match.js';
import { candidatePairs, packFilters } from '../src/linkage/similarity.js';
import { syntheticPeople } from '../src/linkage/synthetic-people.js';
import { referenceFile } from '../src/testing/reference.js';

const people = Number(process.env.BENCH_PEOPLE ?? 100_000);
const allPairs = process.env.BENCH_ALLPAIRS === '1';
const threshold = 0.8;
const workers = availableParallelism();
const seconds = (from: number) => Number(((performance.now() - from) / 1000).toFixed(2));

const vectors = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as {
  schema: unknown;
  secret: string;
};
const encoder = createClkEncoder(parseLinkageSchema(vectors.schema), vectors.secret);

let started = performance.now();
const { a: recordsA, b: recordsB, truth } = syntheticPeople(people, { seed: 1 });
const generateSeconds = seconds(started);

function encodeAll(records: readonly ClkRecord[]): Uint8Array[] {
  return records.map((record) => encoder.encode(record));
}
started = performance.now();
const clksA = encodeAll(recordsA);
const clksB = encodeAll(recordsB);
const encodeSeconds = seconds(started);

// Matching: plan, block, score on workers, assign.
const matchStarted = performance.now();
const popcounts = [...clksA, ...clksB].map(clkPopcount).sort((x, y) => x - y);
const density = (popcounts[Math.floor(popcounts.length * 0.9)] ?? 0) / encoder.bits;
const plan = chooseLshParameters({
  threshold,
  recall: 0.98,
  density,
  pairs: people * people,
  records: 2 * people,
});
if (plan === undefined) throw new Error('No LSH plan reaches recall 0.98 at threshold 0.8.');
process.stderr.write(`density ${density.toFixed(3)}, plan ${JSON.stringify(plan)}\n`);
started = performance.now();
const blocks = candidateBlocks(clksA, clksB, { lambda: plan.lambda, k: plan.k, seed: 1 });
const blockingSeconds = seconds(started);
started = performance.now();
const setA = packFilters(clksA);
const setB = packFilters(clksB);
const found = await parallelCandidatePairs(setA, setB, threshold, { workers, pairs: blocks });
const scoringSeconds = seconds(started);
started = performance.now();
const matches = greedyAssignment(found);
const assignmentSeconds = seconds(started);
const matchingSeconds = seconds(matchStarted);

const correct = matches.filter((match) => truth[match.a] === match.b).length;

// All pairs: measured on every core when asked, else estimated from one core on a sample of A.
const sample = Math.min(people, 1000);
started = performance.now();
const sampled = candidatePairs(
  {
    ...setA,
    count: sample,
    bytes: setA.bytes.subarray(0, (sample * encoder.bits) / 8),
    popcounts: setA.popcounts.subarray(0, sample),
  },
  setB,
  threshold,
);
const perCoreSeconds = ((performance.now() - started) / 1000) * (people / sample);
let allPairsResult: { seconds: number; pairsAboveThreshold: number; blockingRecall: number } | null = null;
if (allPairs) {
  started = performance.now();
  const every = await parallelCandidatePairs(setA, setB, threshold, { workers });
  allPairsResult = {
    seconds: seconds(started),
    pairsAboveThreshold: every.length,
    blockingRecall: Number((found.length / every.length).toFixed(4)),
  };
}

const summary = {
  benchmark: 'linkage-large',
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version, workers },
  people,
  generateSeconds,
  encoding: {
    records: 2 * people,
    seconds: encodeSeconds,
    recordsPerSecond: Math.round((2 * people) / encodeSeconds),
    threads: 1,
  },
  blocking: {
    ...plan,
    density: Number(density.toFixed(3)),
    candidates: blocks.length,
    seconds: blockingSeconds,
  },
  matching: {
    seconds: matchingSeconds,
    scoringSeconds,
    assignmentSeconds,
    comparisons: blocks.length,
    comparisonShareOfAllPairs: blocks.length / (people * people),
    pairsAboveThreshold: found.length,
    matches: matches.length,
    recallAgainstTruth: Number((correct / people).toFixed(4)),
    precision: Number((correct / Math.max(1, matches.length)).toFixed(4)),
  },
  allPairs: allPairsResult ?? {
    estimatedSecondsOneCore: Number(perCoreSeconds.toFixed(1)),
    estimatedSecondsAllCores: Number((perCoreSeconds / workers).toFixed(1)),
    sampleRows: sample,
    sampleHits: sampled.length,
    blockingRecall: 'not measured (BENCH_ALLPAIRS=1)',
  },
  targets: {
    matchingUnder60s: matchingSeconds < 60,
    recallAtLeast098: correct / people >= 0.98,
    encodingAtLeast30000PerSecond: (2 * people) / encodeSeconds >= 30_000,
  },
};
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
