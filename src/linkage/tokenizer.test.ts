import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ngrams, numericTokens, tokenize } from './tokenizer.js';

// Expected tokens are clkhash 0.18.3's (comparators.py) for the same input.
describe('n-grams', () => {
  it('pads with n − 1 spaces and prefixes positions', () => {
    expect(ngrams('clkhash', 2, true)).toEqual([
      '1  c',
      '2 cl',
      '3 lk',
      '4 kh',
      '5 ha',
      '6 as',
      '7 sh',
      '8 h ',
    ]);
    expect(ngrams('a😀', 3, false)).toEqual(['  a', ' a😀', 'a😀 ', '😀  ']);
    expect(ngrams('69', 1, true)).toEqual(['1 6', '2 9']);
    expect(ngrams('', 2, false)).toEqual([]);
  });

  it('gives length + n − 1 tokens of n characters for any value', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }),
        fc.integer({ min: 1, max: 5 }),
        (value, n) => {
          const tokens = ngrams(value, n, false);
          const length = Array.from(value).length;
          expect(tokens).toHaveLength(n > 1 ? length + n - 1 : length);
          for (const token of tokens) expect(Array.from(token)).toHaveLength(n);
        },
      ),
    );
  });
});

describe('exact and numeric comparisons', () => {
  it('keeps the whole value as one token', () => {
    expect(tokenize({ type: 'exact' }, 'F')).toEqual(['F']);
    expect(tokenize({ type: 'exact' }, '')).toEqual([]);
  });

  it('writes out the neighbourhood of a number on its grid', () => {
    const options = { thresholdDistance: 8, resolution: 2, fractional_precision: 0 };
    expect(numericTokens('25', options)).toEqual(['88', '96', '104', '112', '120']);
    expect(
      numericTokens('-3.75', { thresholdDistance: 2.5, resolution: 2, fractional_precision: 1 }),
    ).toEqual(['-200', '-175', '-150', '-125', '-100']);
    // round(12.5) is 12 in Python: ties go to the even neighbour.
    expect(numericTokens('0.125', { thresholdDistance: 1, resolution: 1, fractional_precision: 2 })).toEqual([
      '-100',
      '0',
      '100',
    ]);
    expect(numericTokens('tall', options)).toBeUndefined();
  });

  it('makes numbers closer than the threshold share a token', () => {
    const options = { thresholdDistance: 10, resolution: 3, fractional_precision: 0 };
    fc.assert(
      fc.property(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 0, max: 9 }), (x, distance) => {
        const a = new Set(numericTokens(String(x), options));
        const b = numericTokens(String(x + distance), options) ?? [];
        expect(a.size).toBe(7);
        expect(b.some((token) => a.has(token))).toBe(true);
      }),
    );
  });
});
