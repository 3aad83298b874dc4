import { z } from 'zod';
import { AppError, type FieldIssue } from '../platform/errors.js';
import { fullMatchPattern, roundHalfEven } from './python-text.js';
import { createDateReader } from './strptime.js';

/**
 * The linkage schema, version 3, of CSIRO Data61's clkhash (normative JSON Schema:
 * data61/clkhash, clkhash/schemas/v3.json): how each column of a record is checked, cut into tokens and
 * hashed into a Bloom filter. Partners exchange the schema (never the secret) to encode comparably.
 */

/** Base64 in the standard alphabet with padding, as clkhash's `base64.b64decode` reads it. */
const base64 = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'Must be base64 with padding.');

/** Key derivation: HKDF (RFC 5869) over the shared secret. */
export const kdfConfig = z.object({
  /** Only HKDF is defined. */
  type: z.literal('HKDF').describe('Key derivation function'),
  /** Hash function inside HKDF. */
  hash: z.enum(['SHA256', 'SHA512']).default('SHA256').describe('HKDF hash function'),
  /** HKDF salt, base64; none means HashLen zero bytes. */
  salt: base64.optional().describe('HKDF salt (base64)'),
  /** HKDF info (context), base64. */
  info: base64.optional().describe('HKDF info (base64)'),
  /** Bytes per derived key; two keys per feature. */
  keySize: z.int().min(1).default(64).describe('Size of each derived key in bytes'),
});

/** Filter length, key derivation and folding. */
export const clkConfig = z
  .object({
    /** Length of the CLK in bits, after any XOR folding. */
    l: z.int().min(1).describe('CLK length in bits'),
    /** How feature keys are derived from the secret. */
    kdf: kdfConfig,
    /** The documented name of the fold count, which clkhash 0.18.3 does not read (see the refinement). */
    xorFolds: z.int().min(0).optional().describe('Documented XOR fold count (ignored by clkhash 0.18.3)'),
    /** The fold count clkhash 0.18.3 reads: the filter is built 2^folds times longer, then halved by XOR. */
    xor_folds: z.int().min(0).default(0).describe('XOR fold count'),
  })
  .superRefine((config, ctx) => {
    if (config.xorFolds !== undefined && config.xorFolds !== config.xor_folds) {
      ctx.addIssue({
        code: 'custom',
        path: ['xorFolds'],
        message:
          "clkhash 0.18.3 ignores 'xorFolds' (it reads 'xor_folds'), so partners would not fold: " +
          "write the fold count as 'xor_folds', or remove 'xorFolds'.",
      });
    }
  });

/** Free text; the schema's `format` in clkhash terms ('textFormat' or 'textPatternFormat'). */
export const stringFormat = z
  .strictObject({
    type: z.literal('string'),
    /** How tokens become bytes before hashing. */
    encoding: z.enum(['ascii', 'utf-8', 'utf-16', 'utf-32']).default('utf-8').describe('Text encoding'),
    /** A Python regular expression the whole value must match; excludes case and lengths. */
    pattern: z.string().optional().describe('Regular expression the value must match'),
    /** Case the value must already be in; clkhash checks it and never changes it. */
    case: z.enum(['upper', 'lower', 'mixed']).optional().describe('Required case'),
    /** Fewest characters (code points). */
    minLength: z.int().min(0).optional().describe('Minimum length in characters'),
    /** Most characters (code points). */
    maxLength: z.int().min(1).optional().describe('Maximum length in characters'),
    description: z.string().optional(),
  })
  .superRefine((format, ctx) => {
    if (format.pattern === undefined) return;
    if (format.case !== undefined || format.minLength !== undefined || format.maxLength !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'A pattern cannot be combined with case, minLength or maxLength.',
      });
    }
    try {
      fullMatchPattern(format.pattern);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'Not a regular expression Coral can use.' });
    }
  });

/** A base-10 integer, hashed in its canonical form (no sign for positives, no leading zeros). */
export const integerFormat = z.strictObject({
  type: z.literal('integer'),
  /** Smallest allowed value. */
  minimum: z.int().optional().describe('Minimum value'),
  /** Largest allowed value. */
  maximum: z.int().optional().describe('Maximum value'),
  description: z.string().optional(),
});

/** A date read with a strptime format and hashed as YYYYMMDD. */
export const dateFormat = z.strictObject({
  type: z.literal('date'),
  /** Python strptime format, e.g. '%Y-%m-%d'. */
  format: z
    .string()
    .superRefine((format, ctx) => {
      try {
        createDateReader(format);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .describe('strptime format of the date'),
  description: z.string().optional(),
});

/** One of a closed list of values. */
export const enumFormat = z.strictObject({
  type: z.literal('enum'),
  /** The allowed values. */
  values: z.array(z.string()).describe('Allowed values'),
  description: z.string().optional(),
});

/** How a feature's values are checked and normalised before tokenising. */
export const featureFormat = z.discriminatedUnion('type', [
  stringFormat,
  integerFormat,
  dateFormat,
  enumFormat,
]);

/** How values are cut into tokens, so that similar values share tokens. */
export const comparison = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ngram'),
    /** Length of the n-grams; for n > 1 the value is padded with n − 1 spaces at each end. */
    n: z.int().min(1).describe('n of the n-grams'),
    /** Prefix each n-gram with its 1-based position. */
    positional: z.boolean().default(false).describe('Positional n-grams'),
  }),
  z.object({ type: z.literal('exact') }),
  z
    .object({
      type: z.literal('numeric'),
      /** Values further apart than this share no token. */
      thresholdDistance: z.number().positive().describe('Largest distance that still shares tokens'),
      /** Tokens each side of the value: 2·resolution + 1 in all. */
      resolution: z.int().min(1).describe('Tokens on each side of the value'),
      /** Decimal digits kept after the point. */
      fractional_precision: z.int().min(0).default(0).describe('Decimal digits considered'),
    })
    .refine((c) => roundHalfEven(c.thresholdDistance * Number(`1e${c.fractional_precision}`)) > 0, {
      message: 'thresholdDistance vanishes at this fractional_precision.',
      path: ['thresholdDistance'],
    }),
]);

/** How often tokens are inserted: k per token, or B per feature spread over its tokens. */
export const strategy = z
  .strictObject({
    /** Every token is inserted k times. */
    bitsPerToken: z.int().min(1).optional().describe('Insertions per token'),
    /** B insertions per feature, however many tokens it has. */
    bitsPerFeature: z.int().min(1).optional().describe('Insertions per feature'),
  })
  .refine((s) => (s.bitsPerToken === undefined) !== (s.bitsPerFeature === undefined), {
    message: 'Give exactly one of bitsPerToken and bitsPerFeature.',
  });

/** Hash family: keyed BLAKE2b (clkhash's default) or the double hashing of Schnell et al. */
export const hashConfig = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('blakeHash') }),
  z.object({
    type: z.literal('doubleHash'),
    /** Re-hash when the second hash is 0 mod l, which would put all k insertions on one bit. */
    prevent_singularity: z.boolean().optional().describe('Avoid the double-hash singularity'),
  }),
]);

/** A value that stands for "missing", and what to hash instead (the sentinel itself by default). */
export const missingValue = z.object({
  /** The text that marks a missing value; it is not checked against the format. */
  sentinel: z.string().describe('Text marking a missing value'),
  /** What is hashed in its place; '' hashes nothing. */
  replaceWith: z.string().optional().describe('Replacement for the sentinel'),
});

/** How one feature is hashed. */
export const hashingConfig = z.strictObject({
  comparison,
  strategy,
  hash: hashConfig.default({ type: 'blakeHash' }),
  missingValue: missingValue.optional(),
});

/** A column that is read but not hashed; it still takes its two keys. */
export const ignoredFeature = z.object({
  identifier: z.string().describe('Column name'),
  ignored: z.literal(true),
  description: z.string().optional(),
});

/** A column that is checked, tokenised and hashed. */
export const hashedFeature = z.object({
  identifier: z.string().describe('Column name'),
  ignored: z.literal(false).optional(),
  description: z.string().optional(),
  format: featureFormat,
  hashing: hashingConfig,
});

/** A feature of the schema, in the order of the record's columns. */
export const linkageFeature = z.discriminatedUnion('ignored', [ignoredFeature, hashedFeature]);

/** A bound on the filter built before folding, so that a partner's schema cannot exhaust memory. */
const maxFilterBits = 2 ** 24;

/** The largest HKDF output: 255 blocks of the hash. */
const hkdfLimit = { SHA256: 255 * 32, SHA512: 255 * 64 } as const;

/** A linkage schema, version 3. */
export const linkageSchemaV3 = z
  .object({
    version: z.literal(3, { error: 'Only version 3 of the linkage schema is supported.' }),
    clkConfig,
    features: z.array(linkageFeature),
  })
  .superRefine((schema, ctx) => {
    const { l, kdf, xor_folds: folds } = schema.clkConfig;
    const usesBlake = schema.features.some((f) => !f.ignored && f.hashing.hash.type === 'blakeHash');
    if (usesBlake && !Number.isInteger(Math.log2(l))) {
      ctx.addIssue({
        code: 'custom',
        path: ['clkConfig', 'l'],
        message: 'blakeHash needs l to be a power of two.',
      });
    }
    if (usesBlake && kdf.keySize > 64) {
      ctx.addIssue({
        code: 'custom',
        path: ['clkConfig', 'kdf', 'keySize'],
        message: 'blakeHash keys have at most 64 bytes.',
      });
    }
    if (2 * schema.features.length * kdf.keySize > hkdfLimit[kdf.hash]) {
      ctx.addIssue({
        code: 'custom',
        path: ['clkConfig', 'kdf', 'keySize'],
        message: `HKDF-${kdf.hash} cannot derive two ${kdf.keySize}-byte keys for each of ${schema.features.length} features.`,
      });
    }
    if (l * 2 ** folds > maxFilterBits) {
      ctx.addIssue({
        code: 'custom',
        path: ['clkConfig', 'l'],
        message: `The filter before folding (l · 2^xor_folds bits) may have at most ${maxFilterBits} bits.`,
      });
    }
    const seen = new Set<string>();
    for (const [index, feature] of schema.features.entries()) {
      if (seen.has(feature.identifier)) {
        ctx.addIssue({
          code: 'custom',
          path: ['features', index, 'identifier'],
          message: 'Duplicate identifier.',
        });
      }
      seen.add(feature.identifier);
    }
  });

/** A parsed linkage schema, defaults filled in. */
export type LinkageSchema = z.output<typeof linkageSchemaV3>;
/** A linkage schema as written (defaults may be left out). */
export type LinkageSchemaInput = z.input<typeof linkageSchemaV3>;
export type LinkageFeature = LinkageSchema['features'][number];
export type HashedFeature = Extract<LinkageFeature, { format: unknown }>;
export type FeatureFormat = HashedFeature['format'];
export type HashingConfig = HashedFeature['hashing'];
export type Comparison = HashingConfig['comparison'];
export type Strategy = HashingConfig['strategy'];
export type HashConfig = HashingConfig['hash'];
export type MissingValue = NonNullable<HashingConfig['missingValue']>;
export type KdfConfig = LinkageSchema['clkConfig']['kdf'];

/**
 * Reads and checks a linkage schema (v3, as clkhash writes it). Throws a `validation_failed` AppError
 * whose message and `details.issues` name every problem by its path.
 *
 * @example
 * const schema = parseLinkageSchema(JSON.parse(readFileSync('schema.json', 'utf8')));
 * schema.clkConfig.l; // 1024
 */
export function parseLinkageSchema(input: unknown): LinkageSchema {
  const parsed = linkageSchemaV3.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: FieldIssue[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: 'invalid_linkage_schema',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path || '(schema)'}: ${issue.message}`).join('; ');
  throw new AppError('validation_failed', `The linkage schema is not valid. ${summary}`, { issues });
}
