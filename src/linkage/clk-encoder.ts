import { hkdfSync } from 'node:crypto';
import { AppError, type FieldIssue } from '../platform/errors.js';
import { featureEncoder } from './clk-feature-encoder.js';
import {
  type KdfConfig,
  type LinkageSchema,
  type LinkageSchemaInput,
  parseLinkageSchema,
  type Strategy,
} from './linkage-schema.js';

/**
 * Cryptographic long-term keys (CLKs; Schnell, Bachteler & Reiher 2011): a record's features are cut
 * into tokens and hashed into one Bloom filter with keys derived from a secret the linking parties
 * share. Bit-identical to clkhash 0.18.3 (CSIRO Data61) for the same linkage schema and secret, so Coral
 * can link with partners who use the anonlink tools.
 */

/** A record: each feature's value by identifier. `null` is an empty value (an empty CSV cell). */
export type ClkRecord = Readonly<Record<string, string | null>>;

/** Encodes records into CLKs under one schema and secret. */
export interface ClkEncoder {
  /** The schema, defaults filled in. */
  readonly schema: LinkageSchema;
  /** Length of each CLK in bits (the schema's `l`); a CLK has ⌈l / 8⌉ bytes. */
  readonly bits: number;
  /**
   * The CLK of one record: bit i is bit 7 − i mod 8 of byte ⌊i / 8⌋ (most significant bit first).
   * Throws a `validation_failed` AppError naming every feature whose value does not fit the schema.
   */
  encode(record: ClkRecord): Uint8Array;
}

/** The two keys of every feature, in schema order: HMAC-SHA1 and HMAC-MD5 keys, or the BLAKE2b key first. */
export type FeatureKeys = readonly (readonly [Uint8Array, Uint8Array])[];

/**
 * clkhash's key derivation: one HKDF output of 2 · features · keySize bytes, cut into keySize-byte keys
 * taken two by two in feature order (ignored features take their pair too).
 *
 * @example
 * const [[sha1Key, md5Key]] = deriveFeatureKeys(schema.clkConfig.kdf, 'secret', 1);
 */
export function deriveFeatureKeys(
  kdf: KdfConfig,
  secret: string | Uint8Array,
  featureCount: number,
): FeatureKeys {
  const secretBytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const salt = Buffer.from(kdf.salt ?? '', 'base64');
  const info = Buffer.from(kdf.info ?? '', 'base64');
  const length = 2 * featureCount * kdf.keySize;
  if (length === 0) return [];
  const material = new Uint8Array(hkdfSync(kdf.hash.toLowerCase(), secretBytes, salt, info, length));
  const key = (index: number) => material.slice(index * kdf.keySize, (index + 1) * kdf.keySize);
  return Array.from({ length: featureCount }, (_, i) => [key(2 * i), key(2 * i + 1)] as const);
}

/**
 * How many times each of `tokenCount` tokens is inserted: k each for bitsPerToken; for bitsPerFeature B,
 * ⌊B / n⌋ each and one more for the first B mod n tokens.
 *
 * @example
 * insertionsPerToken({ bitsPerFeature: 10 }, 3); // [4, 3, 3]
 */
export function insertionsPerToken(strategy: Strategy, tokenCount: number): number[] {
  if (strategy.bitsPerToken !== undefined) return Array<number>(tokenCount).fill(strategy.bitsPerToken);
  const total = strategy.bitsPerFeature ?? 0;
  const each = Math.floor(total / tokenCount);
  const residue = total % tokenCount;
  return Array.from({ length: tokenCount }, (_, i) => (i < residue ? each + 1 : each));
}

/**
 * XOR folding: the first half of the filter XOR the second half, `folds` times.
 *
 * @example
 * foldXor(Uint8Array.of(1, 0, 1, 1), 1); // Uint8Array [0, 1]
 */
export function foldXor(bits: Uint8Array, folds: number): Uint8Array {
  let current = bits;
  for (let fold = 0; fold < folds; fold++) {
    const half = current.length / 2;
    const next = new Uint8Array(half);
    for (let i = 0; i < half; i++) next[i] = (current[i] as number) ^ (current[half + i] as number);
    current = next;
  }
  return current;
}

/** Bits (one byte each, 0 or 1) packed most significant bit first, the last byte padded with zeros. */
function packBits(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  for (let i = 0; i < bits.length; i++) {
    if (bits[i]) bytes[i >> 3] = (bytes[i >> 3] as number) | (0x80 >> (i & 7));
  }
  return bytes;
}

/**
 * The CLK of a packed filter of `bits` bits (l · 2^folds): a copy, XOR-folded `folds` times. When l is
 * a multiple of 8 every half is whole bytes and the bytes fold directly; otherwise the bits are unpacked
 * and folded one by one.
 */
function foldPacked(filter: Uint8Array, bits: number, folds: number): Uint8Array {
  if (folds === 0) return filter.slice();
  if ((bits / 2 ** folds) % 8 !== 0) {
    const unpacked = Uint8Array.from(
      { length: bits },
      (_, i) => ((filter[i >> 3] as number) >> (7 - (i & 7))) & 1,
    );
    return packBits(foldXor(unpacked, folds));
  }
  // Whole bytes fold as bits do: XOR of the two halves.
  return foldXor(filter, folds);
}

/** Options of an encoder. */
export interface ClkEncoderOptions {
  /**
   * Remember the bits of each feature's repeated values (default true): several times faster on real
   * columns, the same CLKs. Turn it off for a long-lived encoder that should hold no values in memory.
   */
  readonly cacheValues?: boolean;
}

/**
 * An encoder of records into CLKs for a linkage schema and the secret shared by the linking parties.
 * The schema is checked first (a `validation_failed` AppError names every problem); the secret must
 * not be empty.
 *
 * @example
 * const encoder = createClkEncoder(schema, 'shared secret');
 * const clk = encoder.encode({ rec_id: 'r1', given_name: 'ana', surname: 'smith' });
 * clkToBase64(clk); // 'ffD7be…'
 */
export function createClkEncoder(
  schema: LinkageSchemaInput,
  secret: string | Uint8Array,
  options: ClkEncoderOptions = {},
): ClkEncoder {
  const parsed = parseLinkageSchema(schema);
  if (secret.length === 0) throw new AppError('bad_request', 'The linkage secret must not be empty.');
  const { l, kdf, xor_folds: folds } = parsed.clkConfig;
  const hashLength = l * 2 ** folds;
  const keys = deriveFeatureKeys(kdf, secret, parsed.features.length);
  const encoders = parsed.features.flatMap((feature, index) =>
    feature.ignored
      ? []
      : [
          featureEncoder(
            feature,
            keys[index] as (typeof keys)[number],
            hashLength,
            options.cacheValues ?? true,
          ),
        ],
  );
  // The filter before folding, packed (bit i is bit 7 − i mod 8 of byte ⌊i / 8⌋).
  const filter = new Uint8Array(Math.ceil(hashLength / 8));
  return {
    schema: parsed,
    bits: l,
    encode(record) {
      // One filter per encoder, cleared per record: encoding is synchronous, so records never overlap.
      filter.fill(0);
      const issues: FieldIssue[] = [];
      for (const encoder of encoders) {
        if (!Object.hasOwn(record, encoder.identifier)) {
          issues.push({
            path: encoder.identifier,
            code: 'missing',
            message: 'The record has no such field.',
          });
          continue;
        }
        const problem = encoder.add(record[encoder.identifier] ?? '', filter);
        if (problem) issues.push(problem);
      }
      if (issues.length > 0) {
        const fields = issues.map((issue) => `${issue.path}: ${issue.message}`).join(' ');
        throw new AppError('validation_failed', `The record does not fit the linkage schema. ${fields}`, {
          issues,
        });
      }
      return foldPacked(filter, hashLength, folds);
    },
  };
}

/** The outcome of encoding many records: a CLK per record (null where it failed) and what failed. */
export interface ClkBatchResult {
  readonly ok: boolean;
  readonly clks: (Uint8Array | null)[];
  readonly errors: { readonly row: number; readonly issues: FieldIssue[] }[];
}

/**
 * Encodes many records, reporting the records that do not fit the schema instead of stopping at the
 * first (rows count from 0).
 *
 * @example
 * const { ok, clks, errors } = encodeRecords(encoder, rows);
 * errors[0]; // { row: 3, issues: [{ path: 'postcode', code: 'too_small', message: 'The value is less than 50.' }] }
 */
export function encodeRecords(encoder: ClkEncoder, records: Iterable<ClkRecord>): ClkBatchResult {
  const clks: (Uint8Array | null)[] = [];
  const errors: { row: number; issues: FieldIssue[] }[] = [];
  for (const record of records) {
    try {
      clks.push(encoder.encode(record));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      errors.push({ row: clks.length, issues: error.details?.issues ?? [] });
      clks.push(null);
    }
  }
  return { ok: errors.length === 0, clks, errors };
}

/**
 * A CLK in base64, as clkhash serialises it.
 *
 * @example
 * clkToBase64(Uint8Array.of(0x7d, 0xf0)); // 'ffA='
 */
export function clkToBase64(clk: Uint8Array): string {
  return Buffer.from(clk).toString('base64');
}

/**
 * The number of bits set in a CLK.
 *
 * @example
 * clkPopcount(Uint8Array.of(0xff, 0x01)); // 9
 */
export function clkPopcount(clk: Uint8Array): number {
  let count = 0;
  for (let byte of clk) {
    for (; byte; byte &= byte - 1) count++;
  }
  return count;
}
