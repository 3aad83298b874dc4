import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.js';
import { referenceFile } from '../testing/reference.js';
import {
  type ClkRecord,
  clkPopcount,
  clkToBase64,
  createClkEncoder,
  encodeRecords,
  foldXor,
  insertionsPerToken,
} from './clk-encoder.js';
import { type LinkageSchemaInput, parseLinkageSchema } from './linkage-schema.js';

interface SharedVectors {
  secret: string;
  schema: unknown;
  records: { values: Record<string, string>; clk_b64: string; popcount: number }[];
}

/** Cases computed by clkhash 0.18.3's own source for the paths the FEBRL vectors do not reach. */
interface ExtraVectors {
  cases: {
    name: string;
    secret: string;
    schema: unknown;
    records: { values: Record<string, string>; clk_b64?: string; error_feature?: string }[];
  }[];
}

const shared = JSON.parse(readFileSync(referenceFile('linkage-vectors.json'), 'utf8')) as SharedVectors;
const extra = JSON.parse(
  readFileSync(new URL('./clkhash-extra-vectors.json', import.meta.url), 'utf8'),
) as ExtraVectors;

const febrlSchema = parseLinkageSchema(shared.schema);
const febrl = createClkEncoder(febrlSchema, shared.secret);
const firstRecord = (shared.records[0] as SharedVectors['records'][number]).values;

/** The AppError a call throws (fails the test when it throws nothing or something else). */
function appErrorOf(call: () => unknown): AppError {
  try {
    call();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('Expected an AppError.');
}

function issuePaths(error: AppError): string[] {
  return (error.details?.issues ?? []).map((issue) => issue.path);
}

describe('bit-identical to clkhash 0.18.3', () => {
  it.each(shared.records.map((record) => [record.values.rec_id, record] as const))(
    'reproduces the FEBRL vector of %s',
    (_id, record) => {
      const clk = febrl.encode(record.values);
      expect(clk).toHaveLength(128);
      expect(clkToBase64(clk)).toBe(record.clk_b64);
      expect(clkPopcount(clk)).toBe(record.popcount);
    },
  );

  describe.each(extra.cases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const encoder = createClkEncoder(parseLinkageSchema(testCase.schema), testCase.secret);
    it.each(testCase.records.map((record) => [JSON.stringify(record.values), record] as const))(
      '%s',
      (_values, record) => {
        if (record.clk_b64 !== undefined) {
          expect(clkToBase64(encoder.encode(record.values))).toBe(record.clk_b64);
        } else {
          const error = appErrorOf(() => encoder.encode(record.values));
          expect(error.code).toBe('validation_failed');
          expect(issuePaths(error)).toEqual([record.error_feature]);
        }
      },
    );
  });
});

describe('linkage schema errors', () => {
  /** The FEBRL schema with the value at `path` replaced (or removed, for undefined). */
  function schemaWith(path: readonly (string | number)[], value: unknown): unknown {
    const copy = structuredClone(shared.schema);
    let node = copy as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    const last = path.at(-1) as string | number;
    if (value === undefined) delete node[last];
    else node[last] = value;
    return copy;
  }
  const surname = ['features', 2];

  it.each([
    ['a missing kdf', ['clkConfig', 'kdf'], undefined, 'clkConfig.kdf'],
    ['version 2', ['version'], 2, 'version'],
    [
      'bitsPerToken 0',
      [...surname, 'hashing', 'strategy'],
      { bitsPerToken: 0 },
      'features.2.hashing.strategy.bitsPerToken',
    ],
    [
      'two strategies',
      [...surname, 'hashing', 'strategy'],
      { bitsPerToken: 2, bitsPerFeature: 9 },
      'features.2.hashing.strategy',
    ],
    ['an unknown hash', [...surname, 'hashing', 'hash'], { type: 'sha3' }, 'features.2.hashing.hash.type'],
    ['a pattern with a maximum length', [...surname, 'format', 'pattern'], '[a-z]+', 'features.2.format'],
    [
      'an unsupported date directive',
      [...surname, 'format'],
      { type: 'date', format: '%Y-%U' },
      'features.2.format.format',
    ],
    ['l not a power of two under blakeHash', ['clkConfig', 'l'], 1000, 'clkConfig.l'],
    ['xorFolds, which clkhash ignores', ['clkConfig', 'xorFolds'], 1, 'clkConfig.xorFolds'],
    ['a salt that is not base64', ['clkConfig', 'kdf', 'salt'], 'not base64!', 'clkConfig.kdf.salt'],
    ['a duplicate identifier', [...surname, 'identifier'], 'given_name', 'features.2.identifier'],
  ])('rejects %s, naming the path', (_what, path, value, issuePath) => {
    const error = appErrorOf(() => parseLinkageSchema(schemaWith(path, value)));
    expect(error.code).toBe('validation_failed');
    expect(issuePaths(error)).toContain(issuePath);
    expect(error.message).toContain(issuePath);
  });

  it('checks the schema when an encoder is made', () => {
    const bad = schemaWith(['features'], 'none') as LinkageSchemaInput;
    expect(() => createClkEncoder(bad, 'secret')).toThrow(/features/);
  });

  it('refuses an empty secret', () => {
    expect(() => createClkEncoder(febrlSchema, '')).toThrow(/secret/);
  });
});

describe('record errors', () => {
  it('names the feature whose value fails its format, without quoting the value', () => {
    const error = appErrorOf(() =>
      febrl.encode({ ...firstRecord, postcode: '12', given_name: 'x'.repeat(65) }),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.details?.issues).toEqual([
      { path: 'given_name', code: 'too_long', message: 'The value has more than 64 characters.' },
      { path: 'postcode', code: 'too_small', message: 'The value is less than 50.' },
    ]);
    expect(error.message).not.toContain('xxxx');
  });

  it('names a feature the record lacks, and reads null as an empty value', () => {
    const { surname: _dropped, ...withoutSurname } = firstRecord;
    expect(issuePaths(appErrorOf(() => febrl.encode(withoutSurname)))).toEqual(['surname']);
    expect(febrl.encode({ ...firstRecord, street_number: null })).toEqual(
      febrl.encode({ ...firstRecord, street_number: '' }),
    );
  });

  it('reports every failing record of a batch and encodes the others', () => {
    const records: ClkRecord[] = [firstRecord, { ...firstRecord, postcode: 'x' }, firstRecord];
    const result = encodeRecords(febrl, records);
    expect(result.ok).toBe(false);
    expect(result.clks.map((clk) => clk && clkToBase64(clk))).toEqual([
      shared.records[0]?.clk_b64,
      null,
      shared.records[0]?.clk_b64,
    ]);
    expect(result.errors).toEqual([{ row: 1, issues: [expect.objectContaining({ path: 'postcode' })] }]);
  });
});

describe('secrets', () => {
  it('gives the same record another CLK under another secret', () => {
    const other = createClkEncoder(febrlSchema, `${shared.secret}!`);
    expect(clkToBase64(other.encode(firstRecord))).not.toBe(shared.records[0]?.clk_b64);
  });

  it('reads a string secret as its UTF-8 bytes', () => {
    const bytes = createClkEncoder(febrlSchema, new TextEncoder().encode(shared.secret));
    expect(clkToBase64(bytes.encode(firstRecord))).toBe(shared.records[0]?.clk_b64);
  });
});

describe('properties', () => {
  const name = fc.string({ unit: 'binary', maxLength: 30 });

  it('sets at most the insertions of the features, in a CLK of l / 8 bytes', () => {
    const total = febrlSchema.features.reduce(
      (sum, f) => sum + (f.ignored ? 0 : (f.hashing.strategy.bitsPerFeature ?? 0)),
      0,
    );
    fc.assert(
      fc.property(name, name, (given, family) => {
        const clk = febrl.encode({ ...firstRecord, given_name: given, surname: family });
        expect(clk).toHaveLength(febrl.bits / 8);
        expect(clkPopcount(clk)).toBeLessThanOrEqual(total);
      }),
    );
  });

  it('spreads bitsPerFeature over the tokens, the first ones taking the remainder', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 200 }), (bits, tokens) => {
        const ks = insertionsPerToken({ bitsPerFeature: bits }, tokens);
        expect(ks.reduce((a, b) => a + b, 0)).toBe(bits);
        expect(Math.max(...ks) - Math.min(...ks)).toBeLessThanOrEqual(1);
        expect([...ks].sort((a, b) => b - a)).toEqual(ks);
      }),
    );
  });

  it('keeps the parity of the set bits when folding', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 64, maxLength: 64, max: 1 }),
        fc.integer({ min: 0, max: 6 }),
        (bits, folds) => {
          const folded = foldXor(bits, folds);
          expect(folded).toHaveLength(64 / 2 ** folds);
          const count = (a: Uint8Array) => a.reduce((s, b) => s + b, 0);
          expect(count(folded) % 2).toBe(count(bits) % 2);
        },
      ),
    );
  });

  it('leaves the bits of unchanged features alone when one feature changes', () => {
    // Features are OR-ed: a CLK always contains the bits of any of its features encoded alone.
    const onlySurname = Object.fromEntries(
      Object.keys(firstRecord).map((k) => [k, k === 'surname' ? 'waller' : '']),
    );
    const alone = createClkEncoder(febrlSchema, shared.secret).encode({ ...onlySurname, postcode: '4011' });
    const full = febrl.encode(firstRecord);
    expect(alone.every((byte, i) => (byte & (full[i] as number)) === byte)).toBe(true);
  });
});

describe('the fast paths give the reference CLKs', () => {
  const allCases = [
    { secret: shared.secret, schema: shared.schema, records: shared.records },
    ...extra.cases.map((c) => ({ ...c, records: c.records.filter((r) => r.clk_b64 !== undefined) })),
  ];

  it('gives the same CLKs from remembered values as on first sight, and without the value cache', () => {
    for (const testCase of allCases) {
      const schema = parseLinkageSchema(testCase.schema);
      const cached = createClkEncoder(schema, testCase.secret);
      const uncached = createClkEncoder(schema, testCase.secret, { cacheValues: false });
      const first = testCase.records.map((r) => clkToBase64(cached.encode(r.values)));
      // The second time round every value comes from the cache.
      const again = testCase.records.map((r) => clkToBase64(cached.encode(r.values)));
      const plain = testCase.records.map((r) => clkToBase64(uncached.encode(r.values)));
      expect(again).toEqual(first);
      expect(plain).toEqual(first);
      expect(first).toEqual(testCase.records.map((r) => r.clk_b64));
    }
  });

  it('folds filters whose length is not a whole number of bytes bit by bit', () => {
    // l = 7 folded once is built from the same 14-bit filter as l = 14 unfolded (same keys, same modulus).
    const schemaWith = (l: number, folds: number): LinkageSchemaInput => ({
      version: 3,
      clkConfig: { l, xor_folds: folds, kdf: { type: 'HKDF', keySize: 32 } },
      features: [
        {
          identifier: 'name',
          format: { type: 'string', encoding: 'utf-8' },
          hashing: {
            comparison: { type: 'ngram', n: 2 },
            strategy: { bitsPerToken: 3 },
            hash: { type: 'doubleHash' },
          },
        },
      ],
    });
    const folded = createClkEncoder(schemaWith(7, 1), 'secret');
    const whole = createClkEncoder(schemaWith(14, 0), 'secret');
    const bitsOf = (clk: Uint8Array, length: number) =>
      Uint8Array.from({ length }, (_, i) => ((clk[i >> 3] as number) >> (7 - (i & 7))) & 1);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (name) => {
        const expected = foldXor(bitsOf(whole.encode({ name }), 14), 1);
        expect(bitsOf(folded.encode({ name }), 7)).toEqual(expected);
      }),
    );
  });
});
