import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandomIds, uuidV7 } from './ids.js';

describe('ids', () => {
  it('lays out RFC 9562 version-7 UUIDs whose text sorts by time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 48 - 2 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (ms, a, b) => {
          const earlier = uuidV7(ms, a);
          const later = uuidV7(ms + 1, b);
          expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(earlier < later).toBe(true);
        },
      ),
    );
  });

  it('makes distinct secrets of the requested strength', () => {
    const ids = createRandomIds();
    const secrets = new Set(Array.from({ length: 1000 }, () => ids.secret(32)));
    expect(secrets.size).toBe(1000);
    expect([...secrets][0]).toMatch(/^[\w-]{43}$/);
  });
});
