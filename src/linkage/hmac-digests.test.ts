import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHmacMd5, createHmacSha1 } from './hmac-digests.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('HMAC-SHA1 and HMAC-MD5', () => {
  it.each([
    ['sha1', createHmacSha1],
    ['md5', createHmacMd5],
  ] as const)('match Node for any key and message (%s)', (name, create) => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.nat({ max: 20 }),
        (key, message, slack) => {
          // The message is a prefix of a longer buffer, as the encoder's scratch space is.
          const buffer = new Uint8Array(message.length + slack).fill(0xaa);
          buffer.set(message);
          const mac = create(key);
          expect(hex(mac(buffer, message.length))).toBe(createHmac(name, key).update(message).digest('hex'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same digest when called again under the same key', () => {
    const mac = createHmacSha1(new TextEncoder().encode('key'));
    const token = new TextEncoder().encode(' a');
    const first = hex(mac(token, token.length));
    mac(new Uint8Array(100), 100);
    expect(hex(mac(token, token.length))).toBe(first);
  });
});
