import { z } from 'zod';

/** Query of `GET /api/v1/audit`. */
export const auditQuery = z
  .object({
    /** Entries at or after this time (ISO 8601). */
    since: z.iso.datetime({ offset: true }).optional().describe('At or after this time (ISO 8601)'),
    /** Entries before this time (ISO 8601). */
    until: z.iso.datetime({ offset: true }).optional().describe('Before this time (ISO 8601)'),
    /** Only what this user (id) did. */
    actor: z.string().max(200).optional().describe('Actor id: a user id, or cli:<name>'),
    /** Only this action, e.g. `user.create`. */
    action: z.string().max(100).optional().describe('Action, e.g. user.create'),
    outcome: z.enum(['success', 'denied', 'failure']).optional().describe('Outcome'),
    /** Platform administrators: one organisation's entries. */
    orgId: z.uuid().optional().describe('Organisation (platform administrators)'),
    /** The `nextCursor` of the previous page. */
    before: z
      .string()
      .regex(/^\d{1,18}$/)
      .optional()
      .describe('Cursor: entries older than this id'),
    limit: z.coerce.number().int().min(1).max(500).default(100).describe('Entries per page (1 to 500)'),
  })
  .strict();

/** One audit entry. Holds ids and codes, never personal data. */
export const auditEntryView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorType: z.string().describe('user, token, cli, system or anonymous'),
  actorId: z.string().nullable(),
  tokenId: z.string().nullable(),
  orgId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.string().describe('success, denied or failure'),
  reason: z.string().nullable().describe('Error code of a denial or failure'),
  requestId: z.string().nullable(),
  clientAddress: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});

export const auditPageView = z.object({
  entries: z.array(auditEntryView),
  nextCursor: z.string().nullable().describe('Pass as `before` for the next page; null at the end'),
});

export type AuditEntryView = z.infer<typeof auditEntryView>;
