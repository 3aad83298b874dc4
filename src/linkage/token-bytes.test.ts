import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeText, type TextEncoding } from './python-text.js';
import { TokenWriter } from './token-bytes.js';
import { ngrams } from './tokenizer.js';

const encodings: TextEncoding[] = ['utf-8', 'ascii', 'utf-16', 'utf-32'];
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Every token a writer passes on, as hex, with the index and count it came with. */
function written(
  run: (sink: (bytes: Uint8Array, length: number, index: number, count: number) => void) => void,
) {
  const tokens: { hex: string; index: number; count: number }[] = [];
  run((bytes, length, index, count) => tokens.push({ hex: hex(bytes.subarray(0, length)), index, count }));
  return tokens;
}

describe('token bytes', () => {
  it.each(encodings)('writes the n-grams as encodeText writes their strings (%s)', (encoding) => {
    const writer = new TokenWriter(encoding);
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        (value, n, positional) => {
          const expected = ngrams(value, n, positional);
          const tokens = written((sink) => writer.ngrams(value, n, positional, sink));
          expect(tokens.map((t) => t.hex)).toEqual(expected.map((t) => hex(encodeText(t, encoding))));
          expect(tokens.map((t) => t.index)).toEqual(expected.map((_, i) => i));
          for (const token of tokens) expect(token.count).toBe(expected.length);
        },
      ),
    );
  });

  it.each(encodings)('writes whole tokens as encodeText does (%s)', (encoding) => {
    const writer = new TokenWriter(encoding);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 80 }), { maxLength: 5 }), (strings) => {
        const tokens = written((sink) => writer.strings(strings, sink));
        expect(tokens.map((t) => t.hex)).toEqual(strings.map((t) => hex(encodeText(t, encoding))));
      }),
    );
  });

  it('numbers positions past 9 with all their digits', () => {
    const tokens = written((sink) => new TokenWriter('utf-8').ngrams('abcdefghijk', 1, true, sink));
    expect(Buffer.from(tokens[10]?.hex ?? '', 'hex').toString()).toBe('11 k');
  });
});
