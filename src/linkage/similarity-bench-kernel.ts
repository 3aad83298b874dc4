import { candidatePairs, type DiceEngineName, type FilterSet, packFilters } from './similarity.js';

/**
 * The throughput of a Dice engine: for the linkage benchmark, comparing it with the figures in
 * linkage.md (Node 20, one thread, 1024-bit filters: ~17 million/s in JS, ~120 million/s in
 * WebAssembly).
 */

/** n pseudo-random filters of `bits` bits (xorshift32 from a fixed seed, so every run sees the same). */
function randomFilters(n: number, bits: number, seed: number): FilterSet {
  let state = seed;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  };
  return packFilters(
    Array.from({ length: n }, () => Uint8Array.from({ length: bits / 8 }, next)),
    bits,
  );
}

/**
 * Comparisons per second of `engine` over n × n pairs of random `bits`-bit filters, at threshold 0.7
 * with pruning off (random filters are about half full, so popcounts would prune nothing anyway and
 * almost no pair reaches 0.7): the kernel's speed plus the small per-query cost of staging. Runs once
 * to warm up, then repeats for at least `minimumMilliseconds`.
 *
 * @example
 * comparisonsPerSecond('wasm', 2000, 1024); // ≈ 1.2e8 on the machines linkage.md describes
 */
export function comparisonsPerSecond(
  engine: DiceEngineName,
  n: number,
  bits: number,
  minimumMilliseconds = 500,
): number {
  const a = randomFilters(n, bits, 0x9e3779b9);
  const b = randomFilters(n, bits, 0x85ebca6b);
  const run = () => candidatePairs(a, b, 0.7, { engine, prune: false });
  run();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    run();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minimumMilliseconds);
  return (runs * n * n) / (elapsed / 1000);
}
