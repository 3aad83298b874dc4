import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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

  it('produces a Dice module that WebAssembly accepts', () => {
    const bytes = diceModuleBytes();
    expect([...bytes.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    expect(wasmApi.validate(bytes)).toBe(true);
  });

  it('prints the same module as readable text', () => {
    const text = diceModuleText();
    expect(text).toMatch(/^\(module\n {2}\(memory \(export "memory"\) 1\)/);
    expect(text).toContain('(func $dice_candidates (export "dice_candidates")');
    expect(text.match(/i64\.popcnt/g)).toHaveLength(5); // four unrolled, one for the remaining words
    expect(text.match(/^\s*(block|loop|if)\b/gm)?.length).toBe(text.match(/^\s*end$/gm)?.length);
  });
});
