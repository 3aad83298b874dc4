import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blake2b, compress, compressJs, createBlake2b, createBlake2bWords } from './blake2b.js';

const text = (value: string) => new TextEncoder().encode(value);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const key64 = Uint8Array.from({ length: 64 }, (_, i) => i);

describe('BLAKE2b', () => {
  it('matches the RFC 7693 example', () => {
    expect(hex(blake2b(text('abc')))).toBe(
      'ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1' +
        '7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });

  it('matches Node for any unkeyed message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (message) => {
        expect(hex(blake2b(message))).toBe(createHash('blake2b512').update(message).digest('hex'));
      }),
    );
  });

  // Expected digests from CPython 3.11's hashlib.blake2b, which clkhash calls.
  it.each([
    [
      'the keyed known answer for an empty message',
      new Uint8Array(0),
      { key: key64 },
      '10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568',
    ],
    [
      'a keyed, salted message',
      text('abc'),
      { key: key64, salt: text('1') },
      '6164d5894a3255fcd91fca3f7cbdc7673a0285f92946889e9d89f9e9bfb1a82ff2f5f88218cc491d5fa32b73af4de19f7722eea7a7bad3cd9ea3d428427bbecd',
    ],
    [
      'a two-block message with key, salt and personalisation',
      Uint8Array.from({ length: 200 }, (_, i) => i),
      { key: text('secret'), salt: text('0123456789abcdef'), personal: text('coral') },
      'c0fd4693a9df56e134b2e30da540647b0ff3d49d294b6249c262cce47afa23a96074dc5126fdaf1e695acb9509e77e983929abf441683fb46e10b19c3a18439b',
    ],
    [
      'a 32-byte digest',
      text('hello'),
      { outputLength: 32 },
      '324dcf027dd4a30a932c441f365a25e86b173defa4b8e58948253471b81b72cf',
    ],
  ])('matches hashlib for %s', (_what, message, options, expected) => {
    expect(hex(blake2b(message, options))).toBe(expected);
  });

  it('gives the same digests from one hasher as from one-off calls', () => {
    const options = { key: key64.subarray(0, 20), salt: text('7') };
    const hash = createBlake2b(options);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (message) => {
        expect(hash(message)).toEqual(blake2b(message, options));
      }),
    );
  });

  it('refuses parameters BLAKE2b cannot carry', () => {
    expect(() => createBlake2b({ key: new Uint8Array(65) })).toThrow(RangeError);
    expect(() => createBlake2b({ salt: new Uint8Array(17) })).toThrow(RangeError);
    expect(() => createBlake2b({ outputLength: 0 })).toThrow(RangeError);
  });
});

describe('BLAKE2b digest words', () => {
  it('gives the 64-byte digest as little-endian 16-bit words, for any message and key', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat({ max: 9 }),
        fc.nat({ max: 8 }),
        (key, message, salt, slack) => {
          const options = { key, salt: text(String(salt)) };
          // The message is a prefix of a longer buffer, as an encoder's scratch space is.
          const buffer = new Uint8Array(message.length + slack).fill(0x55);
          buffer.set(message);
          const words = createBlake2bWords(options)(buffer, message.length);
          const digest = blake2b(message, options);
          expect(Array.from(words)).toEqual(
            Array.from(
              { length: 32 },
              (_, i) => (digest[2 * i] as number) | ((digest[2 * i + 1] as number) << 8),
            ),
          );
        },
      ),
    );
  });

  it('compresses in JavaScript (the fallback) exactly as in WebAssembly', () => {
    fc.assert(
      fc.property(
        fc.uint32Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 128, maxLength: 128 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.boolean(),
        (chain, block, counter, last) => {
          const [js, wasm] = [new Uint32Array(chain), new Uint32Array(chain)];
          compressJs(js, block, 0, counter, last);
          compress(wasm, block, 0, counter, last);
          expect([...js]).toEqual([...wasm]);
          expect([...js]).not.toEqual([...chain]);
        },
      ),
    );
  });
});
