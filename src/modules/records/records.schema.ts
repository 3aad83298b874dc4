import { z } from 'zod';
import { codesOf } from '../../standard/codelists/codelist.js';
import type { EntityId } from '../../standard/field.js';
import { deleteReasons, filterableFields } from '../../standard/record-views.js';

/** A record body: a JSON object of the Coral Data Standard (see GET /api/v1/standard/{kind}). */
export const recordBody = z
  .record(z.string(), z.unknown())
  .describe(
    'A record of the Coral Data Standard; its JSON Schema is at /api/v1/standard/{kind}. On PATCH, a JSON merge patch.',
  );

export const recordParams = z.object({ id: z.uuid().describe('Record id') });

/** Body of DELETE: why the record is deleted (it can be restored). */
export const deleteBody = z
  .object({
    reason: z
      .enum(deleteReasons)
      .describe('Why: Duplicate, EnteredInError, ConsentWithdrawn, RetentionPeriodEnded or Other'),
  })
  .strict();

/** A record as the API shows it. */
export const recordView = z.object({
  id: z.uuid(),
  kind: z.string().describe('thbCase, somIncident, offender or proceeding'),
  version: z.number().int().describe('Send back in If-Match to change the record'),
  createdAt: z.string(),
  createdBy: z.string().describe('User id, or cli:<name>'),
  updatedAt: z.string(),
  updatedBy: z.string(),
  identifyingShown: z
    .boolean()
    .describe('False when your role does not see identifying fields: they are left out'),
  record: z.record(z.string(), z.unknown()),
  warnings: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
    .describe('Problems that do not block saving'),
});

/** A record in a list: only its summary fields, never identifying ones. */
export const recordSummaryView = z.object({
  id: z.uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  summary: z.record(z.string(), z.unknown()),
  deleted: z
    .object({ at: z.string(), reason: z.string() })
    .optional()
    .describe('When and why, in lists of deleted records only'),
});

export const recordPageView = z.object({
  items: z.array(recordSummaryView),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null at the end'),
});

export const historyView = z.array(
  z.object({
    version: z.number().int(),
    action: z.enum(['create', 'update', 'delete', 'restore']),
    changedFields: z.array(z.string()).describe('Paths of the fields that changed; never their values'),
    changedAt: z.string(),
    changedBy: z.string(),
  }),
);

/**
 * The list query of a kind, from the standard: every code, yes/no and flags field that identifies no one
 * is a filter (`caseStatus=Active`, `formsOfExploitation=SexualExploitation`, `victim.gender=Feminine`),
 * every date field a range (`identificationDateFrom`, `identificationDateTo`).
 */
export function listQuery(kind: EntityId) {
  const shape: Record<string, z.ZodType> = {
    q: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .optional()
      .describe('Text in the non-identifying text fields (references, organisations)'),
    name: z
      .string()
      .trim()
      .min(2)
      .max(200)
      .optional()
      .describe('A name, found through the blind index (exact tokens, accents ignored)'),
    sort: z.string().optional().describe('updatedAt (default), createdAt, or a date field'),
    order: z.enum(['asc', 'desc']).default('desc'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
    deleted: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true: the deleted records instead, newest deletion first (data officers only)'),
  };
  for (const { path, field } of filterableFields(kind)) {
    const type = field.type;
    if (type.kind === 'date') {
      shape[`${path}From`] = z.iso.date().optional().describe(`${field.label.en}: on or after`);
      shape[`${path}To`] = z.iso.date().optional().describe(`${field.label.en}: on or before`);
    } else if (type.kind === 'boolean') {
      shape[path] = z.enum(['true', 'false']).optional().describe(field.label.en);
    } else if (type.kind === 'code' || type.kind === 'codes' || type.kind === 'flags') {
      shape[path] = z.enum(codesOf(type.codelist)).optional().describe(field.label.en);
    }
  }
  return z.object(shape).strict();
}
