import { z } from 'zod';
import { dateOrders } from '../../interchange/cells.js';
import { columnMappingSchema } from '../../interchange/column-mapping.js';
import { delimiters } from '../../interchange/delimited.js';
import { importFormats } from '../../interchange/open-table.js';
import { textEncodings } from '../../interchange/text.js';
import { entityIds } from '../../standard/field.js';
import { importStrategies } from '../records/records.service.js';
import { exportFormats } from './exports.service.js';

const formatChoice = z
  .enum(['auto', ...importFormats])
  .describe(
    'auto (found from the file), htcds-xlsx, htcds-csv, ctdc, coral-csv, jsonl, or mapped (any other sheet, with a column mapping)',
  );

/** How to read an uploaded file; whatever is left out is found from the file. */
const readingOptions = {
  kind: z.enum(entityIds).optional().describe('thbCase, somIncident, offender or proceeding'),
  format: formatChoice.optional(),
  source: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("Whose ids the file's record ids are (default: the format or mapping name)"),
  encoding: z.enum(textEncodings).optional().describe('Text encoding, when sniffing it guesses wrong'),
  delimiter: z
    .enum(delimiters)
    .optional()
    .describe('Column separator of a delimited file, when sniffing it guesses wrong'),
  sheet: z.string().min(1).max(100).optional().describe('Worksheet of an .xlsx file (default: the first)'),
  dateOrder: z.enum(dateOrders).optional().describe('How to read 01/02/2023: DMY or MDY'),
  externalIdColumn: z.string().min(1).max(200).optional().describe("The column holding the file's own ids"),
};

export const uploadQuery = z
  .object({
    fileName: z.string().min(1).max(500).describe('The name of the uploaded file'),
    mapping: z.string().min(1).max(100).optional().describe('Name of a saved column mapping to use'),
    ...readingOptions,
  })
  .strict();

export const configureBody = z
  .object({
    ...readingOptions,
    mappingName: z.string().min(1).max(100).optional().describe('Use a saved column mapping'),
    mapping: columnMappingSchema.optional().describe('Use this column mapping'),
  })
  .strict();

export const commitBody = z
  .object({
    strategy: z
      .enum(importStrategies)
      .default('upsert')
      .describe(
        'upsert: create new and update known records; create: only new ones; update: only known ones',
      ),
    dryRun: z.boolean().default(false).describe('Report what would happen and keep nothing'),
    skipInvalid: z
      .boolean()
      .default(false)
      .describe('Import the valid rows and leave out those with errors (default: any error stops all)'),
  })
  .strict();

export const importParams = z.object({ id: z.uuid().describe('Import id') });
export const mappingParams = z.object({ name: z.string().min(1).max(100).describe('Mapping name') });
export const mappingIdParams = z.object({ id: z.uuid().describe('Mapping id') });

export const problemsQuery = z
  .object({
    after: z.coerce.number().int().min(0).default(0).describe('Problems after this sequence number'),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

const counts = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  invalid: z.number(),
});

export const importView = z.object({
  id: z.uuid(),
  kind: z.string(),
  format: z.string(),
  source: z.string(),
  fileName: z.string(),
  fileSize: z.number(),
  status: z
    .enum(['validating', 'validated', 'rejected', 'committing', 'committed', 'failed', 'cancelled'])
    .describe('validating → validated (or rejected: the file cannot be read) → committing → committed'),
  fileKept: z.boolean().describe('The upload is still kept (sealed), so it can be committed'),
  mappingName: z.string().nullable(),
  summary: z.object({
    detected: z
      .object({
        container: z.string(),
        encoding: z.string().optional(),
        delimiter: z.string().optional(),
        format: z.string(),
        kind: z.string(),
        headerRows: z.number(),
        columns: z.array(z.string()),
      })
      .optional(),
    rows: z.number(),
    valid: z.number(),
    invalid: z.number(),
    withWarnings: z.number(),
    problems: z.number().describe('All problems found; at most 10 000 are kept'),
    plan: counts.optional().describe('What committing would do'),
    result: counts.extend({ dryRun: z.boolean() }).optional(),
    sameFileAs: z.object({ importId: z.string(), committedAt: z.string() }).optional(),
    needsMapping: z.boolean().optional(),
  }),
  failure: z.string().nullable(),
  progress: z
    .object({
      phase: z.enum(['reading', 'validating', 'committing']),
      rows: z.number(),
      bytes: z.number(),
      totalBytes: z.number(),
    })
    .nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  committedAt: z.string().nullable(),
  committedBy: z.string().nullable(),
  createdByName: z.string().nullable().describe('Display name of who uploaded it (or cli:<name>)'),
  committedByName: z.string().nullable(),
});

export const problemView = z.object({
  seq: z.number(),
  row: z.number().describe('Row number in the file, counting the header'),
  column: z.string(),
  path: z.string().nullable(),
  code: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});

export const previewView = z.array(
  z.object({
    row: z.number(),
    record: z.record(z.string(), z.unknown()),
    problems: z.array(
      z.object({
        column: z.string(),
        path: z.string().optional(),
        code: z.string(),
        severity: z.enum(['error', 'warning']),
        message: z.string(),
      }),
    ),
  }),
);

export const suggestionView = z.object({
  header: z.array(z.string()),
  columns: z.array(
    z.object({
      column: z.string(),
      field: z.string().nullable(),
      confidence: z.number(),
      values: z.record(z.string(), z.string().nullable()).optional(),
    }),
  ),
  externalIdColumn: z.string().nullable(),
  fields: z
    .array(z.object({ field: z.string(), label: z.string() }))
    .describe('The Coral CSV columns a column can be mapped to'),
});

export const mappingView = z.object({
  id: z.uuid(),
  name: z.string(),
  mapping: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

export const exportQuery = z
  .object({
    kind: z.enum(entityIds),
    format: z.enum(exportFormats).default('coral-csv'),
    identifying: z
      .enum(['true', 'false'])
      .default('false')
      .describe('Include names, birth dates, documents… (only roles that may see them)'),
  })
  .catchall(z.union([z.string(), z.number()]))
  .describe('Also the list filters of the kind (status, countries, dates, q)');
