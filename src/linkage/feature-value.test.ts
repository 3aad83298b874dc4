import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createValuePreparer } from './feature-value.js';
import type { HashedFeature } from './linkage-schema.js';
import { canEncode, parsePythonInt } from './python-text.js';

/** A hashed feature with the given format (the hashing part does not matter to preparation). */
function featureWith(format: HashedFeature['format']): HashedFeature {
  return {
    identifier: 'f',
    format,
    hashing: {
      comparison: { type: 'ngram', n: 2, positional: false },
      strategy: { bitsPerFeature: 100 },
      hash: { type: 'blakeHash' },
    },
  };
}

describe('value preparation fast paths', () => {
  it('tells encodable text as the Unicode surrogate class does', () => {
    const text = fc.string({
      unit: fc.oneof(fc.constantFrom('\ud800', '\udfff', 'a'), fc.string({ unit: 'binary', maxLength: 1 })),
      maxLength: 8,
    });
    fc.assert(
      fc.property(text, (value) => {
        const surrogateFree = !/\p{Cs}/u.test(value);
        expect(canEncode(value, 'utf-8')).toBe(surrogateFree);
        expect(canEncode(value, 'ascii')).toBe(
          surrogateFree && [...value].every((c) => c.charCodeAt(0) < 0x80),
        );
      }),
    );
  });

  it('normalises and bounds plain digits as the BigInt reading does', () => {
    const prepare = createValuePreparer(featureWith({ type: 'integer', minimum: 50, maximum: 9999 }));
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '5', '9'), minLength: 1, maxLength: 18 });
    fc.assert(
      fc.property(digits, (value) => {
        const number = parsePythonInt(value) as bigint;
        const expected = number < 50n ? 'too_small' : number > 9999n ? 'too_large' : number.toString();
        const prepared = prepare(value);
        expect(prepared.ok ? prepared.text : prepared.code).toBe(expected);
      }),
    );
  });

  it('counts code points, not UTF-16 units, against maxLength', () => {
    const prepare = createValuePreparer(featureWith({ type: 'string', encoding: 'utf-8', maxLength: 2 }));
    expect(prepare('😀😀').ok).toBe(true);
    expect(prepare('😀😀a').ok).toBe(false);
  });
});
