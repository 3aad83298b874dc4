import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidatePairs, packFilters } from './similarity.js';
import { leastIntersections, noHit } from './similarity-engine.js';
import { diceModuleBytes, diceModuleText } from './wasm/dice-module.js';
import { signedLeb128, unsignedLeb128 } from './wasm/wasm-binary.js';

/** The LEB128 decoding of the WebAssembly spec, to check the encoder against. */
function decodeLeb128(bytes: readonly number[], signed: boolean): bigint {
  let [result, shift] = [0n, 0n];
  for (const byte of bytes) {
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (signed && (byte & 0x40) !== 0) result -= 1n << shift;
      return result;
    }
  }
  throw new Error('Unterminated LEB128.');
}

/** The WebAssembly JS API, which the project's TypeScript libs do not declare. */
const wasmApi = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
  .WebAssembly;

describe('the WebAssembly encoder', () => {
  it('encodes LEB128 as the specification examples', () => {
    expect(unsignedLeb128(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(unsignedLeb128(0)).toEqual([0x00]);
    expect(signedLeb128(-123456)).toEqual([0xc0, 0xbb, 0x78]);
    expect(signedLeb128(-32)).toEqual([0x60]);
    expect(signedLeb128(64)).toEqual([0xc0, 0x00]);
  });

  it('round-trips any unsigned and signed integer', () => {
    fc.assert(
      fc.property(fc.nat(), (value) => {
        expect(decodeLeb128(unsignedLeb128(value), false)).toBe(BigInt(value));
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (value) => {
        expect(decodeLeb128(signedLeb128(value), true)).toBe(value);
      }),
    );
  });

  it('produces a Dice module that WebAssembly accepts, for every filter length', () => {
    for (let bits = 64; bits <= 65_536; bits *= 2) {
      const bytes = diceModuleBytes(bits);
      expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
      expect(wasmApi.validate(bytes)).toBe(true);
    }
  });

  it('prints the same module as readable text, the loop over words unrolled', () => {
    const text = diceModuleText(1024);
    expect(text).toMatch(/^\(module\n {2}\(import "kernel" "memory" \(memory 1\)\)/);
    expect(text).toContain('(func $dice_scan (export "dice_scan")');
    expect(text).toContain('(func $dice_scan_queries (export "dice_scan_queries")');
    // 16 words for each of the 4 filters of a step, and 16 in the loop over the remaining 0–3 filters.
    expect(text.match(/i64\.popcnt/g)).toHaveLength(16 * 4 + 16);
    expect(text.match(/^\s*(block|loop|if)\b/gm)?.length).toBe(text.match(/^\s*end$/gm)?.length);
    // Over 16384 bits, one filter a step and a loop over chunks of 256 words.
    expect(diceModuleText(32_768).match(/i64\.popcnt/g)).toHaveLength(256);
  });
});

/** Random CLKs of `bits` bits: noise, and noisy copies of a few (so that some pairs score high). */
function clksOf(bits: number, count: number, seed: number): Uint8Array[] {
  const bytes = fc.uint8Array({ minLength: bits / 8, maxLength: bits / 8 });
  const noise = fc.sample(bytes, { numRuns: 2 * count, seed });
  return Array.from({ length: count }, (_, i) => {
    const base = noise[i % 2] as Uint8Array;
    const mask = noise[count + i] as Uint8Array;
    // By ⌊i / 2⌋ mod 4: an exact copy of base 0 or 1, a copy with bits cleared, with bits set, or noise.
    const variant = (i >> 1) % 4;
    return base.map(
      (byte, k) => [byte, byte & (mask[k] as number), byte | (mask[k] as number), mask[k]][variant] as number,
    );
  });
}

describe('the WebAssembly kernel', () => {
  it('bounds exactly the intersections whose Dice score reaches the threshold', () => {
    fc.assert(
      fc.property(fc.constantFrom(64, 128), fc.double({ min: 0, max: 1, noNaN: true }), (bits, t) => {
        const bounds = leastIntersections(bits, t);
        expect(bounds[0]).toBe(noHit);
        const wrong: [number, number][] = [];
        for (let sum = 1; sum <= 2 * bits; sum++) {
          for (let inter = 0; inter <= bits; inter++) {
            if (inter >= (bounds[sum] as number) !== (2 * inter) / sum >= t) wrong.push([sum, inter]);
          }
        }
        expect(wrong).toEqual([]);
      }),
    );
  });

  it('agrees with the JS engine on filters longer than one unrolled chunk, and on any count', () => {
    for (const bits of [4096, 32_768, 65_536]) {
      for (const count of [1, 5, 23]) {
        // All of them from one list, so that A and B share the filters the others are copies of.
        const clks = clksOf(bits, 2 * count + 2, count);
        const [a, b] = [packFilters(clks.slice(0, count)), packFilters(clks.slice(count))];
        const wasm = candidatePairs(a, b, 0.55, { engine: 'wasm' });
        expect(wasm).toStrictEqual(candidatePairs(a, b, 0.55, { engine: 'js' }));
        expect(wasm.length).toBeGreaterThan(0);
      }
    }
  });

  it('agrees with the JS engine when the hits of many queries overflow one call', () => {
    // 200 × 200 pairs of 64-bit filters at a low threshold: more hits than one call writes.
    const [a, b] = [packFilters(clksOf(64, 200, 3)), packFilters(clksOf(64, 200, 4))];
    const wasm = candidatePairs(a, b, 0.05, { engine: 'wasm' });
    expect(wasm.length).toBeGreaterThan(16_384);
    expect(wasm).toStrictEqual(candidatePairs(a, b, 0.05, { engine: 'js' }));
  });
});
