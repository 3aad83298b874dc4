import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenTable, tokenTableBytes } from './token-table.js';

describe('TokenTable', () => {
  it('gives each distinct short token its own slot, in the order added, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: tokenTableBytes }), { maxLength: 3000 }), (tokens) => {
        const table = new TokenTable();
        const slots = new Map<string, number>();
        for (const token of tokens) {
          const name = `${Buffer.from(token).toString('hex')}/${token.length}`;
          const found = table.find(token, token.length);
          if (slots.has(name)) {
            expect(found).toBe(slots.get(name));
          } else {
            expect(found).toBe(-1);
            slots.set(name, table.add());
          }
        }
        expect(table.size).toBe(slots.size);
        expect([...slots.values()].sort((a, b) => a - b)).toEqual([...slots.keys()].map((_, i) => i));
      }),
      { numRuns: 50 },
    );
  });

  it('tells apart tokens that differ only in length (trailing zero bytes)', () => {
    const table = new TokenTable();
    for (let length = 0; length <= tokenTableBytes; length++) {
      expect(table.find(new Uint8Array(length), length)).toBe(-1);
      expect(table.add()).toBe(length);
    }
  });

  it('refuses add without a missed find', () => {
    expect(() => new TokenTable().add()).toThrow();
  });
});
