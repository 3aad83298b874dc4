import { z } from 'zod';
import { measures } from '../../indicators/catalogue.js';

/** A text in every language Coral speaks. */
export const labelsView = z.object({ en: z.string(), es: z.string(), fr: z.string(), nl: z.string() });

const measureId = z.enum(measures.map((m) => m.id) as [string, ...string[]]).describe('What is counted');
const dimensionIds = z
  .array(z.string().min(1).max(40))
  .min(1)
  .max(4)
  .describe('The dimensions of the table, one to four, e.g. ["year", "sex"]');
const filters = z
  .record(z.string().min(1).max(40), z.array(z.string().min(1).max(100)).max(300))
  .describe('Only records in these categories, e.g. { "year": ["2023"] }');

/** One table of a release, as asked for. */
export const tableRequest = z
  .object({
    measure: measureId,
    by: dimensionIds,
    filters: filters.optional(),
    title: z.string().trim().min(1).max(200).optional().describe('Shown above the table'),
  })
  .strict();

export const releaseSpec = z
  .object({
    tables: z.array(tableRequest).min(1).max(12).describe('The tables of the release'),
    method: z
      .enum(['suppression', 'differential-privacy'])
      .default('suppression')
      .describe('Cell suppression (with audited complementary suppression) or differential privacy'),
    threshold: z
      .number()
      .int()
      .min(3)
      .max(100)
      .default(5)
      .describe('Suppression: cells from 1 to this − 1 are hidden'),
    protectionWidth: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'Suppression: the narrowest interval an attacker may derive for a hidden cell (default: the threshold)',
      ),
    roundingBase: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('Round published values to a multiple of this'),
    epsilonPerTable: z
      .string()
      .max(20)
      .optional()
      .describe('Differential privacy: ε per table, a decimal or fraction such as "0.5" or "1/3"'),
    epsilonBudget: z
      .string()
      .max(20)
      .optional()
      .describe('Differential privacy: the ε all versions of the release may spend together'),
    period: z
      .object({ from: z.number().int().min(1900).max(2100), to: z.number().int().min(1900).max(2100) })
      .optional()
      .describe('Years covered, inclusive'),
    methodNote: z
      .string()
      .max(10_000)
      .default('')
      .describe('How the figures were made and protected, for readers'),
    microdata: z
      .object({
        measure: measureId.default('victims'),
        quasiIdentifiers: z
          .array(z.string().min(1).max(40))
          .min(1)
          .max(6)
          .describe('Dimensions an attacker could know (generalised until each combination occurs k times)'),
        columns: z
          .array(z.string().min(1).max(40))
          .max(12)
          .default([])
          .describe('Further dimensions published as they are'),
        k: z
          .number()
          .int()
          .min(5)
          .max(100)
          .default(11)
          .describe('Each combination of quasi-identifiers occurs at least k times'),
        maxSuppression: z
          .number()
          .min(0)
          .max(0.2)
          .default(0.05)
          .describe('Share of records whose quasi-identifiers may all be hidden'),
      })
      .strict()
      .optional()
      .describe('A record-level file, k-anonymous, as the CTDC global dataset is published'),
  })
  .strict();

export const releaseBody = z
  .object({ title: z.string().trim().min(1).max(200).describe('Title of the release'), spec: releaseSpec })
  .strict();

export const releaseChanges = z
  .object({ title: z.string().trim().min(1).max(200).optional(), spec: releaseSpec.optional() })
  .strict();

export const releaseParams = z.object({ id: z.uuid() });

const cellView = z.object({
  coordinates: z.array(z.string().nullable()).describe('The category in each dimension; null for "all"'),
  value: z.number().nullable().describe('Null when suppressed'),
  status: z
    .enum(['published', 'primary', 'secondary'])
    .describe('primary: small; secondary: hidden to protect another'),
  per100k: z.number().optional().describe('SDG 16.2.2: per 100,000 population, where known'),
});

export const tableView = z.object({
  title: z.string().optional(),
  measure: z.string(),
  measureLabel: labelsView,
  dimensions: z.array(
    z.object({
      id: z.string(),
      label: labelsView,
      categories: z.array(z.object({ code: z.string(), label: labelsView })),
    }),
  ),
  cells: z.array(cellView),
  method: z.enum(['suppression', 'differential-privacy', 'exact']),
  threshold: z.number(),
  roundingBase: z.number(),
  epsilon: z.string().optional(),
  report: z
    .object({
      primary: z.number(),
      secondary: z.number(),
      narrowestInterval: z.number().nullable(),
      programs: z.number(),
      rounds: z.number(),
    })
    .optional()
    .describe('What suppression did, and the narrowest interval an attacker can derive for a hidden cell'),
});

const microdataView = z
  .object({
    columns: z.array(z.object({ id: z.string(), label: labelsView, quasiIdentifier: z.boolean() })),
    report: z
      .object({
        rows: z.number(),
        releasedRows: z.number(),
        k: z.number(),
        maxSuppression: z.number(),
        suppressedRows: z.number().describe("Records whose quasi-identifiers were all set to '*'"),
        removedRows: z.number().describe('Suppressed records left out, being fewer than k together'),
        levels: z.record(
          z.string(),
          z.object({ hierarchy: z.string(), level: z.number(), levels: z.number() }),
        ),
        precisionLoss: z.number().describe('0: published as recorded; 1: all hidden'),
        discernibility: z.number(),
        classes: z.number(),
        averageClassSize: z.number(),
        smallestClassSize: z.number(),
        search: z.enum(['lattice', 'greedy']),
      })
      .describe('Information loss: generalisation levels, suppressed and removed records, classes'),
  })
  .optional()
  .describe('The k-anonymous record-level file, when the release has one (its rows: microdata.csv)');

export const releaseContentView = z.object({
  tables: z.array(tableView),
  microdata: microdataView,
  generatedAt: z.string(),
  populationSource: z.string(),
});

export const releaseView = z.object({
  id: z.uuid(),
  series: z.uuid().describe('Versions of one release share a series'),
  version: z.number(),
  status: z.enum(['draft', 'published']),
  title: z.string(),
  organisation: z.object({ name: z.string(), country: z.string() }).optional(),
  spec: releaseSpec,
  content: releaseContentView.nullable().describe('The published figures; null for a draft'),
  ledger: z
    .array(z.object({ label: z.string(), epsilon: z.string(), at: z.string() }))
    .describe('Differential privacy: ε spent by this and earlier versions'),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});

export const releaseSummaryView = releaseView.omit({ content: true, spec: true, ledger: true }).extend({
  methodNote: z.string(),
  method: z.string(),
  tables: z.number(),
});

export const tableQuery = z
  .object({
    measure: measureId,
    by: z
      .string()
      .min(1)
      .max(200)
      .describe('Comma-separated dimensions, e.g. year,sex')
      .transform((value) => value.split(',').map((s) => s.trim())),
    filter: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe('KEY=VALUE, repeatable (e.g. filter=year=2023)'),
    minCell: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe('Cells under this are suppressed (default 5; under 5 only for data officers and analysts)'),
  })
  .strict();

export const gapsQuery = z
  .object({
    from: z.coerce.number().int().min(1900).max(2100).describe('First year'),
    to: z.coerce.number().int().min(1900).max(2100).describe('Last year'),
  })
  .strict();

export const regionalQuery = z
  .object({
    measure: measureId,
    year: z
      .string()
      .regex(/^\d{4}$/)
      .describe('The year'),
  })
  .strict();

export const populationParams = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .describe('ISO 3166-1 alpha-2'),
  year: z.coerce.number().int().min(1950).max(2100),
});

export const populationBody = z
  .object({
    population: z.number().int().min(1).max(2_000_000_000),
    source: z.string().trim().min(3).max(500).describe('Where the figure comes from'),
  })
  .strict();
