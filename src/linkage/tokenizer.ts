import type { Comparison } from './linkage-schema.js';
import { parsePythonFloat, parsePythonInt, roundHalfEven } from './python-text.js';

/**
 * n-grams of a value, as clkhash's NgramComparison cuts them: over code points, padded with n − 1
 * spaces at each end when n > 1, and prefixed with the 1-based position and a space when positional.
 * An empty value has no n-grams.
 *
 * @example
 * ngrams('wa', 2, false); // [' w', 'wa', 'a ']
 * ngrams('wa', 2, true); // ['1  w', '2 wa', '3 a ']
 * ngrams('69', 1, true); // ['1 6', '2 9']
 */
export function ngrams(value: string, n: number, positional: boolean): string[] {
  if (value === '') return [];
  const padding = Array<string>(n - 1).fill(' ');
  const chars = [...padding, ...Array.from(value), ...padding];
  const tokens: string[] = [];
  for (let i = 0; i + n <= chars.length; i++) {
    const gram = chars.slice(i, i + n).join('');
    tokens.push(positional ? `${i + 1} ${gram}` : gram);
  }
  return tokens;
}

/** Python's `a % b` for b > 0: the result has the sign of b. */
function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r < 0n ? r + b : r;
}

/** `10 ** p` as Python's float(10 ** p): correctly rounded. */
function powerOfTen(p: number): number {
  return Number(`1e${p}`);
}

/**
 * Tokens of a number for clkhash's NumericComparison (Vatsalan & Christen 2015): the value is scaled by
 * 10^fractional_precision, quantised to the grid of thresholdDistance / (2·resolution), and its
 * neighbourhood of 2·resolution + 1 grid points is written out (all multiplied by 2·resolution, to
 * stay in integers). Returns undefined for text that is not a number.
 *
 * @example
 * numericTokens('25', { thresholdDistance: 8, resolution: 2, fractional_precision: 0 });
 * // ['88', '96', '104', '112', '120']
 */
export function numericTokens(
  value: string,
  options: { thresholdDistance: number; resolution: number; fractional_precision: number },
): string[] | undefined {
  if (value === '') return [];
  const precision = options.fractional_precision;
  const interval = BigInt(roundHalfEven(options.thresholdDistance * powerOfTen(precision)));
  let v = parsePythonInt(value);
  if (v !== undefined) {
    v *= 10n ** BigInt(precision);
  } else {
    const float = parsePythonFloat(value);
    if (float === undefined) return undefined;
    v = BigInt(precision > 0 ? roundHalfEven(float * powerOfTen(precision)) : Math.trunc(float));
  }
  const resolution = BigInt(options.resolution);
  v *= 2n * resolution;
  const residue = floorMod(v, interval);
  if (residue !== 0n) v = 2n * residue < interval ? v - residue : v + (interval - residue);
  const tokens: string[] = [];
  for (let i = -resolution; i <= resolution; i++) tokens.push((v + i * interval).toString());
  return tokens;
}

/**
 * The tokens of a prepared value under a feature's comparison: n-grams, the whole value ('exact'), or a
 * numeric neighbourhood. Returns undefined when a numeric comparison meets text that is not a number.
 *
 * @example
 * tokenize({ type: 'exact' }, 'F'); // ['F']
 */
export function tokenize(comparison: Comparison, value: string): string[] | undefined {
  switch (comparison.type) {
    case 'ngram':
      return ngrams(value, comparison.n, comparison.positional);
    case 'exact':
      return value === '' ? [] : [value];
    case 'numeric':
      return numericTokens(value, comparison);
  }
}
