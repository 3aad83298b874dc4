import { z } from 'zod';

/** Request and response shapes of linkage projects (OpenAPI is generated from these). */

export const projectParams = z.object({ id: z.uuid() });
export const groupParams = z.object({ id: z.uuid(), groupId: z.uuid() });
export const recordLinksParams = z.object({ kind: z.enum(['thbCase', 'offender']), recordId: z.uuid() });

export const createProjectBody = z.strictObject({
  name: z.string().trim().min(1).max(200).describe('A name every party will recognise'),
  kind: z
    .enum(['thbCase', 'offender'])
    .default('thbCase')
    .describe('Victims (THB cases, gated by consent) or suspects (offender records)'),
  threshold: z
    .number()
    .gt(0)
    .lte(1)
    .default(0.8)
    .describe('Smallest Dice similarity that makes a possible match (0.8 by default)'),
  schema: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("A linkage schema v3 (clkhash); Coral's person schema when left out"),
  partners: z
    .array(z.uuid())
    .min(1)
    .max(9)
    .describe('Organisations of other countries to invite, one per country'),
});

export const respondBody = z.strictObject({ accept: z.boolean() });

export const uploadBody = z.strictObject({
  fingerprint: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/)
    .describe('The secret’s fingerprint, as `coral link encode` prints it'),
  encodings: z
    .array(
      z.strictObject({
        id: z.uuid().describe('The Coral id of one of your records'),
        clk: z.string().max(2048).describe('Its CLK in base64'),
      }),
    )
    .min(1)
    .max(200_000),
});

export const generateBody = z.strictObject({
  secret: z
    .string()
    .min(16)
    .max(1024)
    .describe('The secret agreed with the other parties; used for this request only, never stored'),
});

export const reviewBody = z.strictObject({
  decision: z.enum(['confirmed', 'rejected']),
  note: z.string().max(1000).optional().describe('Why (no names: the note is visible to your organisation)'),
});

const organisationView = z.object({ id: z.string(), name: z.string(), country: z.string() });
const decision = z.enum(['pending', 'confirmed', 'rejected']);

export const projectView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(['thbCase', 'offender']),
  threshold: z.number(),
  status: z.enum(['open', 'closed']),
  owner: organisationView,
  schema: z.record(z.string(), z.unknown()),
  secretAgreed: z
    .boolean()
    .describe('True once a party has uploaded: later uploads must use the same secret'),
  matchedAt: z.string().nullable(),
  createdAt: z.string(),
  parties: z.array(
    z.object({
      organisation: organisationView,
      status: z.enum(['invited', 'accepted', 'declined']),
      encodings: z.number().int(),
      uploadedAt: z.string().nullable(),
    }),
  ),
  allowed: z.object({ view: z.boolean(), manage: z.boolean(), upload: z.boolean(), review: z.boolean() }),
});

export const groupView = z.object({
  id: z.uuid(),
  similarity: z.number(),
  status: decision.describe('confirmed once every party confirmed; rejected once one rejected'),
  own: z.array(
    z.object({
      recordId: z.uuid(),
      similarity: z.number(),
      decision,
      note: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  others: z.array(z.object({ organisation: organisationView, decision })),
});

export const recordLinkView = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  groupId: z.uuid(),
  confirmedAt: z.string().nullable(),
  organisations: z.array(organisationView),
});
